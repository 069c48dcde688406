// Canned replies (常用回复): texts an agent inserts into the composer, with variables filled from the
// ticket at the moment of insertion. Shared by the server (validation) and the web app (filling).
import { z } from 'zod';
import { ZId, ZVersion } from './api.ts';

/** The variables a canned reply may use, written `{{customer.name}}`. */
export const CANNED_VARIABLES = [
  'customer.name',
  'contact.name',
  'contact.phone',
  'ticket.number',
  'ticket.subject',
  'agent.name',
] as const;
export type TCannedVariable = (typeof CANNED_VARIABLES)[number];

const VARIABLE = /\{\{\s*([a-zA-Z_.]+)\s*\}\}/g;

/** The variables in `body` the product does not know (a typo would otherwise reach a customer). */
export function unknownVariables(body: string): string[] {
  const known = new Set<string>(CANNED_VARIABLES);
  return [...new Set([...body.matchAll(VARIABLE)].map((m) => m[1]!).filter((v) => !known.has(v)))];
}

/** The body with each known variable replaced by its value; a variable without a value becomes ''. */
export function fillCannedReply(body: string, values: Partial<Record<TCannedVariable, string | null>>) {
  return body.replace(VARIABLE, (whole, name: string) =>
    (CANNED_VARIABLES as readonly string[]).includes(name) ? (values[name as TCannedVariable] ?? '') : whole,
  );
}

export const ZCannedReplyFields = {
  title: z.string().trim().min(1).max(80),
  body: z.string().trim().min(1).max(5_000),
};
export const ZCreateCannedReplyRequest = z.strictObject(ZCannedReplyFields);
export const ZCannedReply = z.object({
  id: ZId,
  title: z.string(),
  body: z.string(),
  version: ZVersion,
  updatedAt: z.string(),
});
export type TCannedReply = z.infer<typeof ZCannedReply>;

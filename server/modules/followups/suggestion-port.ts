// The port through which a customer's suggestion given on a follow-up's outcome becomes an improvement
// suggestion (改进建议, issue 17). The complaints module owns the suggestions and already asks followups,
// so followups declares the port and the complaints module provides it at start-up (app.ts wireReferences).
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';

export interface FollowUpSuggestion {
  followUpId: string;
  customerId: string;
  projectId: string | null;
  contactEmail: string | null;
  /** The follow-up's reference (ticket or complaint number), for the suggestion's title. */
  reference: string | null;
  text: string;
}

/**
 * Called in the transaction that records the outcome. Idempotent per follow-up: a second call for the
 * same follow-up updates the suggestion's text while it is still only registered, never adds another.
 */
export type FollowUpSuggestionPort = (tx: Executor, ctx: Ctx, s: FollowUpSuggestion) => Promise<void>;

let port: FollowUpSuggestionPort | undefined;

export function provideFollowUpSuggestions(p: FollowUpSuggestionPort): void {
  port = p;
}

export async function passOnSuggestion(tx: Executor, ctx: Ctx, s: FollowUpSuggestion): Promise<void> {
  if (port && s.text.trim()) await port(tx, ctx, s);
}

// Audit log: every change records actor, time, action, entity, before/after and request address,
// written in the same transaction as the change.
import type { Executor } from '../db/pool.ts';
import { hotInsert } from '../db/prepared.ts';
import type { Ctx } from './context.ts';
import { auditLog } from './schema.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.has(k) ? '[redacted]' : redact(v),
      ]),
    );
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

// Every change writes one: built once per number of entries (server/db/prepared.ts).
const insertAudit = hotInsert('audit_insert', auditLog);

/** Several entries in one statement (a batch job's changes), each as `writeAudit` would write it. */
export async function writeAudits(tx: Executor, ctx: Ctx, events: readonly AuditEvent[]): Promise<void> {
  const at = ctx.clock.now();
  for (let i = 0; i < events.length; i += 2000)
    await insertAudit(
      tx,
      events.slice(i, i + 2000).map((event) => ({
        at,
        actorId: ctx.principal.userId,
        actorLabel: ctx.principal.label,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        before: redact(event.before) ?? null,
        after: redact(event.after) ?? null,
        ip: ctx.ip,
        requestId: ctx.requestId,
      })),
    );
}

export async function writeAudit(tx: Executor, ctx: Ctx, event: AuditEvent): Promise<void> {
  await writeAudits(tx, ctx, [event]);
}

// HTTP: browse the audit log (read only: there is no route that changes it).
import { pageOf, ZAuditEntry, ZAuditListQuery } from '../../../common/api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { badRequest } from '../../platform/errors.ts';
import { listAudit } from './repository.ts';

export function registerAuditRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first, filtered',
        querystring: ZAuditListQuery,
        response: { 200: pageOf(ZAuditEntry) },
      },
    },
    async (request) => {
      const q = request.query;
      let before: bigint | null = null;
      if (q.cursor) {
        if (!/^\d{1,19}$/.test(q.cursor))
          throw badRequest('cursor is not valid', [{ field: 'cursor', message: 'invalid' }]);
        before = BigInt(q.cursor);
      }
      const rows = await listAudit(
        deps.ctx(request).db,
        { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
        before,
        q.limit,
      );
      const items = rows.slice(0, q.limit).map((r) => ({
        id: r.id.toString(),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorLabel: r.actorLabel,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        ip: r.ip,
        requestId: r.requestId,
      }));
      return { items, nextCursor: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
    },
  );
}

// HTTP: the mail log (administrators): outbound emails, one rendered, and resend.
import { z } from 'zod';
import { pageOf } from '../../../common/api.ts';
import { ZMailLogDetail, ZMailLogEntry, ZMailLogQuery } from '../../../common/mail-log-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { findOutboxEmail, listOutboxEmails, resendOutboxEmail } from '../../platform/outbox-log.ts';

const tags = ['mail-log'];
const ZMailId = z.object({ id: z.string().regex(/^\d{1,19}$/) });

export function registerMailLogRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/mail-log',
    {
      config: { permission: 'mail_log.manage' },
      schema: {
        tags,
        summary: 'Outbound emails, newest first (sent, waiting or given up), with or without SMTP',
        querystring: ZMailLogQuery,
        response: { 200: pageOf(ZMailLogEntry) },
      },
    },
    async (request) => listOutboxEmails(deps.ctx(request).db, request.query),
  );
  app.get(
    '/api/v1/mail-log/:id',
    {
      config: { permission: 'mail_log.manage' },
      schema: {
        tags,
        summary: 'One outbound email: its rendered text and HTML body and its attachments',
        params: ZMailId,
        response: { 200: ZMailLogDetail },
      },
    },
    async (request) => findOutboxEmail(deps.ctx(request).db, request.params.id),
  );
  app.post(
    '/api/v1/mail-log/:id/resend',
    {
      config: { permission: 'mail_log.manage' },
      schema: {
        tags,
        summary: 'Send one email again now (audited); 502 when the mail server refuses it',
        params: ZMailId,
        response: { 200: ZMailLogEntry },
      },
    },
    async (request) => resendOutboxEmail(deps.ctx(request), deps, request.params.id),
  );
}

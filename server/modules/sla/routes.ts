// HTTP: SLA calendars and their preview.
import { z } from 'zod';
import { patchOf, ZId, ZVersion } from '../../../common/api.ts';
import {
  type TRecomputeRequest,
  ZPolicy,
  ZPolicyFields,
  ZRecomputeRequest,
  ZRecomputeResponse,
} from '../../../common/sla-api.ts';
import type { PolicyConditions, TargetDefinition } from '../../../common/sla-rules.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import * as policies from './policies.ts';
import type { SlaTicketPort } from './ports.ts';
import { recomputeFromHistory } from './recompute.ts';
import * as service from './service.ts';

const tags = ['sla'];
const ZSlot = z.tuple([z.int().min(0).max(1440), z.int().min(0).max(1440)]);
const ZDay = z.object({ date: z.iso.date(), name: z.string().trim().min(1).max(60) });
const ZTimeZone = z
  .string()
  .max(60)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not a known time zone');
const ZCalendarFields = {
  name: z.string().trim().min(1).max(100),
  timeZone: ZTimeZone,
  weekly: z.partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), z.array(ZSlot).max(6)),
  holidays: z.array(ZDay).max(2000),
  workdays: z.array(ZDay).max(500),
  workdaySlots: z.array(ZSlot).max(6),
};
const ZCalendar = z.object({
  id: ZId,
  name: z.string(),
  timeZone: z.string(),
  weekly: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  workdays: z.array(z.object({ date: z.string(), name: z.string() })),
  workdaySlots: z.array(z.tuple([z.number(), z.number()])),
  version: z.int(),
});

export function registerSlaRoutes(app: Api, deps: RouteDeps, tickets: SlaTicketPort) {
  app.get(
    '/api/v1/sla/calendars',
    {
      config: { permission: 'sla.read' },
      schema: { tags, summary: 'SLA calendars', response: { 200: z.array(ZCalendar) } },
    },
    async (request) => service.listCalendars(deps.ctx(request)),
  );
  app.post(
    '/api/v1/sla/calendars',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary: 'Create a calendar',
        body: z.strictObject(ZCalendarFields),
        response: { 201: ZCalendar },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createCalendar(deps.ctx(request), request.body as service.CalendarInput)),
  );
  app.patch(
    '/api/v1/sla/calendars/:id',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary: 'Change a calendar (e.g. import a year of holidays); needs the current version',
        params: z.object({ id: ZId }),
        body: patchOf(ZCalendarFields),
        response: { 200: ZCalendar },
      },
    },
    async (request) =>
      service.updateCalendar(
        deps.ctx(request),
        request.params.id,
        request.body as Partial<service.CalendarInput> & { version: number },
      ),
  );
  app.post(
    '/api/v1/sla/calendars/:id/preview',
    {
      config: { permission: 'sla.read' },
      schema: {
        tags,
        summary: 'When is a target due on this calendar: start + business duration, pauses added back',
        params: z.object({ id: ZId }),
        body: z.strictObject({
          start: z.iso.datetime({ offset: true }),
          durationSeconds: z
            .int()
            .min(0)
            .max(366 * 86400),
          pauses: z
            .array(
              z.strictObject({
                from: z.iso.datetime({ offset: true }),
                to: z.iso.datetime({ offset: true }),
              }),
            )
            .max(100)
            .default([]),
        }),
        response: { 200: z.object({ due: z.string(), businessSeconds: z.int(), wallClockSeconds: z.int() }) },
      },
    },
    async (request) => service.previewCalendar(deps.ctx(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/sla/calendars/:id/import-year',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary: "Replace one year's public holidays and make-up working days (调休) of a calendar",
        params: z.object({ id: ZId }),
        body: z.strictObject({
          year: z.int().min(2000).max(2100),
          version: ZVersion,
          days: z.array(ZDay.extend({ kind: z.enum(['off', 'work']) })).max(200),
        }),
        response: { 200: ZCalendar },
      },
    },
    async (request) => service.importYear(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/sla/policies',
    {
      config: { permission: 'sla.read' },
      schema: {
        tags,
        summary: 'SLA policies, in the order they are tried',
        response: { 200: z.array(ZPolicy) },
      },
    },
    async (request) => policies.listPolicies(deps.ctx(request)),
  );
  app.post(
    '/api/v1/sla/policies',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary: 'Create a policy',
        body: z.strictObject(ZPolicyFields),
        response: { 201: ZPolicy },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await policies.createPolicy(deps.ctx(request), request.body as policies.PolicyInput)),
  );
  app.patch(
    '/api/v1/sla/policies/:id',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary: 'Change a policy (tickets already under it keep their targets); needs the current version',
        params: z.object({ id: ZId }),
        body: patchOf(ZPolicyFields),
        response: { 200: ZPolicy },
      },
    },
    async (request) =>
      policies.updatePolicy(
        deps.ctx(request),
        request.params.id,
        request.body as Partial<policies.PolicyInput> & { version: number },
      ),
  );
  app.delete(
    '/api/v1/sla/policies/:id',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary: 'Delete a policy',
        params: z.object({ id: ZId }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await policies.deletePolicy(deps.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/sla/recompute',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary:
          'Recompute SLA targets from history (one ticket, or those opened in a range), after a calendar edit',
        description:
          'mode "history" (default) keeps the definitions each ticket was promised; mode "current-policy" ' +
          're-applies the policy as it is now: it answers the before/after due times without changing ' +
          'anything until the same request is sent with confirm: true.',
        body: ZRecomputeRequest,
        response: { 200: ZRecomputeResponse },
      },
    },
    async (request) => {
      const body = request.body as {
        ticketId?: string;
        ticketNumber?: string;
        from?: string;
        to?: string;
      } & Pick<TRecomputeRequest, 'mode' | 'confirm'>;
      if (body.from && body.to && new Date(body.to) <= new Date(body.from)) {
        throw invalidField('to', 'must be after from');
      }
      return recomputeFromHistory(deps.ctx(request), tickets, {
        ticketId: body.ticketId,
        ticketNumber: body.ticketNumber,
        from: body.from ? new Date(body.from) : undefined,
        to: body.to ? new Date(body.to) : undefined,
        mode: body.mode,
        confirm: body.confirm,
      });
    },
  );
}

export type { PolicyConditions, TargetDefinition };

// HTTP: the SLA dashboard (compliance per stage, breach minutes, MTTR) with its filters, the records
// behind a figure, each table as Excel, and a refresh of the rollups now. Figures are read from the
// reports database (REPORTS_DATABASE_URL, a replica) when one is configured.
import { z } from 'zod';
import {
  SLA_EXPORT_TABLES,
  ZAnalyticsOverview,
  ZAnalyticsOverviewQuery,
  ZOpenWork,
  ZOpenWorkQuery,
  ZOpenWorkRecords,
  ZOpenWorkRecordsQuery,
  ZRollupResult,
  ZSlaDashboard,
  ZSlaDashboardQuery,
  ZSlaRecordPage,
  ZSlaRecordsQuery,
} from '../../../common/analytics-api.ts';
import {
  MEASURE_EXPORT_TABLES,
  ZAnalyticsSettings,
  ZMeasureRecordPage,
  ZMeasureRecordsQuery,
  ZMeasures,
  ZMeasuresQuery,
  ZPerformance,
  ZPerformanceQuery,
  ZSaveAnalyticsSettings,
} from '../../../common/measures-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { scopedFilter, slaDashboard, slaRecordsOf } from './dashboard.ts';
import { slaTableExport } from './exports.ts';
import { measureTableExport, performanceExport } from './measures-exports.ts';
import { measureRecordsOf, measuresDashboard, staffPerformance } from './measures-view.ts';
import { openWorkByRegion, openWorkRecords } from './open-work.ts';
import { analyticsOverview } from './overview.ts';
import { refreshRollups } from './rollup.ts';
import { measureSettingsOf, saveMeasureSettings } from './settings.ts';

const tags = ['analytics'];

export function registerAnalyticsRoutes(app: Api, deps: RouteDeps) {
  const reads = () => deps.reportsDb ?? deps.db;

  app.get(
    '/api/v1/analytics/sla',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'SLA compliance per stage (met on time / decided, breach minutes) and mean time to restore, per period and breakdown (a customer user sees only its own organisation)',
        querystring: ZSlaDashboardQuery,
        response: { 200: ZSlaDashboard },
      },
    },
    async (request) => slaDashboard(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/analytics/open-work',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'Open tickets and open work orders now, by region (the project region, else the customer region) with their sites (a customer user sees only its own organisation)',
        querystring: ZOpenWorkQuery,
        response: { 200: ZOpenWork },
      },
    },
    async (request) => openWorkByRegion(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/analytics/open-work/records',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'The open tickets and work orders behind one region of the open-work breakdown',
        querystring: ZOpenWorkRecordsQuery,
        response: { 200: ZOpenWorkRecords },
      },
    },
    async (request) => openWorkRecords(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/analytics/sla/records',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'The targets behind an SLA figure (breached, or met on time), with their tickets',
        querystring: ZSlaRecordsQuery,
        response: { 200: ZSlaRecordPage },
      },
    },
    async (request) => slaRecordsOf(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/analytics/sla/export',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'One table of the SLA dashboard as an Excel workbook',
        querystring: ZSlaDashboardQuery.and(z.object({ table: z.enum(SLA_EXPORT_TABLES), lang: ZXlsxLang })),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { table, lang, ...query } = request.query;
      // The scope is checked before the download starts (a 404, not a broken file).
      scopedFilter(ctx, query);
      return sendXlsx(reply, ctx, slaTableExport(ctx, reads(), query, table), lang);
    },
  );
  app.get(
    '/api/v1/analytics/overview',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          "Satisfaction against its target, complaints and their hot spots, maintenance compliance over the period's months (staff; each the owning module's report)",
        querystring: ZAnalyticsOverviewQuery,
        response: { 200: ZAnalyticsOverview },
      },
    },
    async (request) => analyticsOverview(deps.ctx(request), request.query),
  );
  app.post(
    '/api/v1/analytics/refresh',
    {
      config: { permission: 'analytics.refresh' },
      schema: {
        tags,
        summary:
          'Bring the rollups up to date now (the job does it every 10 minutes): the days changed since the last run',
        response: { 200: ZRollupResult },
      },
    },
    async (request) => {
      const ctx = deps.ctx(request);
      return refreshRollups({ db: ctx.db, clock: ctx.clock, timeZone: ctx.timeZone });
    },
  );
  registerMeasureRoutes(app, deps);
}

function registerMeasureRoutes(app: Api, deps: RouteDeps) {
  const reads = () => deps.reportsDb ?? deps.db;
  app.get(
    '/api/v1/analytics/measures',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          "First-time fix, repeat repair (and equipment at its limit), follow-ups on time, MTBF per product/model/project/asset, engineers' figures (docs/analytics.md; a customer user sees only its own organisation, without staff figures)",
        querystring: ZMeasuresQuery,
        response: { 200: ZMeasures },
      },
    },
    async (request) => measuresDashboard(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/analytics/measures/records',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'The records behind a measure (tickets, work orders, follow-ups), counted or missed',
        querystring: ZMeasureRecordsQuery,
        response: { 200: ZMeasureRecordPage },
      },
    },
    async (request) => measureRecordsOf(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/analytics/measures/export',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'One table of the measures as an Excel workbook',
        querystring: ZMeasuresQuery.and(z.object({ table: z.enum(MEASURE_EXPORT_TABLES), lang: ZXlsxLang })),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { table, lang, ...query } = request.query;
      scopedFilter(ctx, query);
      if (table === 'engineers' && ctx.scope.kind === 'customer') throw forbidden();
      return sendXlsx(reply, ctx, measureTableExport(ctx, reads(), query, table), lang);
    },
  );
  app.get(
    '/api/v1/analytics/settings',
    {
      config: { permission: 'analytics.refresh' },
      schema: {
        tags,
        summary: "The measures' settings: first-time fix reopening window (days), repair count listed",
        response: { 200: ZAnalyticsSettings },
      },
    },
    async (request) => measureSettingsOf(deps.ctx(request).db),
  );
  app.put(
    '/api/v1/analytics/settings',
    {
      config: { permission: 'analytics.refresh' },
      schema: {
        tags,
        summary: "Change the measures' settings (version-checked: 409 when changed meanwhile)",
        body: ZSaveAnalyticsSettings,
        response: { 200: ZAnalyticsSettings },
      },
    },
    async (request) => saveMeasureSettings(deps.ctx(request), request.body),
  );
  app.get(
    '/api/v1/analytics/performance',
    {
      config: { permission: 'analytics.performance' },
      schema: {
        tags,
        summary:
          'Staff performance of a month (jobs, SLA met, first-time fix, satisfaction, complaints upheld): a manager sees everyone, anyone else their own record',
        querystring: ZPerformanceQuery,
        response: { 200: ZPerformance },
      },
    },
    async (request) => staffPerformance(deps.ctx(request), reads(), request.query),
  );
  app.get(
    '/api/v1/analytics/performance/export',
    {
      config: { permission: 'analytics.performance' },
      schema: {
        tags,
        summary: 'Staff performance of a month as an Excel workbook (the same rows the page shows)',
        querystring: ZPerformanceQuery.and(z.object({ lang: ZXlsxLang })),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { lang, ...query } = request.query;
      await staffPerformance(ctx, reads(), query); // permission answer before the download starts
      return sendXlsx(reply, ctx, performanceExport(ctx, reads(), query), lang);
    },
  );
}

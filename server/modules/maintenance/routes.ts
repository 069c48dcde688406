// HTTP: maintenance settings, templates (checklists) and plans per project.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZCreatePlanRequest,
  ZCreateTemplateRequest,
  ZGenerateResult,
  ZMaintenanceSettings,
  ZPlan,
  ZPlanListQuery,
  ZPlanSummary,
  ZPlanVisit,
  ZTemplate,
  ZUpdateMaintenanceSettingsRequest,
  ZUpdatePlanRequest,
  ZUpdateTemplateRequest,
} from '../../../common/maintenance-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { registerCampaignRoutes } from './campaign-routes.ts';
import * as generation from './generate.ts';
import { registerMaintenanceInsightRoutes } from './routes-insight.ts';
import * as service from './service.ts';
import { registerVisitRoutes } from './visit-routes.ts';

const tags = ['maintenance'];
const ZIdParams = z.object({ id: ZId });
const ZBool = z.enum(['true', 'false']).optional();
const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');

export function registerMaintenanceRoutes(app: Api, deps: RouteDeps) {
  registerVisitRoutes(app, deps);
  registerCampaignRoutes(app, deps);
  registerMaintenanceInsightRoutes(app, deps);
  app.get(
    '/api/v1/maintenance/settings',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'Maintenance settings: intervals by size class and cycle, horizon, shift off closed days',
        response: { 200: ZMaintenanceSettings },
      },
    },
    async (request) => service.getSettings(deps.ctx(request)),
  );
  app.put(
    '/api/v1/maintenance/settings',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          'Change the maintenance settings (audited); needs the current version (0 before the first change)',
        body: ZUpdateMaintenanceSettingsRequest,
        response: { 200: ZMaintenanceSettings },
      },
    },
    async (request) => service.updateSettings(deps.ctx(request), request.body),
  );

  app.get(
    '/api/v1/maintenance/templates',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'Maintenance templates with their checklists',
        querystring: z.object({ category: z.string().trim().min(1).max(60).optional(), active: ZBool }),
        response: { 200: z.array(ZTemplate) },
      },
    },
    async (request) =>
      service.listTemplates(deps.ctx(request), {
        category: request.query.category,
        active: bool(request.query.active),
      }),
  );
  app.get(
    '/api/v1/maintenance/templates/:id',
    {
      config: { permission: 'maintenance.read' },
      schema: { tags, summary: 'A maintenance template', params: ZIdParams, response: { 200: ZTemplate } },
    },
    async (request) => service.getTemplate(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/maintenance/templates',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary: 'Create a template for a product category and size class, with its checklist',
        body: ZCreateTemplateRequest,
        response: { 201: ZTemplate },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createTemplate(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/maintenance/templates/:id',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary: 'Change a template; needs the current version',
        params: ZIdParams,
        body: ZUpdateTemplateRequest,
        response: { 200: ZTemplate },
      },
    },
    async (request) => service.updateTemplate(deps.ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/maintenance/plans',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'Maintenance plans, by project or customer',
        querystring: ZPlanListQuery,
        response: { 200: z.array(ZPlanSummary) },
      },
    },
    async (request) =>
      service.listPlans(deps.ctx(request), {
        projectId: request.query.projectId,
        customerId: request.query.customerId,
        active: bool(request.query.active),
      }),
  );
  app.get(
    '/api/v1/maintenance/plans/:id',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'A maintenance plan with each asset and the templates that apply to it',
        params: ZIdParams,
        response: { 200: ZPlan },
      },
    },
    async (request) => service.getPlan(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/maintenance/plans',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          "Create a plan for a project's equipment; a plan overlapping another active one for the same asset and template is a 409",
        body: ZCreatePlanRequest,
        response: { 201: ZPlan },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createPlan(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/maintenance/plans/:id',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary: 'Change a plan (equipment, templates, dates, schedule, ended); needs the current version',
        params: ZIdParams,
        body: ZUpdatePlanRequest,
        response: { 200: ZPlan },
      },
    },
    async (request) => service.updatePlan(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/maintenance/plans/:id/visits',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'What was generated for a plan and why: each asset and template on its visit (work order)',
        params: ZIdParams,
        response: { 200: z.array(ZPlanVisit) },
      },
    },
    async (request) => generation.planVisits(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/maintenance/plans/:id/generate',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          "Generate now the visits of the plan's project over the horizon (idempotent; dispatched visits never move)",
        params: ZIdParams,
        response: { 200: ZGenerateResult },
      },
    },
    async (request) => generation.generateForPlan(deps.ctx(request), request.params.id),
  );
}

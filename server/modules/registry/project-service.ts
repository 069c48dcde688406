// Projects/sites (工程项目), their contacts, and installation → commissioning → acceptance (篇3 一.1).
import type { z } from 'zod';
import type {
  TContact,
  TProject,
  ZCreateAcceptanceRequest,
  ZCreateContactRequest,
  ZCreateProjectRequest,
  ZUpdateContactRequest,
  ZUpdateProjectRequest,
} from '../../../common/registry-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { assertReferences } from '../../platform/references.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { recordArchiveEvent, recordArchiveEvents } from './archive.ts';
import * as repo from './project-repository.ts';
import { findCustomer } from './repository.ts';
import { contacts, projects } from './schema.ts';

function toProject(row: repo.ProjectRow): TProject {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    code: row.code,
    name: row.name,
    address: row.address,
    region: row.region,
    timeZone: row.timeZone,
    latitude: row.latitude,
    longitude: row.longitude,
    customerContactId: row.customerContactId,
    engineerIds: row.engineerIds,
    emergencyPlanFileId: row.emergencyPlanFileId,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toContact(row: typeof contacts.$inferSelect): TContact {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    phone: row.phone,
    email: row.email,
    title: row.title,
    userId: row.userId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function assertStaff(ctx: Ctx) {
  if (ctx.scope.kind === 'customer') throw forbidden();
}

export async function listProjects(
  ctx: Ctx,
  query: { q?: string; customerId?: string; status?: string; limit: number },
  after: CursorKey | null,
) {
  const rows = await repo.listProjects(ctx.db, ctx.scope, query, after, query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.name, id: r.id }));
  return { items: page.items.map(toProject), nextCursor: page.nextCursor };
}

export async function getProject(ctx: Ctx, id: string): Promise<TProject> {
  const row = await repo.findProject(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Project');
  return toProject(row);
}

export async function createProject(
  ctx: Ctx,
  input: z.infer<typeof ZCreateProjectRequest>,
): Promise<TProject> {
  assertStaff(ctx);
  if (!(await findCustomer(ctx.db, ctx.scope, input.customerId)))
    throw invalidField('customerId', 'no such customer');
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertProject(tx, { ...input, timeZone: input.timeZone ?? ctx.timeZone });
    await writeAudit(tx, ctx, {
      action: 'project.create',
      entityType: 'project',
      entityId: row.id,
      after: row,
    });
    await recordArchiveEvent(tx, ctx, {
      customerId: row.customerId,
      projectId: row.id,
      kind: 'registry.project-created',
      summary: `Project ${row.code} ${row.name} registered`,
      details: { code: row.code, name: row.name },
      refType: 'project',
      refId: row.id,
    });
    return row.id;
  });
  return getProject(ctx, id);
}

export async function updateProject(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZUpdateProjectRequest>,
): Promise<TProject> {
  assertStaff(ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findProject(tx, ctx.scope, id);
    if (!before) throw notFound('Project');
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, projects, 'Project', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'project.update',
      entityType: 'project',
      entityId: id,
      before,
      after,
    });
    if (changes.status && changes.status !== before.status) {
      await recordArchiveEvent(tx, ctx, {
        customerId: before.customerId,
        projectId: id,
        kind: 'registry.project-status',
        summary: `Project status ${before.status} → ${changes.status}`,
        details: { from: before.status, to: changes.status },
      });
    }
  });
  return getProject(ctx, id);
}

// ---------- contacts ----------
export async function listContacts(ctx: Ctx, customerId: string): Promise<TContact[]> {
  if (!(await findCustomer(ctx.db, ctx.scope, customerId))) throw notFound('Customer');
  return (await repo.listContacts(ctx.db, ctx.scope, customerId)).map(toContact);
}

export async function createContact(
  ctx: Ctx,
  input: z.infer<typeof ZCreateContactRequest>,
): Promise<TContact> {
  assertStaff(ctx);
  if (!(await findCustomer(ctx.db, ctx.scope, input.customerId)))
    throw invalidField('customerId', 'no such customer');
  await assertReferences(ctx, input.customerId, [
    { field: 'userId', kind: 'customer_user', ids: input.userId },
  ]);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertContact(tx, input);
    await writeAudit(tx, ctx, {
      action: 'contact.create',
      entityType: 'contact',
      entityId: row.id,
      after: row,
    });
    return toContact(row);
  });
}

export async function updateContact(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZUpdateContactRequest>,
): Promise<TContact> {
  assertStaff(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findContact(tx, ctx.scope, id);
    if (!before) throw notFound('Contact');
    const { version, ...changes } = input;
    await assertReferences(
      ctx,
      before.customerId,
      [{ field: 'userId', kind: 'customer_user', ids: changes.userId }],
      tx,
    );
    const after = await updateVersioned(tx, contacts, 'Contact', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'contact.update',
      entityType: 'contact',
      entityId: id,
      before,
      after,
    });
    return toContact(after);
  });
}

// ---------- installation, commissioning, acceptance ----------
export async function listAcceptanceRecords(ctx: Ctx, projectId: string) {
  await getProject(ctx, projectId);
  return (await repo.listAcceptance(ctx.db, ctx.scope, projectId)).map(toAcceptance);
}

function toAcceptance(row: Awaited<ReturnType<typeof repo.insertAcceptance>>) {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind,
    performedOn: row.performedOn,
    checklist: row.checklist,
    testResults: row.testResults,
    certificateNumber: row.certificateNumber,
    signedByName: row.signedByName,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
  };
}

const NEXT_STATUS = {
  installation: 'commissioning',
  commissioning: 'commissioning',
  acceptance: 'accepted',
} as const;

/**
 * Records an installation, commissioning or acceptance. An acceptance certificate sets the
 * acceptance date of all the project's equipment at once, which starts their warranty.
 */
export async function recordAcceptance(
  ctx: Ctx,
  projectId: string,
  input: z.infer<typeof ZCreateAcceptanceRequest>,
) {
  assertStaff(ctx);
  if (input.kind === 'acceptance' && !input.signedByName) {
    throw invalidField('signedByName', 'an acceptance certificate names who signed it');
  }
  return ctx.db.transaction(async (tx) => {
    const project = await repo.findProject(tx, ctx.scope, projectId);
    if (!project) throw notFound('Project');
    const row = await repo.insertAcceptance(tx, {
      ...input,
      customerId: project.customerId,
      projectId,
      createdBy: ctx.principal.userId,
      createdAt: ctx.clock.now(),
    });
    const accepted =
      input.kind === 'acceptance' ? await repo.acceptProjectAssets(tx, projectId, input.performedOn) : [];
    if (project.status !== 'in_service' && project.status !== 'closed') {
      await updateVersioned(tx, projects, 'Project', projectId, project.version, {
        status: NEXT_STATUS[input.kind],
      });
    }
    await writeAudit(tx, ctx, {
      action: `project.${input.kind}`,
      entityType: 'project',
      entityId: projectId,
      after: { ...row, acceptedAssets: accepted.length },
    });
    await recordArchiveEvent(tx, ctx, {
      customerId: project.customerId,
      projectId,
      kind: `registry.${input.kind}`,
      summary: `${input.kind} on ${input.performedOn}${input.signedByName ? `, signed by ${input.signedByName}` : ''}`,
      details: {
        certificateNumber: input.certificateNumber ?? null,
        acceptedAssets: accepted.length,
        date: input.performedOn,
        signedBy: input.signedByName ?? null,
      },
      refType: 'acceptance_record',
      refId: row.id,
    });
    await recordArchiveEvents(
      tx,
      ctx,
      accepted.map((asset) => ({
        customerId: asset.customerId,
        projectId,
        assetId: asset.id,
        kind: 'registry.asset-accepted',
        summary: `Accepted on ${input.performedOn}; warranty starts`,
        details: { date: input.performedOn },
        refType: 'acceptance_record',
        refId: row.id,
      })),
    );
    return { record: toAcceptance(row), acceptedAssets: accepted.length };
  });
}

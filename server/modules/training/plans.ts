// Training needs and plans per project (培训计划, 篇2 5): what the owner's people must learn, the mode
// (on site / centralised / online), dates, how many trainees, the courses and trainers. The seed's
// minimums (on site ≥ 2 working days on the business calendar, ≥ 5 trainees) are warnings, not blocks.
import type { TCreatePlanRequest, TPlan } from '../../../common/training-api.ts';
import { planWarnings, workingDaysBetween } from '../../../common/training-rules.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import { customerFacts, projectFacts } from '../registry/index.ts';
import * as repo from './repository.ts';
import { trainingCalendar, trainingSettingsOf } from './settings.ts';

async function toPlans(ctx: Ctx, rows: repo.PlanRow[]): Promise<TPlan[]> {
  const settings = await trainingSettingsOf(ctx.db);
  const cal = await trainingCalendar(ctx.db, settings.calendarId, ctx.timeZone);
  const customers = await customerFacts(
    ctx.db,
    rows.map((r) => r.customerId),
  );
  const projects = await projectFacts(
    ctx.db,
    rows.map((r) => r.projectId),
  );
  return rows.map((r) => {
    const workingDays = workingDaysBetween(cal, r.startsOn, r.endsOn);
    return {
      id: r.id,
      customerId: r.customerId,
      customerName: customers.get(r.customerId)?.name ?? '',
      projectId: r.projectId,
      projectName: projects.get(r.projectId)?.name ?? '',
      content: r.content,
      mode: r.mode,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      workingDays,
      traineeCount: r.traineeCount,
      courseIds: r.courseIds,
      trainerIds: r.trainerIds,
      warnings: planWarnings({ mode: r.mode, workingDays, traineeCount: r.traineeCount }, settings),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function listPlans(ctx: Ctx, filter: { projectId?: string; customerId?: string }) {
  return toPlans(ctx, await repo.listPlans(ctx.db, filter));
}

export async function getPlan(ctx: Ctx, id: string): Promise<TPlan> {
  const row = await repo.findPlan(ctx.db, id);
  if (!row) throw notFound('Training plan');
  return (await toPlans(ctx, [row]))[0]!;
}

export async function createPlan(ctx: Ctx, input: TCreatePlanRequest): Promise<TPlan> {
  await assertReferences(ctx, input.customerId, [
    { field: 'customerId', kind: 'customer', ids: input.customerId },
    { field: 'projectId', kind: 'project', ids: input.projectId },
    { field: 'trainerIds', kind: 'staff', ids: input.trainerIds },
  ]);
  const courses = await repo.courseIdsExisting(ctx.db, input.courseIds);
  if (input.courseIds.some((id) => !courses.has(id))) throw invalidField('courseIds', 'no such course');
  const row = await ctx.db.transaction(async (tx) => {
    const plan = await repo.insertPlan(tx, {
      ...input,
      courseIds: [...new Set(input.courseIds)],
      trainerIds: [...new Set(input.trainerIds)],
      createdBy: ctx.principal.userId,
      createdAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'training.plan.create',
      entityType: 'training_plan',
      entityId: plan.id,
      after: plan,
    });
    return plan;
  });
  return (await toPlans(ctx, [row]))[0]!;
}

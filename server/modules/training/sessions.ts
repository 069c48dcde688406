// Sessions (培训课次) on the trainer's calendar: created in the future only, with the trainer's other
// sessions at the same time and his leave on its days shown as conflicts (a warning, never a block),
// the venue and equipment checklist (场地和设备), and the trainees. Leave is kept in the staff member's
// working profile, the field module's (`staffLeave`), the one place the dispatcher reads it too.
import type {
  TChecklistItem,
  TCreateSessionRequest,
  TSaveTrainerLeaveRequest,
  TSession,
  TSessionDetail,
  TTrainee,
  TTrainerLeaveList,
} from '../../../common/training-api.ts';
import { leaveDuring } from '../../../common/training-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import { userNames } from '../accounts/index.ts';
import { saveStaffLeave, staffLeave } from '../field/index.ts';
import { surveyOfSource } from '../surveys/index.ts';
import * as repo from './repository.ts';

/** The venue and equipment check a new session starts with (the trainer edits it). */
export const DEFAULT_CHECKLIST_LABELS = [
  '培训场地已确认',
  '投影和音响可用',
  '实操设备可用',
  '教材已准备',
  '签到二维码已张贴',
];

export function toTrainee(row: repo.TraineeRow, waitingPosition: number | null): TTrainee {
  return {
    id: row.id,
    sessionId: row.sessionId,
    name: row.name,
    phone: row.phone,
    email: row.email,
    customerId: row.customerId,
    status: row.status,
    waitingPosition,
    attendedAt: row.attendedAt?.toISOString() ?? null,
    attendedBy: row.attendedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function toSessions(ctx: Ctx, rows: repo.SessionRow[]): Promise<TSession[]> {
  if (!rows.length) return [];
  // Each session's conflicts first, then every course named (the sessions' and the conflicts') in one read.
  const conflicts = await repo.overlapsOfSessions(
    ctx.db,
    rows.map((r) => r.id),
  );
  const titles = await repo.courseTitles(ctx.db, [
    ...rows.map((r) => r.courseId),
    ...[...conflicts.values()].flat().map((o) => o.courseId),
  ]);
  const trainerIds = [...new Set(rows.map((r) => r.trainerId))];
  const names = await userNames(ctx.db, trainerIds);
  const leave = await staffLeave(ctx.db, trainerIds);
  const counts = await repo.traineeCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  const out: TSession[] = [];
  for (const r of rows) {
    const others = conflicts.get(r.id) ?? [];
    const c = counts.get(r.id) ?? { enrolled: 0, waiting: 0, attended: 0 };
    out.push({
      id: r.id,
      courseId: r.courseId,
      courseTitle: titles.get(r.courseId) ?? '',
      planId: r.planId,
      trainerId: r.trainerId,
      trainerName: names.get(r.trainerId) ?? '',
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      venue: r.venue,
      isPublic: r.isPublic,
      seatLimit: r.seatLimit,
      ...c,
      checklist: r.checklist,
      materialsSentAt: r.materialsSentAt?.toISOString() ?? null,
      evaluationSummary: r.evaluationSummary,
      plannedChanges: r.plannedChanges,
      conflicts: others.map((o) => ({
        sessionId: o.id,
        courseTitle: titles.get(o.courseId) ?? '',
        startsAt: o.startsAt.toISOString(),
        endsAt: o.endsAt.toISOString(),
      })),
      leaveConflicts: leaveDuring(r.startsAt, r.endsAt, leave.get(r.trainerId)?.leave ?? [], ctx.timeZone),
      version: r.version,
    });
  }
  return out;
}

export async function requireSession(db: Executor, id: string, lock = false) {
  const row = await repo.findSession(db, id, lock);
  if (!row) throw notFound('Training session');
  return row;
}

export async function getSession(ctx: Ctx, id: string): Promise<TSessionDetail> {
  const row = await requireSession(ctx.db, id);
  const [session] = await toSessions(ctx, [row]);
  const trainees = await repo.listTrainees(ctx.db, id);
  let waiting = 0;
  return {
    ...session!,
    trainees: trainees.map((t) => toTrainee(t, t.status === 'waiting' ? ++waiting : null)),
  };
}

export async function listSessions(ctx: Ctx, q: { from?: string; to?: string; trainerId?: string }) {
  const rows = await repo.listSessions(ctx.db, {
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    trainerId: q.trainerId,
  });
  return toSessions(ctx, rows);
}

/**
 * A trainer's sessions in [from, to) — the trainer's home shows this week's — with what the home needs:
 * seats taken, the waiting list, and whether the session clashes with another or with the trainer's leave.
 */
export async function trainerSessionsBetween(ctx: Ctx, trainerId: string, from: Date, to: Date) {
  const sessions = await toSessions(ctx, await repo.listSessions(ctx.db, { from, to, trainerId }));
  return sessions.map((s) => ({
    id: s.id,
    courseTitle: s.courseTitle,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    venue: s.venue,
    enrolled: s.enrolled,
    waiting: s.waiting,
    seatLimit: s.seatLimit,
    clashes: s.conflicts.length + s.leaveConflicts.length,
  }));
}

export async function createSession(ctx: Ctx, input: TCreateSessionRequest): Promise<TSessionDetail> {
  const startsAt = new Date(input.startsAt);
  if (startsAt.getTime() <= ctx.clock.now().getTime()) throw invalidField('startsAt', 'is in the past');
  if (!(await repo.findCourse(ctx.db, input.courseId))) throw invalidField('courseId', 'no such course');
  if (input.planId && !(await repo.findPlan(ctx.db, input.planId)))
    throw invalidField('planId', 'no such plan');
  await assertReferences(ctx, null, [{ field: 'trainerId', kind: 'staff', ids: input.trainerId }]);
  const checklist: TChecklistItem[] =
    input.checklist ?? DEFAULT_CHECKLIST_LABELS.map((label) => ({ label, done: false }));
  const row = await ctx.db.transaction(async (tx) => {
    const session = await repo.insertSession(tx, {
      courseId: input.courseId,
      planId: input.planId,
      trainerId: input.trainerId,
      startsAt,
      endsAt: new Date(input.endsAt),
      venue: input.venue,
      isPublic: input.isPublic,
      seatLimit: input.seatLimit,
      checklist,
      createdAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'training.session.create',
      entityType: 'training_session',
      entityId: session.id,
      after: session,
    });
    return session;
  });
  return getSession(ctx, row.id);
}

export async function updateChecklist(ctx: Ctx, id: string, version: number, checklist: TChecklistItem[]) {
  const before = await requireSession(ctx.db, id);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateSession(tx, id, version, { checklist });
    if (!row) throw staleVersion('Training session');
    await writeAudit(tx, ctx, {
      action: 'training.session.checklist',
      entityType: 'training_session',
      entityId: id,
      before: { checklist: before.checklist },
      after: { checklist },
    });
  });
  return getSession(ctx, id);
}

/** The trainer's summary of the evaluation survey and the changes planned for the course (audited). */
export async function saveEvaluation(
  ctx: Ctx,
  id: string,
  input: { version: number; evaluationSummary: string; plannedChanges: string },
) {
  const before = await requireSession(ctx.db, id);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.setEvaluation(tx, id, input.version, {
      evaluationSummary: input.evaluationSummary,
      plannedChanges: input.plannedChanges,
    });
    if (!row) throw staleVersion('Training session');
    await writeAudit(tx, ctx, {
      action: 'training.session.evaluation',
      entityType: 'training_session',
      entityId: id,
      before: { evaluationSummary: before.evaluationSummary, plannedChanges: before.plannedChanges },
      after: { evaluationSummary: input.evaluationSummary, plannedChanges: input.plannedChanges },
    });
  });
  return getSession(ctx, id);
}

/** The session's evaluation survey (the surveys module's answer for this session) and the trainer's summary. */
export async function getEvaluation(ctx: Ctx, id: string) {
  const session = await requireSession(ctx.db, id);
  return {
    survey: await surveyOfSource(ctx, 'training', id),
    evaluationSummary: session.evaluationSummary,
    plannedChanges: session.plannedChanges,
    version: session.version,
  };
}

/** A trainer's leave, as the sessions' warnings read it. */
export async function trainerLeave(ctx: Ctx, trainerId: string): Promise<TTrainerLeaveList> {
  await assertReferences(ctx, null, [{ field: 'id', kind: 'staff', ids: trainerId }]);
  const own = (await staffLeave(ctx.db, [trainerId])).get(trainerId)!;
  return { trainerId, ...own };
}

/** Records a trainer's leave (the whole list, at the version read; 409 otherwise). */
export async function saveTrainerLeave(
  ctx: Ctx,
  trainerId: string,
  input: TSaveTrainerLeaveRequest,
): Promise<TTrainerLeaveList> {
  return { trainerId, ...(await saveStaffLeave(ctx, trainerId, input, 'id')) };
}

// Trainees of a session: added by the trainer, enrolled from the portal in a public session (seat
// limit, then the waiting list, promoted in order when a seat frees), signed in by the room's QR code
// or ticked by the trainer, and sent the course materials before the session.
import type { TAddTraineeRequest } from '../../../common/training-api.ts';
import { phoneKey } from '../../../common/training-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { assertReferences } from '../../platform/references.ts';
import type { SurveyLinkConfig } from '../surveys/index.ts';
import { openLink, signLink } from './link-token.ts';
import * as repo from './repository.ts';
import { getSession, requireSession, toSessions, toTrainee } from './sessions.ts';

const YEAR = 365 * 86_400_000;

/** The trainee's own link (exam, materials, certificate): valid a year after the session. */
export function traineeToken(link: SurveyLinkConfig, trainee: { id: string }, session: { endsAt: Date }) {
  return signLink(link.secret, 'training-trainee', trainee.id, new Date(session.endsAt.getTime() + YEAR));
}

/** A seat when one is free, else a place on the waiting list (the session row is locked by the caller). */
async function statusForNew(tx: Executor, session: repo.SessionRow) {
  if (session.seatLimit === null) return 'enrolled' as const;
  return (await repo.enrolledCount(tx, session.id)) < session.seatLimit
    ? ('enrolled' as const)
    : ('waiting' as const);
}

async function insertOnce(tx: Executor, row: Parameters<typeof repo.insertTrainee>[1]) {
  const trainee = await repo.insertTrainee(tx, row);
  if (!trainee)
    throw conflict('This person is already enrolled in the session', [
      { field: 'phone', message: 'already enrolled' },
    ]);
  return trainee;
}

export async function addTrainee(ctx: Ctx, sessionId: string, input: TAddTraineeRequest) {
  await assertReferences(ctx, input.customerId, [
    { field: 'customerId', kind: 'customer', ids: input.customerId },
  ]);
  await ctx.db.transaction(async (tx) => {
    const session = await requireSession(tx, sessionId, true);
    const trainee = await insertOnce(tx, {
      sessionId,
      customerId: input.customerId,
      name: input.name,
      phone: phoneKey(input.phone),
      email: input.email,
      status: await statusForNew(tx, session),
      createdAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'training.trainee.add',
      entityType: 'training_session',
      entityId: sessionId,
      after: trainee,
    });
  });
  return getSession(ctx, sessionId);
}

/** Gives freed seats to the waiting list, first come first served. */
async function promoteWaiting(ctx: Ctx, tx: Executor, session: repo.SessionRow) {
  if (session.seatLimit === null) return;
  while ((await repo.enrolledCount(tx, session.id)) < session.seatLimit) {
    const next = await repo.firstWaiting(tx, session.id);
    if (!next) return;
    await repo.updateTrainee(tx, next.id, { status: 'enrolled' });
    await writeAudit(tx, ctx, {
      action: 'training.trainee.promote',
      entityType: 'training_session',
      entityId: session.id,
      before: { traineeId: next.id, status: 'waiting' },
      after: { traineeId: next.id, status: 'enrolled' },
    });
  }
}

async function removeTraineeIn(ctx: Ctx, tx: Executor, session: repo.SessionRow, trainee: repo.TraineeRow) {
  if ((await repo.attemptsOf(tx, trainee.id)).length)
    throw conflict('This trainee has taken the exam; their record is kept');
  await repo.deleteTrainee(tx, trainee.id);
  await writeAudit(tx, ctx, {
    action: 'training.trainee.remove',
    entityType: 'training_session',
    entityId: session.id,
    before: trainee,
  });
  await promoteWaiting(ctx, tx, session);
}

export async function removeTrainee(ctx: Ctx, sessionId: string, traineeId: string) {
  await ctx.db.transaction(async (tx) => {
    const session = await requireSession(tx, sessionId, true);
    const trainee = await repo.findTrainee(tx, traineeId);
    if (!trainee || trainee.sessionId !== sessionId) throw notFound('Trainee');
    await removeTraineeIn(ctx, tx, session, trainee);
  });
  return getSession(ctx, sessionId);
}

/** The trainer's tick (or untick) of a trainee's attendance. */
export async function markAttendance(ctx: Ctx, sessionId: string, traineeId: string, attended: boolean) {
  const trainee = await repo.findTrainee(ctx.db, traineeId);
  if (!trainee || trainee.sessionId !== sessionId) throw notFound('Trainee');
  if (trainee.status === 'waiting' && attended)
    throw conflict('A trainee on the waiting list has no seat yet');
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateTrainee(
      tx,
      traineeId,
      attended
        ? { attendedAt: trainee.attendedAt ?? ctx.clock.now(), attendedBy: trainee.attendedBy ?? 'trainer' }
        : { attendedAt: null, attendedBy: null },
    );
    await writeAudit(tx, ctx, {
      action: 'training.attendance',
      entityType: 'training_session',
      entityId: sessionId,
      before: trainee,
      after: row,
    });
  });
  return getSession(ctx, sessionId);
}

// ---------- sign-in by QR code ----------
/** The code shown in the room: valid until two hours after the session ends. */
export async function signInCode(ctx: Ctx, link: SurveyLinkConfig, sessionId: string) {
  const session = await requireSession(ctx.db, sessionId);
  const expiresAt = new Date(session.endsAt.getTime() + 2 * 3_600_000);
  const token = signLink(link.secret, 'training-sign-in', session.id, expiresAt);
  return { token, url: `${link.baseUrl}/t/sign-in/${token}`, expiresAt: expiresAt.toISOString() };
}

async function sessionOfSignIn(ctx: Ctx, link: SurveyLinkConfig, token: string) {
  const id = openLink(link.secret, 'training-sign-in', token, ctx.clock.now());
  return requireSession(ctx.db, id);
}

export async function signInPage(ctx: Ctx, link: SurveyLinkConfig, token: string) {
  const session = await sessionOfSignIn(ctx, link, token);
  const [s] = await toSessions(ctx, [session]);
  return { courseTitle: s!.courseTitle, venue: s!.venue, startsAt: s!.startsAt, endsAt: s!.endsAt };
}

/**
 * A trainee signs in on their phone with name and phone: a trainee already on the list by that phone
 * is marked attended; someone not on it joins as a walk-in (they are in the room).
 */
export async function signIn(
  ctx: Ctx,
  link: SurveyLinkConfig,
  token: string,
  input: { name: string; phone: string },
) {
  const session = await sessionOfSignIn(ctx, link, token);
  if (ctx.clock.now().getTime() < session.startsAt.getTime() - 3_600_000)
    throw conflict('Sign-in opens an hour before the session starts');
  const phone = phoneKey(input.phone);
  return ctx.db.transaction(async (tx) => {
    let trainee = await repo.findTraineeByPhone(tx, session.id, phone);
    const now = ctx.clock.now();
    if (!trainee)
      trainee = await insertOnce(tx, {
        sessionId: session.id,
        name: input.name,
        phone,
        status: 'enrolled',
        createdAt: now,
      });
    const row = await repo.updateTrainee(tx, trainee.id, {
      status: 'enrolled',
      attendedAt: trainee.attendedAt ?? now,
      attendedBy: trainee.attendedBy ?? 'qr',
    });
    await writeAudit(tx, ctx, {
      action: 'training.sign_in',
      entityType: 'training_session',
      entityId: session.id,
      before: trainee,
      after: row,
    });
    return {
      traineeName: row!.name,
      attendedAt: row!.attendedAt!.toISOString(),
      examToken: traineeToken(link, row!, session),
    };
  });
}

// ---------- materials by email ----------
/** Emails each enrolled trainee with an address the course's materials as links (once per trainee). */
export async function sendMaterials(ctx: Ctx, link: SurveyLinkConfig, sessionId: string) {
  const session = await requireSession(ctx.db, sessionId);
  const course = await repo.findCourse(ctx.db, session.courseId);
  const lessons = await repo.listLessons(ctx.db, session.courseId);
  const trainees = (await repo.listTrainees(ctx.db, sessionId)).filter((t) => t.status === 'enrolled');
  const [s] = await toSessions(ctx, [session]);
  let emailed = 0;
  await ctx.db.transaction(async (tx) => {
    for (const t of trainees) {
      if (!t.email) continue;
      const url = `${link.baseUrl}/t/learn/${traineeToken(link, t, session)}`;
      const list = lessons.map((l) => `- ${l.title}`).join('\n');
      await enqueueMessage(
        tx,
        {
          channel: 'email',
          recipient: t.email,
          template: 'training.materials',
          payload: {
            sessionId,
            subject: `培训资料 Training materials: ${course?.title ?? ''}`,
            text: `${t.name}，您好：\n\n${course?.title ?? ''}\n${s!.startsAt} · ${session.venue}\n\n${list}\n\n资料、考试和证书 Materials, exam and certificate:\n${url}\n`,
          },
          dedupeKey: `training.materials:${sessionId}:${t.id}`,
        },
        ctx.clock.now(),
      );
      emailed++;
    }
    await repo.updateSession(tx, sessionId, null, { materialsSentAt: ctx.clock.now() });
    await writeAudit(tx, ctx, {
      action: 'training.materials.send',
      entityType: 'training_session',
      entityId: sessionId,
      after: { emailed },
    });
  });
  return { emailed, withoutEmail: trainees.length - emailed };
}

// ---------- portal: public sessions ----------
export async function listPortalSessions(ctx: Ctx) {
  const rows = await repo.listPublicSessions(ctx.db, ctx.clock.now());
  const sessions = await toSessions(ctx, rows);
  const mine = ctx.principal.userId
    ? await repo.traineesOfUser(
        ctx.db,
        ctx.principal.userId,
        rows.map((r) => r.id),
      )
    : [];
  return sessions.map((s) => ({
    id: s.id,
    courseTitle: s.courseTitle,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    venue: s.venue,
    seatLimit: s.seatLimit ?? 0,
    seatsLeft: Math.max(0, (s.seatLimit ?? 0) - s.enrolled),
    mine: mine
      .filter((t) => t.sessionId === s.id)
      .map((t) => ({ traineeId: t.id, name: t.name, status: t.status })),
  }));
}

export async function enrol(ctx: Ctx, sessionId: string, input: { name: string; phone: string }) {
  if (ctx.scope.kind !== 'customer') throw conflict('Only customer users enrol in the portal');
  const customerId = ctx.scope.customerId;
  await ctx.db.transaction(async (tx) => {
    const session = await repo.findSession(tx, sessionId, true);
    if (!session || !session.isPublic) throw notFound('Training session');
    if (session.startsAt.getTime() <= ctx.clock.now().getTime())
      throw invalidField('sessionId', 'the session has started');
    const trainee = await insertOnce(tx, {
      sessionId,
      customerId,
      userId: ctx.principal.userId,
      name: input.name,
      phone: phoneKey(input.phone),
      status: await statusForNew(tx, session),
      createdAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'training.enrol',
      entityType: 'training_session',
      entityId: sessionId,
      after: trainee,
    });
  });
  return (await listPortalSessions(ctx)).find((s) => s.id === sessionId)!;
}

/** A customer cancels one of its organisation's enrolments; the first on the waiting list takes the seat. */
export async function cancelEnrolment(ctx: Ctx, traineeId: string) {
  await ctx.db.transaction(async (tx) => {
    const trainee = await repo.findTrainee(tx, traineeId);
    if (!trainee || ctx.scope.kind !== 'customer' || trainee.customerId !== ctx.scope.customerId)
      throw notFound('Enrolment');
    const session = await requireSession(tx, trainee.sessionId, true);
    await removeTraineeIn(ctx, tx, session, trainee);
  });
  return listPortalSessions(ctx);
}

// Every SQL statement of the training module.
import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { TAnswer } from '../../../common/training-api.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { numberInStatement } from '../../platform/number-series.ts';
import {
  type trainingAnswers,
  trainingAttempts,
  trainingCertificates,
  trainingCourses,
  trainingLessons,
  trainingPlans,
  trainingProgress,
  trainingQuestions,
  trainingSessions,
  trainingSettings,
  trainingTrainees,
} from './schema.ts';

export type CourseRow = typeof trainingCourses.$inferSelect;
export type LessonRow = typeof trainingLessons.$inferSelect;
export type PlanRow = typeof trainingPlans.$inferSelect;
export type SessionRow = typeof trainingSessions.$inferSelect;
export type TraineeRow = typeof trainingTrainees.$inferSelect;
export type QuestionRow = typeof trainingQuestions.$inferSelect;
export type AttemptRow = typeof trainingAttempts.$inferSelect;
export type AnswerRow = typeof trainingAnswers.$inferSelect;
export type CertificateRow = typeof trainingCertificates.$inferSelect;

// ---------- settings ----------
export async function findSettings(db: Executor) {
  const [row] = await db.select().from(trainingSettings).where(eq(trainingSettings.id, 1));
  return row;
}

export async function upsertSettings(
  db: Executor,
  version: number,
  values: Pick<typeof trainingSettings.$inferInsert, 'values' | 'updatedBy'>,
  now: Date,
) {
  const [row] = await db
    .insert(trainingSettings)
    .values({ id: 1, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: trainingSettings.id,
      set: { ...values, version: sql`${trainingSettings.version} + 1`, updatedAt: now },
      setWhere: sql`${trainingSettings.version} = ${version}`,
    })
    .returning();
  return row;
}

// ---------- courses and lessons ----------
export async function insertCourse(db: Executor, row: typeof trainingCourses.$inferInsert) {
  const [out] = await db.insert(trainingCourses).values(row).returning();
  return out!;
}

export async function findCourse(db: Executor, id: string) {
  const [row] = await db.select().from(trainingCourses).where(eq(trainingCourses.id, id));
  return row;
}

/** Course titles by id, in one statement (lists name many sessions' courses). */
export async function courseTitles(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: trainingCourses.id, title: trainingCourses.title })
    .from(trainingCourses)
    .where(inArray(trainingCourses.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export async function listCourses(db: Executor) {
  return db.select().from(trainingCourses).orderBy(asc(trainingCourses.title)).limit(1000);
}

export async function courseIdsExisting(db: Executor, ids: readonly string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await db
    .select({ id: trainingCourses.id })
    .from(trainingCourses)
    .where(inArray(trainingCourses.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

export async function updateCourse(
  db: Executor,
  id: string,
  version: number,
  set: Partial<typeof trainingCourses.$inferInsert>,
) {
  const [row] = await db
    .update(trainingCourses)
    .set({ ...set, version: sql`${trainingCourses.version} + 1` })
    .where(and(eq(trainingCourses.id, id), eq(trainingCourses.version, version)))
    .returning();
  return row;
}

export async function questionCounts(db: Executor, courseIds: readonly string[]) {
  if (!courseIds.length) return new Map<string, number>();
  const rows = await db
    .select({ courseId: trainingQuestions.courseId, n: count() })
    .from(trainingQuestions)
    .where(and(inArray(trainingQuestions.courseId, [...courseIds]), eq(trainingQuestions.active, true)))
    .groupBy(trainingQuestions.courseId);
  return new Map(rows.map((r) => [r.courseId, r.n]));
}

export async function listLessons(db: Executor, courseId: string) {
  return db
    .select()
    .from(trainingLessons)
    .where(eq(trainingLessons.courseId, courseId))
    .orderBy(asc(trainingLessons.position));
}

export async function insertLesson(db: Executor, row: Omit<typeof trainingLessons.$inferInsert, 'position'>) {
  const [out] = await db
    .insert(trainingLessons)
    .values({
      ...row,
      position: sql`(select coalesce(max(position), 0) + 1 from training_lessons where course_id = ${row.courseId})`,
    })
    .returning();
  return out!;
}

// ---------- plans ----------
export async function insertPlan(db: Executor, row: typeof trainingPlans.$inferInsert) {
  const [out] = await db.insert(trainingPlans).values(row).returning();
  return out!;
}

export async function findPlan(db: Executor, id: string) {
  const [row] = await db.select().from(trainingPlans).where(eq(trainingPlans.id, id));
  return row;
}

export async function listPlans(db: Executor, filter: { projectId?: string; customerId?: string }) {
  return db
    .select()
    .from(trainingPlans)
    .where(
      and(
        filter.projectId ? eq(trainingPlans.projectId, filter.projectId) : undefined,
        filter.customerId ? eq(trainingPlans.customerId, filter.customerId) : undefined,
      ),
    )
    .orderBy(desc(trainingPlans.startsOn))
    .limit(500);
}

// ---------- sessions ----------
export async function insertSession(db: Executor, row: typeof trainingSessions.$inferInsert) {
  const [out] = await db.insert(trainingSessions).values(row).returning();
  return out!;
}

export async function findSession(db: Executor, id: string, lock = false) {
  const q = db.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function listSessions(db: Executor, filter: { from?: Date; to?: Date; trainerId?: string }) {
  return db
    .select()
    .from(trainingSessions)
    .where(
      and(
        filter.from ? gt(trainingSessions.endsAt, filter.from) : undefined,
        filter.to ? lt(trainingSessions.startsAt, filter.to) : undefined,
        filter.trainerId ? eq(trainingSessions.trainerId, filter.trainerId) : undefined,
      ),
    )
    .orderBy(asc(trainingSessions.startsAt))
    .limit(1000);
}

/** Upcoming public sessions (the spring and autumn user classes). */
export async function listPublicSessions(db: Executor, after: Date) {
  return db
    .select()
    .from(trainingSessions)
    .where(and(eq(trainingSessions.isPublic, true), gt(trainingSessions.startsAt, after)))
    .orderBy(asc(trainingSessions.startsAt))
    .limit(200);
}

/** The other sessions of each session's trainer that overlap it, for a whole list in one statement. */
export async function overlapsOfSessions(db: Executor, ids: readonly string[]) {
  const out = new Map<string, { id: string; courseId: string; startsAt: Date; endsAt: Date }[]>();
  if (!ids.length) return out;
  const rows = await db.execute<{
    of_id: string;
    id: string;
    course_id: string;
    starts_at: string;
    ends_at: string;
  }>(
    sql`select s.id as of_id, o.id, o.course_id, o.starts_at, o.ends_at
          from training_sessions s
          join training_sessions o on o.trainer_id = s.trainer_id and o.id <> s.id
                                  and o.starts_at < s.ends_at and o.ends_at > s.starts_at
         where s.id = any(${uuidArray([...ids])})
         order by o.starts_at`,
  );
  for (const r of rows.rows) {
    const list = out.get(r.of_id) ?? [];
    list.push({
      id: r.id,
      courseId: r.course_id,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
    });
    out.set(r.of_id, list);
  }
  return out;
}

export async function updateSession(
  db: Executor,
  id: string,
  version: number | null,
  set: Partial<typeof trainingSessions.$inferInsert>,
) {
  const [row] = await db
    .update(trainingSessions)
    .set({ ...set, version: sql`${trainingSessions.version} + 1` })
    .where(
      and(eq(trainingSessions.id, id), version === null ? undefined : eq(trainingSessions.version, version)),
    )
    .returning();
  return row;
}

// ---------- trainees ----------
export async function traineeCounts(db: Executor, sessionIds: readonly string[]) {
  if (!sessionIds.length) return new Map<string, { enrolled: number; waiting: number; attended: number }>();
  const rows = await db
    .select({
      sessionId: trainingTrainees.sessionId,
      enrolled: sql<number>`count(*) filter (where ${trainingTrainees.status} = 'enrolled')::int`,
      waiting: sql<number>`count(*) filter (where ${trainingTrainees.status} = 'waiting')::int`,
      attended: sql<number>`count(*) filter (where ${trainingTrainees.attendedAt} is not null)::int`,
    })
    .from(trainingTrainees)
    .where(inArray(trainingTrainees.sessionId, [...sessionIds]))
    .groupBy(trainingTrainees.sessionId);
  return new Map(rows.map(({ sessionId, ...r }) => [sessionId, r]));
}

export async function listTrainees(db: Executor, sessionId: string) {
  return db
    .select()
    .from(trainingTrainees)
    .where(eq(trainingTrainees.sessionId, sessionId))
    .orderBy(asc(trainingTrainees.createdAt), asc(trainingTrainees.id));
}

export async function findTrainee(db: Executor, id: string) {
  const [row] = await db.select().from(trainingTrainees).where(eq(trainingTrainees.id, id));
  return row;
}

export async function findTraineeByPhone(db: Executor, sessionId: string, phone: string) {
  const [row] = await db
    .select()
    .from(trainingTrainees)
    .where(and(eq(trainingTrainees.sessionId, sessionId), eq(trainingTrainees.phone, phone)));
  return row;
}

export async function insertTrainee(db: Executor, row: typeof trainingTrainees.$inferInsert) {
  const [out] = await db.insert(trainingTrainees).values(row).onConflictDoNothing().returning();
  return out;
}

export async function updateTrainee(
  db: Executor,
  id: string,
  set: Partial<typeof trainingTrainees.$inferInsert>,
) {
  const [row] = await db.update(trainingTrainees).set(set).where(eq(trainingTrainees.id, id)).returning();
  return row;
}

export async function deleteTrainee(db: Executor, id: string) {
  await db.delete(trainingTrainees).where(eq(trainingTrainees.id, id));
}

/** The first on the waiting list, locked: who gets a freed seat. */
export async function firstWaiting(db: Executor, sessionId: string) {
  const [row] = await db
    .select()
    .from(trainingTrainees)
    .where(and(eq(trainingTrainees.sessionId, sessionId), eq(trainingTrainees.status, 'waiting')))
    .orderBy(asc(trainingTrainees.createdAt), asc(trainingTrainees.id))
    .limit(1)
    .for('update');
  return row;
}

export async function enrolledCount(db: Executor, sessionId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(trainingTrainees)
    .where(and(eq(trainingTrainees.sessionId, sessionId), eq(trainingTrainees.status, 'enrolled')));
  return row?.n ?? 0;
}

export async function traineesOfUser(db: Executor, userId: string, sessionIds: readonly string[]) {
  if (!sessionIds.length) return [];
  return db
    .select()
    .from(trainingTrainees)
    .where(and(eq(trainingTrainees.userId, userId), inArray(trainingTrainees.sessionId, [...sessionIds])));
}

// ---------- questions ----------
export async function insertQuestion(db: Executor, row: typeof trainingQuestions.$inferInsert) {
  const [out] = await db.insert(trainingQuestions).values(row).returning();
  return out!;
}

export async function listQuestions(db: Executor, courseId: string) {
  return db
    .select()
    .from(trainingQuestions)
    .where(and(eq(trainingQuestions.courseId, courseId), eq(trainingQuestions.active, true)))
    .orderBy(asc(trainingQuestions.createdAt), asc(trainingQuestions.id));
}

// ---------- attempts and answers ----------
export async function attemptsOf(db: Executor, traineeId: string) {
  return db
    .select()
    .from(trainingAttempts)
    .where(eq(trainingAttempts.traineeId, traineeId))
    .orderBy(asc(trainingAttempts.number));
}

export async function insertAttempt(db: Executor, row: typeof trainingAttempts.$inferInsert) {
  const [out] = await db.insert(trainingAttempts).values(row).onConflictDoNothing().returning();
  return out;
}

export async function findAttempt(db: Executor, id: string, lock = false) {
  const q = db.select().from(trainingAttempts).where(eq(trainingAttempts.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateAttempt(
  db: Executor,
  id: string,
  set: Partial<typeof trainingAttempts.$inferInsert>,
) {
  const [row] = await db
    .update(trainingAttempts)
    .set({ ...set, version: sql`${trainingAttempts.version} + 1` })
    .where(eq(trainingAttempts.id, id))
    .returning();
  return row!;
}

// ---------- certificates ----------
/**
 * Inserts a certificate with the next TC number taken in the same statement: the series' row stays
 * locked from here to the commit only, so the caller issues it as its last change.
 */
export async function insertNumberedCertificate(
  db: Executor,
  at: Date,
  timeZone: string,
  row: Omit<typeof trainingCertificates.$inferInsert, 'number'>,
) {
  const next = numberInStatement('TC', at, timeZone);
  const [out] = await db
    .with(next.cte)
    .insert(trainingCertificates)
    .values({ ...row, number: next.value })
    .returning();
  return out!;
}

export async function findCertificate(db: Executor, id: string) {
  const [row] = await db.select().from(trainingCertificates).where(eq(trainingCertificates.id, id));
  return row;
}

export async function certificateByCode(db: Executor, code: string) {
  const [row] = await db
    .select()
    .from(trainingCertificates)
    .where(eq(trainingCertificates.verificationCode, code));
  return row;
}

export async function certificateOfTrainee(db: Executor, traineeId: string) {
  const [row] = await db
    .select()
    .from(trainingCertificates)
    .where(eq(trainingCertificates.traineeId, traineeId))
    .orderBy(desc(trainingCertificates.issuedAt))
    .limit(1);
  return row;
}

export async function certificatesByAttempts(db: Executor, attemptIds: readonly string[]) {
  if (!attemptIds.length) return new Map<string, CertificateRow>();
  const rows = await db
    .select()
    .from(trainingCertificates)
    .where(inArray(trainingCertificates.attemptId, [...attemptIds]));
  return new Map(rows.map((r) => [r.attemptId, r]));
}

export async function listCertificates(db: Executor, customerId: string | null) {
  return db
    .select()
    .from(trainingCertificates)
    .where(customerId ? eq(trainingCertificates.customerId, customerId) : undefined)
    .orderBy(desc(trainingCertificates.issuedAt))
    .limit(500);
}

export async function updateCertificate(
  db: Executor,
  id: string,
  set: Partial<typeof trainingCertificates.$inferInsert>,
) {
  const [row] = await db
    .update(trainingCertificates)
    .set(set)
    .where(eq(trainingCertificates.id, id))
    .returning();
  return row;
}

/** Valid certificates expiring by `until` not yet reminded of. */
export async function certificatesExpiringBy(db: Executor, now: Date, until: Date) {
  return db
    .select()
    .from(trainingCertificates)
    .where(
      and(
        gte(trainingCertificates.expiresAt, now),
        lte(trainingCertificates.expiresAt, until),
        eq(trainingCertificates.expiryReminded, false),
        sql`${trainingCertificates.revokedAt} is null`,
      ),
    )
    .limit(500);
}

// ---------- online learning ----------
export async function findLesson(db: Executor, id: string) {
  const [row] = await db.select().from(trainingLessons).where(eq(trainingLessons.id, id));
  return row;
}

export async function progressOf(db: Executor, traineeId: string) {
  return db.select().from(trainingProgress).where(eq(trainingProgress.traineeId, traineeId));
}

export async function saveProgress(db: Executor, row: typeof trainingProgress.$inferInsert) {
  const [out] = await db
    .insert(trainingProgress)
    .values(row)
    .onConflictDoUpdate({
      target: [trainingProgress.traineeId, trainingProgress.lessonId],
      // Completed stays completed; the position is where the learner is now.
      set: {
        positionSeconds: row.positionSeconds,
        completed: sql`${trainingProgress.completed} or ${row.completed}`,
        updatedAt: row.updatedAt,
      },
    })
    .returning();
  return out!;
}

export async function setEvaluation(
  db: Executor,
  id: string,
  version: number,
  set: { evaluationSummary: string; plannedChanges: string },
) {
  return updateSession(db, id, version, set);
}

/** Sessions of a plan (its customer known) that ended after (at, id), up to `until`, oldest first. */
export async function sessionsEndedAfter(
  db: Executor,
  after: { at: Date; id: string | null },
  until: Date,
  limit: number,
) {
  return db
    .select({ session: trainingSessions, plan: trainingPlans })
    .from(trainingSessions)
    .innerJoin(trainingPlans, eq(trainingPlans.id, trainingSessions.planId))
    .where(
      and(
        lte(trainingSessions.endsAt, until),
        sql`(${trainingSessions.endsAt}, ${trainingSessions.id}) > (${after.at}, ${after.id ?? '00000000-0000-0000-0000-000000000000'}::uuid)`,
      ),
    )
    .orderBy(asc(trainingSessions.endsAt), asc(trainingSessions.id))
    .limit(limit);
}

// ---------- an attempt with everything its screens and its marking need, in one statement ----------
/** A question as an attempt carries it (the bank's row less its bookkeeping). */
export type AttemptQuestion = Pick<
  QuestionRow,
  'id' | 'courseId' | 'kind' | 'text' | 'options' | 'correct' | 'rubric' | 'points'
>;
export interface AttemptAnswer {
  questionId: string;
  answer: TAnswer;
  points: number | null;
}
export interface AttemptWithItems {
  attempt: AttemptRow;
  traineeName: string;
  traineeCustomerId: string | null;
  courseTitle: string;
  certificateMonths: number | null;
  certificateId: string | null;
  /** In the attempt's order. */
  questions: AttemptQuestion[];
  answers: AttemptAnswer[];
}

const attemptItems = {
  attempt: trainingAttempts,
  traineeName: trainingTrainees.name,
  traineeCustomerId: trainingTrainees.customerId,
  courseTitle: trainingCourses.title,
  certificateMonths: trainingCourses.certificateMonths,
  certificateId: sql<
    string | null
  >`(select c.id from training_certificates c where c.attempt_id = ${trainingAttempts.id})`,
  questions: sql<AttemptQuestion[]>`coalesce((
    select json_agg(json_build_object('id', q.id, 'courseId', q.course_id, 'kind', q.kind, 'text', q.text,
             'options', q.options, 'correct', q.correct, 'rubric', q.rubric, 'points', q.points)
           order by array_position(${trainingAttempts.questionIds}, q.id))
      from training_questions q where q.id = any(${trainingAttempts.questionIds})), '[]'::json)`,
  answers: sql<AttemptAnswer[]>`coalesce((
    select json_agg(json_build_object('questionId', a.question_id, 'answer', a.answer, 'points', a.points))
      from training_answers a where a.attempt_id = ${trainingAttempts.id}), '[]'::json)`,
};

function attemptsWithItems(db: Executor) {
  return db
    .select(attemptItems)
    .from(trainingAttempts)
    .innerJoin(trainingTrainees, eq(trainingTrainees.id, trainingAttempts.traineeId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingAttempts.courseId));
}

/**
 * One attempt with its trainee, course, certificate, questions and answers; `traineeId` when the
 * trainee's link asks (another's attempt is not found); `lock` for the submission (row locked).
 */
export async function attemptWithItems(
  db: Executor,
  id: string,
  opts: { traineeId?: string; lock?: boolean } = {},
): Promise<AttemptWithItems | undefined> {
  const q = attemptsWithItems(db).where(
    and(
      eq(trainingAttempts.id, id),
      opts.traineeId ? eq(trainingAttempts.traineeId, opts.traineeId) : undefined,
    ),
  );
  const [row] = opts.lock ? await q.for('update', { of: trainingAttempts }) : await q;
  return row;
}

/** The marking list: every attempt with its items, in one statement (newest first, at most 500). */
export async function listAttemptsWithItems(
  db: Executor,
  filter: { status?: string; sessionId?: string },
): Promise<AttemptWithItems[]> {
  return attemptsWithItems(db)
    .where(
      and(
        filter.status ? sql`${trainingAttempts.status} = ${filter.status}` : undefined,
        filter.sessionId ? eq(trainingTrainees.sessionId, filter.sessionId) : undefined,
      ),
    )
    .orderBy(desc(trainingAttempts.startedAt))
    .limit(500);
}

/** What an answer is saved against: the attempt's state and the question, if it is the attempt's. */
export async function answerTarget(db: Executor, attemptId: string, traineeId: string, questionId: string) {
  const [row] = await db
    .select({
      status: trainingAttempts.status,
      deadline: trainingAttempts.deadline,
      question: sql<Pick<QuestionRow, 'kind' | 'options'> | null>`(
        select json_build_object('kind', q.kind, 'options', q.options) from training_questions q
         where q.id = ${questionId} and q.id = any(${trainingAttempts.questionIds}))`,
    })
    .from(trainingAttempts)
    .where(and(eq(trainingAttempts.id, attemptId), eq(trainingAttempts.traineeId, traineeId)));
  return row;
}

/**
 * Saves an answer only while its attempt is open and in time: the attempt's row is share-locked, so an
 * answer racing the submission waits for it and is then refused (false), never saved after the marking.
 */
export async function saveOpenAnswer(
  db: Executor,
  row: { attemptId: string; questionId: string; answer: TAnswer; savedAt: Date },
): Promise<boolean> {
  const saved = await db.execute(sql`
    insert into training_answers (attempt_id, question_id, answer, saved_at)
    select a.id, ${row.questionId}, ${JSON.stringify(row.answer)}::jsonb, ${row.savedAt}
      from (select id from training_attempts
             where id = ${row.attemptId} and status = 'open' and deadline >= ${row.savedAt}
               for share) a
    on conflict (attempt_id, question_id) do update set answer = excluded.answer, saved_at = excluded.saved_at
    returning question_id`);
  return saved.rows.length > 0;
}

/** Every answer's points in one statement (a question left unanswered gets its row with no answer). */
export async function setAnswersPoints(
  db: Executor,
  attemptId: string,
  marks: readonly { questionId: string; points: number }[],
  now: Date,
) {
  if (!marks.length) return;
  await db.execute(sql`
    insert into training_answers (attempt_id, question_id, answer, points, saved_at)
    select ${attemptId}, m.question_id, '{}'::jsonb, m.points, ${now}
      from unnest(${uuidArray(marks.map((m) => m.questionId))}, ${sql.param(marks.map((m) => m.points))}::int[]) as m(question_id, points)
    on conflict (attempt_id, question_id) do update set points = excluded.points`);
}

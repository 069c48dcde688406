// Every SQL statement of the training module.
import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';
import {
  trainingAnswers,
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

/** The trainer's sessions that overlap [from, to), other than `exceptId`. */
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

export async function questionsByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return new Map<string, QuestionRow>();
  const rows = await db
    .select()
    .from(trainingQuestions)
    .where(inArray(trainingQuestions.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
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

export async function listAttempts(db: Executor, filter: { status?: string; traineeIds?: string[] }) {
  return db
    .select()
    .from(trainingAttempts)
    .where(
      and(
        filter.status ? sql`${trainingAttempts.status} = ${filter.status}` : undefined,
        filter.traineeIds ? inArray(trainingAttempts.traineeId, filter.traineeIds) : undefined,
      ),
    )
    .orderBy(desc(trainingAttempts.startedAt))
    .limit(500);
}

export async function saveAnswer(db: Executor, row: typeof trainingAnswers.$inferInsert) {
  await db
    .insert(trainingAnswers)
    .values(row)
    .onConflictDoUpdate({
      target: [trainingAnswers.attemptId, trainingAnswers.questionId],
      set: { answer: row.answer, savedAt: row.savedAt },
    });
}

export async function answersOf(db: Executor, attemptId: string) {
  const rows = await db.select().from(trainingAnswers).where(eq(trainingAnswers.attemptId, attemptId));
  return new Map(rows.map((r) => [r.questionId, r]));
}

export async function setAnswerPoints(db: Executor, attemptId: string, questionId: string, points: number) {
  await db
    .insert(trainingAnswers)
    .values({ attemptId, questionId, answer: {}, points, savedAt: sql`now()` as unknown as Date })
    .onConflictDoUpdate({
      target: [trainingAnswers.attemptId, trainingAnswers.questionId],
      set: { points },
    });
}

// ---------- certificates ----------
export async function insertCertificate(db: Executor, row: typeof trainingCertificates.$inferInsert) {
  const [out] = await db.insert(trainingCertificates).values(row).returning();
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

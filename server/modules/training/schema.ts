// Training (培训): settings, courses with their lessons (materials and live lessons), needs and plans per
// project, sessions on the trainer's calendar with their trainees and attendance, the question bank,
// exam attempts with each answer saved as it is given, and numbered certificates.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ATTEMPT_STATUSES,
  ATTENDANCE_SOURCES,
  LESSON_KINDS,
  QUESTION_KINDS,
  type TAnswer,
  type TChecklistItem,
  TRAINEE_STATUSES,
  TRAINING_MODES,
  type TTrainingSettingsValues,
} from '../../../common/training-api.ts';
import { ts } from '../../db/columns.ts';
import { files } from '../../platform/schema.ts';
import { users } from '../accounts/schema.ts';
import { customers, projects } from '../registry/schema.ts';

export const trainingSettings = pgTable('training_settings', {
  id: integer('id').primaryKey().default(1),
  values: jsonb('values').$type<Partial<TTrainingSettingsValues>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const trainingCourses = pgTable('training_courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  passMark: smallint('pass_mark').notNull(),
  examQuestions: smallint('exam_questions').notNull(),
  examMinutes: smallint('exam_minutes').notNull(),
  certificateMonths: smallint('certificate_months'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const trainingLessons = pgTable(
  'training_lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: LESSON_KINDS }).notNull(),
    fileId: uuid('file_id').references(() => files.id),
    liveUrl: text('live_url'),
    startsAt: ts('starts_at'),
    durationMinutes: integer('duration_minutes'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('training_lessons_position_idx').on(t.courseId, t.position)],
);

export const trainingPlans = pgTable(
  'training_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    content: text('content').notNull(),
    mode: text('mode', { enum: TRAINING_MODES }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    traineeCount: integer('trainee_count').notNull(),
    courseIds: uuid('course_ids').array().notNull(),
    trainerIds: uuid('trainer_ids').array().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('training_plans_project_idx').on(t.projectId, t.startsOn)],
);

export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    planId: uuid('plan_id').references(() => trainingPlans.id),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => users.id),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    venue: text('venue').notNull(),
    isPublic: boolean('is_public').notNull(),
    seatLimit: integer('seat_limit'),
    checklist: jsonb('checklist').$type<TChecklistItem[]>().notNull(),
    materialsSentAt: ts('materials_sent_at'),
    /** The trainer's summary of the session's evaluation (survey answers) and the changes planned. */
    evaluationSummary: text('evaluation_summary'),
    plannedChanges: text('planned_changes'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    // The trainer's calendar and its conflicts: sessions of a trainer by time.
    index('training_sessions_trainer_idx').on(t.trainerId, t.startsAt),
    index('training_sessions_public_idx').on(t.startsAt).where(sql`${t.isPublic}`),
    check('training_sessions_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const trainingTrainees = pgTable(
  'training_trainees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** The portal user who enrolled them, if any. */
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    /** Digits only: how a trainee is recognised at sign-in and kept from enrolling twice. */
    phone: text('phone').notNull(),
    email: text('email'),
    status: text('status', { enum: TRAINEE_STATUSES }).notNull(),
    attendedAt: ts('attended_at'),
    attendedBy: text('attended_by', { enum: ATTENDANCE_SOURCES }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('training_trainees_phone_idx').on(t.sessionId, t.phone),
    index('training_trainees_waiting_idx').on(t.sessionId, t.createdAt).where(sql`${t.status} = 'waiting'`),
  ],
);

export const trainingQuestions = pgTable(
  'training_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
    text: text('text').notNull(),
    options: jsonb('options').$type<string[]>().notNull(),
    correct: jsonb('correct').$type<number[]>().notNull(),
    rubric: jsonb('rubric').$type<{ label: string; points: number }[]>().notNull(),
    points: smallint('points').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('training_questions_course_idx').on(t.courseId)],
);

export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    traineeId: uuid('trainee_id')
      .notNull()
      .references(() => trainingTrainees.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    number: smallint('number').notNull(),
    questionIds: uuid('question_ids').array().notNull(),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull(),
    startedAt: ts('started_at').notNull(),
    deadline: ts('deadline').notNull(),
    submittedAt: ts('submitted_at'),
    score: integer('score'),
    maxScore: integer('max_score').notNull(),
    passMark: smallint('pass_mark').notNull(),
    coachingNote: text('coaching_note'),
    markedBy: uuid('marked_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('training_attempts_number_idx').on(t.traineeId, t.number),
    index('training_attempts_marking_idx').on(t.submittedAt).where(sql`${t.status} = 'marking'`),
  ],
);

export const trainingAnswers = pgTable(
  'training_answers',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => trainingAttempts.id),
    questionId: uuid('question_id')
      .notNull()
      .references(() => trainingQuestions.id),
    answer: jsonb('answer').$type<TAnswer>().notNull(),
    /** Machine-marked at submission; the trainer's mark for short answers and practical items. */
    points: smallint('points'),
    savedAt: ts('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

export const trainingCertificates = pgTable(
  'training_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    /** Random, in the public link: a number alone finds nothing. */
    verificationCode: text('verification_code').notNull(),
    traineeId: uuid('trainee_id')
      .notNull()
      .references(() => trainingTrainees.id),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => trainingAttempts.id),
    customerId: uuid('customer_id').references(() => customers.id),
    holderName: text('holder_name').notNull(),
    courseTitle: text('course_title').notNull(),
    issuedAt: ts('issued_at').notNull(),
    expiresAt: ts('expires_at'),
    expiryReminded: boolean('expiry_reminded').notNull().default(false),
    revokedAt: ts('revoked_at'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('training_certificates_number_idx').on(t.number),
    uniqueIndex('training_certificates_code_idx').on(t.verificationCode),
    uniqueIndex('training_certificates_attempt_idx').on(t.attemptId),
    index('training_certificates_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null and not ${t.expiryReminded} and ${t.revokedAt} is null`),
  ],
);

/** Progress per learner and lesson: how far a video was watched, and whether the lesson is completed. */
export const trainingProgress = pgTable(
  'training_progress',
  {
    traineeId: uuid('trainee_id')
      .notNull()
      .references(() => trainingTrainees.id),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => trainingLessons.id),
    positionSeconds: integer('position_seconds').notNull(),
    completed: boolean('completed').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.traineeId, t.lessonId] })],
);

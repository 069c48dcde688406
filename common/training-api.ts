// Zod schemas of the training API (培训, 篇1 二.5 / 四.5, 篇2 5, 篇4 b and h): courses with lessons and
// materials, training needs and plans per project, sessions on the trainer's calendar, trainees and
// attendance, the question bank and exams with retakes, and numbered certificates verified in public.
import { z } from 'zod';
import { patchOf, ZId, ZVersion } from './api.ts';
import { isDate } from './calendar-dates.ts';

const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZDate = z.string().refine(isDate, 'a date YYYY-MM-DD');
const ZInstant = z.iso.datetime({ offset: true });
const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number');

// ---------- settings ----------
export const ZTrainingSettingsValues = z.strictObject({
  /** On-site training lasts at least this many working days (篇1 二.5: 不少于 2 个工作日). */
  minOnSiteDays: z.int().min(0).max(30),
  /** At least this many of the owner's operators are trained (篇1 二.5: 不少于 5 人). */
  minTrainees: z.int().min(0).max(500),
  /** The business calendar working days are counted on; null: Monday–Friday with the official holidays. */
  calendarId: ZId.nullable(),
  /** The pass mark a new course starts with, in percent. */
  defaultPassMark: z.int().min(1).max(100),
  /** The exam time limit a new course starts with. */
  defaultExamMinutes: z.int().min(1).max(600),
  /** Days before a certificate expires that its holder is reminded. */
  expiryReminderDays: z.int().min(1).max(365),
});
export type TTrainingSettingsValues = z.infer<typeof ZTrainingSettingsValues>;
export const DEFAULT_TRAINING_SETTINGS: TTrainingSettingsValues = {
  minOnSiteDays: 2,
  minTrainees: 5,
  calendarId: null,
  defaultPassMark: 60,
  defaultExamMinutes: 30,
  expiryReminderDays: 30,
};
export const ZTrainingSettings = ZTrainingSettingsValues.extend({
  version: z.int().min(0),
  updatedAt: z.string().nullable(),
});
export type TTrainingSettings = z.infer<typeof ZTrainingSettings>;
export const ZUpdateTrainingSettingsRequest = ZTrainingSettingsValues.extend({ version: z.int().min(0) });
export type TUpdateTrainingSettingsRequest = z.infer<typeof ZUpdateTrainingSettingsRequest>;

// ---------- courses, lessons, materials ----------
/** A lesson is a material to read or watch, or a live lesson with its link. */
export const LESSON_KINDS = ['manual', 'slides', 'video', 'live'] as const;
export type TLessonKind = (typeof LESSON_KINDS)[number];

export const ZLesson = z.object({
  id: ZId,
  courseId: ZId,
  position: z.int(),
  title: z.string(),
  kind: z.enum(LESSON_KINDS),
  fileId: ZId.nullable(),
  fileName: z.string().nullable(),
  liveUrl: z.string().nullable(),
  startsAt: z.string().nullable(),
  durationMinutes: z.int().nullable(),
});
export type TLesson = z.infer<typeof ZLesson>;
export const ZCreateLessonRequest = z
  .strictObject({
    title: ZText(200),
    kind: z.enum(LESSON_KINDS),
    fileId: ZId.nullable().default(null),
    liveUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .default(null),
    startsAt: ZInstant.nullable().default(null),
    durationMinutes: z.int().min(1).max(1440).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'live' && !v.liveUrl)
      ctx.addIssue({ code: 'custom', path: ['liveUrl'], message: 'a live lesson needs its link' });
    if (v.kind === 'live' && !v.startsAt)
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'a live lesson needs its start' });
    if (v.kind !== 'live' && !v.fileId)
      ctx.addIssue({ code: 'custom', path: ['fileId'], message: 'a material needs its file' });
  });
export type TCreateLessonRequest = z.infer<typeof ZCreateLessonRequest>;

const courseFields = {
  title: ZText(200),
  description: z.string().trim().max(4000).default(''),
  /** Percent of the exam's points needed to pass. */
  passMark: z.int().min(1).max(100).optional(),
  /** Questions drawn for one exam attempt. */
  examQuestions: z.int().min(1).max(200).default(10),
  examMinutes: z.int().min(1).max(600).optional(),
  /** Months a certificate stays valid; null: it does not expire. */
  certificateMonths: z.int().min(1).max(240).nullable().default(null),
};
export const ZCreateCourseRequest = z.strictObject(courseFields);
export type TCreateCourseRequest = z.infer<typeof ZCreateCourseRequest>;
export const ZUpdateCourseRequest = patchOf({
  title: courseFields.title,
  description: z.string().trim().max(4000),
  passMark: z.int().min(1).max(100),
  examQuestions: z.int().min(1).max(200),
  examMinutes: z.int().min(1).max(600),
  certificateMonths: z.int().min(1).max(240).nullable(),
});
export type TUpdateCourseRequest = z.infer<typeof ZUpdateCourseRequest>;
export const ZCourse = z.object({
  id: ZId,
  title: z.string(),
  description: z.string(),
  passMark: z.int(),
  examQuestions: z.int(),
  examMinutes: z.int(),
  certificateMonths: z.int().nullable(),
  questionCount: z.int(),
  version: z.int(),
  createdAt: z.string(),
});
export type TCourse = z.infer<typeof ZCourse>;
export const ZCourseDetail = ZCourse.extend({ lessons: z.array(ZLesson) });
export type TCourseDetail = z.infer<typeof ZCourseDetail>;

// ---------- needs and plans per project ----------
/** 现场培训 on site after delivery, 集中培训 centralised at the company, 在线培训 online. */
export const TRAINING_MODES = ['on_site', 'centralised', 'online'] as const;
export type TTrainingMode = (typeof TRAINING_MODES)[number];
export const PLAN_WARNINGS = ['on_site_days', 'trainees'] as const;
export const ZPlanWarning = z.object({
  code: z.enum(PLAN_WARNINGS),
  minimum: z.int(),
  actual: z.int(),
});
export type TPlanWarning = z.infer<typeof ZPlanWarning>;

export const ZCreatePlanRequest = z
  .strictObject({
    customerId: ZId,
    projectId: ZId,
    /** The need: what the owner's people must learn (operation, maintenance, troubleshooting). */
    content: ZText(4000),
    mode: z.enum(TRAINING_MODES),
    startsOn: ZDate,
    endsOn: ZDate,
    /** How many of the owner's operators are to be trained. */
    traineeCount: z.int().min(1).max(10_000),
    courseIds: z.array(ZId).min(1).max(50),
    trainerIds: z.array(ZId).min(1).max(20),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'ends before it starts' });
export type TCreatePlanRequest = z.infer<typeof ZCreatePlanRequest>;
export const ZPlan = z.object({
  id: ZId,
  customerId: ZId,
  customerName: z.string(),
  projectId: ZId,
  projectName: z.string(),
  content: z.string(),
  mode: z.enum(TRAINING_MODES),
  startsOn: z.string(),
  endsOn: z.string(),
  workingDays: z.int(),
  traineeCount: z.int(),
  courseIds: z.array(ZId),
  trainerIds: z.array(ZId),
  /** The seed's minimums not met: shown, never a block. */
  warnings: z.array(ZPlanWarning),
  version: z.int(),
  createdAt: z.string(),
});
export type TPlan = z.infer<typeof ZPlan>;
export const ZPlanListQuery = z.object({ projectId: ZId.optional(), customerId: ZId.optional() });

// ---------- sessions, trainees, attendance ----------
export const ZChecklistItem = z.strictObject({ label: ZText(200), done: z.boolean() });
export type TChecklistItem = z.infer<typeof ZChecklistItem>;
/** The venue and equipment check (场地和设备) every session starts with; the trainer edits it. */
export const DEFAULT_CHECKLIST = ['venue', 'projector', 'equipment', 'materials', 'sign_in'] as const;

export const ZCreateSessionRequest = z
  .strictObject({
    courseId: ZId,
    planId: ZId.nullable().default(null),
    trainerId: ZId,
    startsAt: ZInstant,
    endsAt: ZInstant,
    venue: ZText(300),
    /** A public session (the spring/autumn user classes) customers enrol in from the portal. */
    isPublic: z.boolean().default(false),
    seatLimit: z.int().min(1).max(10_000).nullable().default(null),
    checklist: z.array(ZChecklistItem).max(50).optional(),
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), {
    path: ['endsAt'],
    message: 'ends before it starts',
  })
  .refine((v) => !v.isPublic || v.seatLimit !== null, {
    path: ['seatLimit'],
    message: 'a public session needs its seat limit',
  });
export type TCreateSessionRequest = z.infer<typeof ZCreateSessionRequest>;

export const TRAINEE_STATUSES = ['enrolled', 'waiting'] as const;
export const ATTENDANCE_SOURCES = ['qr', 'trainer'] as const;
export const ZTrainee = z.object({
  id: ZId,
  sessionId: ZId,
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  customerId: ZId.nullable(),
  status: z.enum(TRAINEE_STATUSES),
  /** Place on the waiting list (1 = next to get a seat); null when enrolled. */
  waitingPosition: z.int().nullable(),
  attendedAt: z.string().nullable(),
  attendedBy: z.enum(ATTENDANCE_SOURCES).nullable(),
  createdAt: z.string(),
});
export type TTrainee = z.infer<typeof ZTrainee>;
export const ZAddTraineeRequest = z.strictObject({
  name: ZText(100),
  phone: ZPhone,
  email: z.email().max(200).nullable().default(null),
  customerId: ZId.nullable().default(null),
});
export type TAddTraineeRequest = z.infer<typeof ZAddTraineeRequest>;

export const ZSessionConflict = z.object({
  sessionId: ZId,
  courseTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
/** A period of leave (请假): inclusive dates in the organisation's zone. */
export const ZTrainerLeave = z.strictObject({ from: z.iso.date(), to: z.iso.date() });
/** A trainer's leave, kept in the staff member's working profile (the field module's). */
export const ZTrainerLeaveList = z.object({
  trainerId: ZId,
  leave: z.array(ZTrainerLeave),
  version: z.int(),
});
export type TTrainerLeaveList = z.infer<typeof ZTrainerLeaveList>;
export const ZSaveTrainerLeaveRequest = z.strictObject({
  /** The version read; 0 while the trainer has no leave recorded yet. */
  version: z.int().min(0).max(2_147_483_647),
  leave: z.array(ZTrainerLeave).max(100),
});
export type TSaveTrainerLeaveRequest = z.infer<typeof ZSaveTrainerLeaveRequest>;
export const ZSession = z.object({
  id: ZId,
  courseId: ZId,
  courseTitle: z.string(),
  planId: ZId.nullable(),
  trainerId: ZId,
  trainerName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string(),
  isPublic: z.boolean(),
  seatLimit: z.int().nullable(),
  enrolled: z.int(),
  waiting: z.int(),
  attended: z.int(),
  checklist: z.array(ZChecklistItem),
  materialsSentAt: z.string().nullable(),
  evaluationSummary: z.string().nullable(),
  plannedChanges: z.string().nullable(),
  /** The trainer's other sessions at the same time. */
  conflicts: z.array(ZSessionConflict),
  /** The trainer's leave (inclusive local dates) on a day of the session. */
  leaveConflicts: z.array(ZTrainerLeave),
  version: z.int(),
});
export type TSession = z.infer<typeof ZSession>;
export const ZSessionDetail = ZSession.extend({ trainees: z.array(ZTrainee) });
export type TSessionDetail = z.infer<typeof ZSessionDetail>;
export const ZSessionListQuery = z.object({
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  trainerId: ZId.optional(),
});
export const ZUpdateChecklistRequest = z.strictObject({
  version: ZVersion,
  checklist: z.array(ZChecklistItem).max(50),
});
export const ZAttendanceRequest = z.strictObject({ attended: z.boolean() });
export const ZSignInCode = z.object({ token: z.string(), url: z.string(), expiresAt: z.string() });
export const ZMaterialsSent = z.object({ emailed: z.int(), withoutEmail: z.int() });

/** What the room's QR code opens on a phone (no login). */
export const ZPublicSignIn = z.object({
  courseTitle: z.string(),
  venue: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export const ZSignInRequest = z.strictObject({ name: ZText(100), phone: ZPhone });
export const ZSignedIn = z.object({
  traineeName: z.string(),
  attendedAt: z.string(),
  /** The trainee's own exam link (signed): where the exam is taken on the same phone. */
  examToken: z.string(),
});

// ---------- portal: public sessions, enrolment and waiting list ----------
export const ZPortalSession = z.object({
  id: ZId,
  courseTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string(),
  seatLimit: z.int(),
  seatsLeft: z.int(),
  /** The caller's own enrolments in it. */
  mine: z.array(z.object({ traineeId: ZId, name: z.string(), status: z.enum(TRAINEE_STATUSES) })),
});
export const ZEnrolRequest = z.strictObject({ name: ZText(100), phone: ZPhone });

// ---------- question bank and exams ----------
export const QUESTION_KINDS = ['single', 'multiple', 'true_false', 'short', 'practical'] as const;
export type TQuestionKind = (typeof QUESTION_KINDS)[number];
/** Marked by the trainer, not by the machine. */
export const TRAINER_MARKED: readonly TQuestionKind[] = ['short', 'practical'];

export const ZRubricItem = z.strictObject({ label: ZText(200), points: z.int().min(1).max(100) });
export const ZCreateQuestionRequest = z
  .strictObject({
    kind: z.enum(QUESTION_KINDS),
    text: ZText(2000),
    /** Choices of single and multiple choice questions. */
    options: z.array(ZText(300)).max(10).default([]),
    /** Indexes of the right choices; true/false: [1] for true, [0] for false. */
    correct: z.array(z.int().min(0).max(9)).max(10).default([]),
    /** Practical items: what the trainer scores, each with its points. */
    rubric: z.array(ZRubricItem).max(20).default([]),
    points: z.int().min(1).max(100).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'single' || v.kind === 'multiple') {
      if (v.options.length < 2)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'at least two choices' });
      if (v.correct.some((i) => i >= v.options.length))
        ctx.addIssue({ code: 'custom', path: ['correct'], message: 'not one of the choices' });
      if (v.kind === 'single' ? v.correct.length !== 1 : v.correct.length < 1)
        ctx.addIssue({ code: 'custom', path: ['correct'], message: 'the right choice(s) are missing' });
    }
    if (v.kind === 'true_false' && (v.correct.length !== 1 || v.correct[0]! > 1))
      ctx.addIssue({ code: 'custom', path: ['correct'], message: '[1] for true or [0] for false' });
    if (v.kind === 'practical' && v.rubric.length === 0)
      ctx.addIssue({ code: 'custom', path: ['rubric'], message: 'a practical item needs its rubric' });
  });
export type TCreateQuestionRequest = z.infer<typeof ZCreateQuestionRequest>;
export const ZQuestion = z.object({
  id: ZId,
  courseId: ZId,
  kind: z.enum(QUESTION_KINDS),
  text: z.string(),
  options: z.array(z.string()),
  correct: z.array(z.int()),
  rubric: z.array(z.object({ label: z.string(), points: z.int() })),
  points: z.int(),
});
export type TQuestion = z.infer<typeof ZQuestion>;

/** An answer: chosen indexes (choice, true/false), text (short), nothing for practical items. */
export const ZAnswerRequest = z.strictObject({
  choices: z.array(z.int().min(0).max(9)).max(10).optional(),
  text: z.string().max(4000).optional(),
});
export type TAnswer = z.infer<typeof ZAnswerRequest>;

export const ATTEMPT_STATUSES = ['open', 'marking', 'passed', 'failed'] as const;
export type TAttemptStatus = (typeof ATTEMPT_STATUSES)[number];
/** A question as the trainee sees it: without the right answer. */
export const ZExamQuestion = z.object({
  id: ZId,
  kind: z.enum(QUESTION_KINDS),
  text: z.string(),
  options: z.array(z.string()),
  points: z.int(),
  answer: ZAnswerRequest.nullable(),
});
export const ZAttempt = z.object({
  id: ZId,
  number: z.int(),
  status: z.enum(ATTEMPT_STATUSES),
  startedAt: z.string(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  score: z.int().nullable(),
  maxScore: z.int(),
  percent: z.int().nullable(),
  passMark: z.int(),
  coachingNote: z.string().nullable(),
  certificateId: ZId.nullable(),
});
export type TAttempt = z.infer<typeof ZAttempt>;
export const ZAttemptDetail = ZAttempt.extend({ questions: z.array(ZExamQuestion) });
export type TAttemptDetail = z.infer<typeof ZAttemptDetail>;
/** The trainee's exam page: the course, every attempt so far, and whether another may start. */
export const ZExamOverview = z.object({
  traineeName: z.string(),
  courseTitle: z.string(),
  examMinutes: z.int(),
  passMark: z.int(),
  attended: z.boolean(),
  canStart: z.boolean(),
  attempts: z.array(ZAttempt),
  certificate: z.object({ number: z.string(), verificationCode: z.string() }).nullable(),
});

/** An attempt as the trainer marks it: the trainee, each question with its answer and right answer. */
export const ZMarkingAttempt = ZAttempt.extend({
  traineeId: ZId,
  traineeName: z.string(),
  courseTitle: z.string(),
  items: z.array(
    z.object({
      question: ZQuestion,
      answer: ZAnswerRequest.nullable(),
      points: z.int().nullable(),
    }),
  ),
});
export const ZMarkRequest = z.strictObject({
  marks: z.array(z.strictObject({ questionId: ZId, points: z.int().min(0).max(100) })).max(200),
  coachingNote: z.string().trim().max(4000).nullable().default(null),
});
export type TMarkRequest = z.infer<typeof ZMarkRequest>;
export const ZCoachingRequest = z.strictObject({ coachingNote: ZText(4000) });
export const ZAttemptListQuery = z.object({
  status: z.enum(ATTEMPT_STATUSES).optional(),
  sessionId: ZId.optional(),
});

// ---------- certificates ----------
export const ZCertificate = z.object({
  id: ZId,
  number: z.string(),
  verificationCode: z.string(),
  holderName: z.string(),
  courseTitle: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type TCertificate = z.infer<typeof ZCertificate>;
export const ZRevokeRequest = z.strictObject({ reason: ZText(500) });
export const CERTIFICATE_STATES = ['valid', 'revoked', 'expired'] as const;
/** What the public verification page shows: one certificate, by its unguessable code. */
export const ZCertificateVerification = z.object({
  number: z.string(),
  holderName: z.string(),
  courseTitle: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string().nullable(),
  issuer: z.string(),
  state: z.enum(CERTIFICATE_STATES),
});
export const ZPdfLang = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

// ---------- online learning ----------
export const ZLearning = z.object({
  courseTitle: z.string(),
  /** Whether a question can be asked: the trainee belongs to a customer (the ticket's organisation). */
  canAsk: z.boolean(),
  lessons: z.array(
    z.object({
      id: ZId,
      title: z.string(),
      kind: z.enum(LESSON_KINDS),
      hasFile: z.boolean(),
      liveUrl: z.string().nullable(),
      startsAt: z.string().nullable(),
      durationMinutes: z.int().nullable(),
      positionSeconds: z.int(),
      completed: z.boolean(),
    }),
  ),
});
export const ZProgressRequest = z.strictObject({
  positionSeconds: z.int().min(0).max(86_400),
  completed: z.boolean(),
});
export const ZLessonQuestionRequest = z.strictObject({ question: ZText(4000) });

// ---------- evaluation ----------
/** The trainer's summary of a session's evaluation (the survey's answers) and the changes planned for the course. */
export const ZEvaluationRequest = z.strictObject({
  version: ZVersion,
  evaluationSummary: ZText(4000),
  plannedChanges: ZText(4000),
});
/** A session's evaluation: the customer's survey (none until the session of a plan has ended and
 * the poller asked; skipped by sampling or the quiet period) and the trainer's summary. */
export const ZSessionEvaluation = z.object({
  survey: z
    .object({
      status: z.enum(['open', 'answered', 'skipped']),
      customerName: z.string(),
      askedAt: z.string(),
      expiresAt: z.string(),
      answer: z
        .object({
          answeredAt: z.string(),
          responseStars: z.int(),
          engineerStars: z.int(),
          resultStars: z.int(),
          comment: z.string(),
          notSatisfied: z.boolean(),
          satisfied: z.boolean(),
          recoveryTicketNumber: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
  evaluationSummary: z.string().nullable(),
  plannedChanges: z.string().nullable(),
  version: z.int(),
});
export type TSessionEvaluation = z.infer<typeof ZSessionEvaluation>;

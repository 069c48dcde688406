// Assessments (考核): a question bank per course; an exam drawn from it with a time limit, taken by the
// trainee on a phone or in a browser with each answer saved as it is given (a lost connection loses
// nothing); machine marking of choices, the trainer's marking of short answers and practical items on
// their rubric; the pass mark; coaching for a fail and a retake with other questions; every attempt kept.
import { randomInt } from 'node:crypto';
import {
  type TAnswer,
  type TAttempt,
  type TAttemptDetail,
  type TCreateQuestionRequest,
  type TMarkRequest,
  type TQuestion,
  TRAINER_MARKED,
} from '../../../common/training-api.ts';
import { autoMark, drawQuestions, isPass, percentOf } from '../../../common/training-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { SurveyLinkConfig } from '../surveys/index.ts';
import { issueCertificate } from './certificates.ts';
import { requireCourse } from './courses.ts';
import { openLink } from './link-token.ts';
import * as repo from './repository.ts';

export function toQuestion(r: repo.QuestionRow): TQuestion {
  return {
    id: r.id,
    courseId: r.courseId,
    kind: r.kind,
    text: r.text,
    options: r.options,
    correct: r.correct,
    rubric: r.rubric,
    points: r.points,
  };
}

export async function addQuestion(
  ctx: Ctx,
  courseId: string,
  input: TCreateQuestionRequest,
): Promise<TQuestion> {
  await requireCourse(ctx, courseId);
  // A practical item is worth the sum of its rubric; true/false has its two fixed choices.
  const points = input.kind === 'practical' ? input.rubric.reduce((s, r) => s + r.points, 0) : input.points;
  const options =
    input.kind === 'true_false'
      ? ['false', 'true']
      : input.kind === 'single' || input.kind === 'multiple'
        ? input.options
        : [];
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertQuestion(tx, {
      courseId,
      kind: input.kind,
      text: input.text,
      options,
      correct: TRAINER_MARKED.includes(input.kind) ? [] : input.correct,
      rubric: input.kind === 'practical' ? input.rubric : [],
      points,
      createdAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'training.question.create',
      entityType: 'training_course',
      entityId: courseId,
      after: row,
    });
    return toQuestion(row);
  });
}

export async function listQuestions(ctx: Ctx, courseId: string) {
  await requireCourse(ctx, courseId);
  return (await repo.listQuestions(ctx.db, courseId)).map(toQuestion);
}

export function toAttempt(a: repo.AttemptRow, certificateId: string | null): TAttempt {
  return {
    id: a.id,
    number: a.number,
    status: a.status,
    startedAt: a.startedAt.toISOString(),
    deadline: a.deadline.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    score: a.status === 'passed' || a.status === 'failed' ? a.score : null,
    maxScore: a.maxScore,
    percent: a.status === 'passed' || a.status === 'failed' ? percentOf(a.score ?? 0, a.maxScore) : null,
    passMark: a.passMark,
    coachingNote: a.coachingNote,
    certificateId,
  };
}

// ---------- the trainee's side (by their signed link) ----------
async function traineeOf(ctx: Ctx, link: SurveyLinkConfig, token: string) {
  const id = openLink(link.secret, 'training-trainee', token, ctx.clock.now());
  const trainee = await repo.findTrainee(ctx.db, id);
  if (!trainee) throw notFound('Trainee');
  const session = await repo.findSession(ctx.db, trainee.sessionId);
  const course = session && (await repo.findCourse(ctx.db, session.courseId));
  if (!session || !course) throw notFound('Trainee');
  return { trainee, session, course };
}

const canRetake = (attempts: repo.AttemptRow[]) => attempts.every((a) => a.status === 'failed');

export async function examOverview(ctx: Ctx, link: SurveyLinkConfig, token: string) {
  const { trainee, course } = await traineeOf(ctx, link, token);
  const attempts = await repo.attemptsOf(ctx.db, trainee.id);
  const certs = await repo.certificatesByAttempts(
    ctx.db,
    attempts.map((a) => a.id),
  );
  const cert = await repo.certificateOfTrainee(ctx.db, trainee.id);
  return {
    traineeName: trainee.name,
    courseTitle: course.title,
    examMinutes: course.examMinutes,
    passMark: course.passMark,
    attended: trainee.attendedAt !== null,
    canStart: trainee.attendedAt !== null && canRetake(attempts),
    attempts: attempts.map((a) => toAttempt(a, certs.get(a.id)?.id ?? null)),
    certificate: cert ? { number: cert.number, verificationCode: cert.verificationCode } : null,
  };
}

async function attemptDetail(
  db: Executor,
  a: repo.AttemptRow,
  certificateId: string | null,
): Promise<TAttemptDetail> {
  const questions = await repo.questionsByIds(db, a.questionIds);
  const answers = await repo.answersOf(db, a.id);
  return {
    ...toAttempt(a, certificateId),
    questions: a.questionIds.map((id) => {
      const q = questions.get(id)!;
      const ans = answers.get(id)?.answer;
      return {
        id,
        kind: q.kind,
        text: q.text,
        options: q.options,
        points: q.points,
        answer: ans && Object.keys(ans).length ? ans : null,
      };
    }),
  };
}

/** Starts an exam: the trainee attended and has no attempt open, waiting for marks or passed. */
export async function startAttempt(ctx: Ctx, link: SurveyLinkConfig, token: string): Promise<TAttemptDetail> {
  const { trainee, course } = await traineeOf(ctx, link, token);
  if (!trainee.attendedAt) throw conflict('Sign in to the session before the exam');
  return ctx.db.transaction(async (tx) => {
    const attempts = await repo.attemptsOf(tx, trainee.id);
    if (!canRetake(attempts)) throw conflict('An exam is already open, being marked or passed');
    const bank = await repo.listQuestions(tx, course.id);
    if (!bank.length) throw conflict('The course has no questions yet');
    const asked = new Set(attempts.flatMap((a) => a.questionIds));
    const ids = drawQuestions(
      bank.map((q) => q.id),
      asked,
      course.examQuestions,
      (n = 2 ** 32) => randomInt(n) / n,
    );
    const byId = new Map(bank.map((q) => [q.id, q]));
    const now = ctx.clock.now();
    const attempt = await repo.insertAttempt(tx, {
      traineeId: trainee.id,
      courseId: course.id,
      number: attempts.length + 1,
      questionIds: ids,
      status: 'open',
      startedAt: now,
      deadline: new Date(now.getTime() + course.examMinutes * 60_000),
      maxScore: ids.reduce((s, id) => s + byId.get(id)!.points, 0),
      passMark: course.passMark,
    });
    if (!attempt) throw conflict('An exam was started at the same time');
    await writeAudit(tx, ctx, {
      action: 'training.exam.start',
      entityType: 'training_attempt',
      entityId: attempt.id,
      after: attempt,
    });
    return attemptDetail(tx, attempt, null);
  });
}

async function ownAttempt(db: Executor, traineeId: string, attemptId: string, lock = false) {
  const a = await repo.findAttempt(db, attemptId, lock);
  if (!a || a.traineeId !== traineeId) throw notFound('Exam attempt');
  return a;
}

export async function getAttempt(ctx: Ctx, link: SurveyLinkConfig, token: string, attemptId: string) {
  const { trainee } = await traineeOf(ctx, link, token);
  const a = await ownAttempt(ctx.db, trainee.id, attemptId);
  const certs = await repo.certificatesByAttempts(ctx.db, [a.id]);
  return attemptDetail(ctx.db, a, certs.get(a.id)?.id ?? null);
}

function checkAnswer(q: repo.QuestionRow, answer: TAnswer) {
  if (q.kind === 'short') {
    if (answer.choices?.length) throw invalidField('choices', 'a short answer is text');
    return { text: answer.text ?? '' };
  }
  if (q.kind === 'practical') throw invalidField('questionId', 'a practical item is scored by the trainer');
  if (answer.text !== undefined) throw invalidField('text', 'choose among the options');
  const choices = [...new Set(answer.choices ?? [])];
  if (choices.some((c) => c >= q.options.length)) throw invalidField('choices', 'not one of the options');
  if ((q.kind === 'single' || q.kind === 'true_false') && choices.length > 1)
    throw invalidField('choices', 'one choice only');
  return { choices };
}

/** Saves one answer as it is given; after the time limit or submission nothing more is taken. */
export async function saveAnswer(
  ctx: Ctx,
  link: SurveyLinkConfig,
  token: string,
  attemptId: string,
  questionId: string,
  answer: TAnswer,
) {
  const { trainee } = await traineeOf(ctx, link, token);
  const a = await ownAttempt(ctx.db, trainee.id, attemptId);
  if (!a.questionIds.includes(questionId)) throw invalidField('questionId', 'not a question of this exam');
  if (a.status !== 'open') throw conflict('The exam has been submitted');
  const now = ctx.clock.now();
  if (now.getTime() > a.deadline.getTime())
    throw new AppError(409, 'Conflict', 'The time limit has passed; the answer was not saved', [
      { field: 'deadline', message: 'time limit passed' },
    ]);
  const q = (await repo.questionsByIds(ctx.db, [questionId])).get(questionId)!;
  const value = checkAnswer(q, answer);
  await repo.saveAnswer(ctx.db, { attemptId, questionId, answer: value, savedAt: now });
  return { questionId, savedAt: now.toISOString() };
}

/** Totals an attempt: passed (with its certificate) or failed, once every answer has its points. */
async function finalise(ctx: Ctx, tx: Executor, a: repo.AttemptRow, coachingNote: string | null) {
  const answers = await repo.answersOf(tx, a.id);
  const score = a.questionIds.reduce((s, id) => s + (answers.get(id)?.points ?? 0), 0);
  const passed = isPass(score, a.maxScore, a.passMark);
  const row = await repo.updateAttempt(tx, a.id, {
    status: passed ? 'passed' : 'failed',
    score,
    coachingNote: coachingNote ?? a.coachingNote,
  });
  if (passed) await issueCertificate(ctx, tx, row);
  return row;
}

export async function submitAttempt(ctx: Ctx, link: SurveyLinkConfig, token: string, attemptId: string) {
  const { trainee } = await traineeOf(ctx, link, token);
  const row = await ctx.db.transaction(async (tx) => {
    const a = await ownAttempt(tx, trainee.id, attemptId, true);
    if (a.status !== 'open') throw conflict('The exam has been submitted');
    const questions = await repo.questionsByIds(tx, a.questionIds);
    const answers = await repo.answersOf(tx, a.id);
    let needsTrainer = false;
    for (const id of a.questionIds) {
      const q = questions.get(id)!;
      const points = autoMark(q, answers.get(id)?.answer ?? null);
      if (points === null) needsTrainer = true;
      else await repo.setAnswerPoints(tx, a.id, id, points);
    }
    const submitted = await repo.updateAttempt(tx, a.id, {
      submittedAt: ctx.clock.now(),
      status: needsTrainer ? 'marking' : 'open',
    });
    await writeAudit(tx, ctx, {
      action: 'training.exam.submit',
      entityType: 'training_attempt',
      entityId: a.id,
      after: { needsTrainer },
    });
    return needsTrainer ? submitted : finalise(ctx, tx, submitted, null);
  });
  return getAttempt(ctx, link, token, row.id);
}

// ---------- the trainer's side ----------
export async function markingView(ctx: Ctx, attemptId: string) {
  const a = await repo.findAttempt(ctx.db, attemptId);
  if (!a) throw notFound('Exam attempt');
  const trainee = (await repo.findTrainee(ctx.db, a.traineeId))!;
  const course = (await repo.findCourse(ctx.db, a.courseId))!;
  const questions = await repo.questionsByIds(ctx.db, a.questionIds);
  const answers = await repo.answersOf(ctx.db, a.id);
  const certs = await repo.certificatesByAttempts(ctx.db, [a.id]);
  return {
    ...toAttempt(a, certs.get(a.id)?.id ?? null),
    traineeId: trainee.id,
    traineeName: trainee.name,
    courseTitle: course.title,
    items: a.questionIds.map((id) => {
      const ans = answers.get(id);
      return {
        question: toQuestion(questions.get(id)!),
        answer: ans && Object.keys(ans.answer).length ? ans.answer : null,
        points: ans?.points ?? null,
      };
    }),
  };
}

export async function listAttempts(ctx: Ctx, q: { status?: string; sessionId?: string }) {
  const traineeIds = q.sessionId
    ? (await repo.listTrainees(ctx.db, q.sessionId)).map((t) => t.id)
    : undefined;
  const rows = await repo.listAttempts(ctx.db, { status: q.status, traineeIds });
  return Promise.all(rows.map((r) => markingView(ctx, r.id)));
}

/** The trainer marks short answers and practical items (each within its points), then the attempt is totalled. */
export async function markAttempt(ctx: Ctx, attemptId: string, input: TMarkRequest) {
  await ctx.db.transaction(async (tx) => {
    const a = await repo.findAttempt(tx, attemptId, true);
    if (!a) throw notFound('Exam attempt');
    if (a.status !== 'marking') throw conflict('This attempt is not waiting for marks');
    const questions = await repo.questionsByIds(tx, a.questionIds);
    const given = new Map(input.marks.map((m) => [m.questionId, m.points]));
    for (const [i, m] of input.marks.entries()) {
      const q = questions.get(m.questionId);
      if (!q || !a.questionIds.includes(m.questionId))
        throw invalidField(`marks.${i}.questionId`, 'not a question of this exam');
      if (!TRAINER_MARKED.includes(q.kind))
        throw invalidField(`marks.${i}.questionId`, 'marked by the machine');
      if (m.points > q.points) throw invalidField(`marks.${i}.points`, `at most ${q.points}`);
    }
    const missing = a.questionIds.findIndex(
      (id) => TRAINER_MARKED.includes(questions.get(id)!.kind) && !given.has(id),
    );
    if (missing >= 0) throw invalidField('marks', 'every short answer and practical item needs its mark');
    for (const [id, points] of given) await repo.setAnswerPoints(tx, a.id, id, points);
    const row = await finalise(
      { ...ctx },
      tx,
      await repo.updateAttempt(tx, a.id, { markedBy: ctx.principal.userId }),
      input.coachingNote,
    );
    await writeAudit(tx, ctx, {
      action: 'training.exam.mark',
      entityType: 'training_attempt',
      entityId: a.id,
      after: { score: row.score, status: row.status },
    });
  });
  return markingView(ctx, attemptId);
}

/** What a trainee who failed should go over before the retake. */
export async function setCoachingNote(ctx: Ctx, attemptId: string, note: string) {
  const a = await repo.findAttempt(ctx.db, attemptId);
  if (!a) throw notFound('Exam attempt');
  if (a.status !== 'failed') throw conflict('Coaching is for a failed attempt');
  await ctx.db.transaction(async (tx) => {
    await repo.updateAttempt(tx, attemptId, { coachingNote: note });
    await writeAudit(tx, ctx, {
      action: 'training.exam.coaching',
      entityType: 'training_attempt',
      entityId: attemptId,
      before: { coachingNote: a.coachingNote },
      after: { coachingNote: note },
    });
  });
  return markingView(ctx, attemptId);
}

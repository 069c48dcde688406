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
import { type AuditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { SurveyLinkConfig } from '../surveys/index.ts';
import { issueCertificate } from './certificates.ts';
import { requireCourse } from './courses.ts';
import { openLink } from './link-token.ts';
import * as repo from './repository.ts';

export function toQuestion(r: repo.AttemptQuestion): TQuestion {
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

/** The trainee's view of an attempt: its questions (without the right answers) and the answers saved. */
function detailOf(w: repo.AttemptWithItems): TAttemptDetail {
  const answers = new Map(w.answers.map((a) => [a.questionId, a.answer]));
  const questions = new Map(w.questions.map((q) => [q.id, q]));
  return {
    ...toAttempt(w.attempt, w.certificateId),
    questions: w.attempt.questionIds.map((id) => {
      const q = questions.get(id)!;
      const ans = answers.get(id);
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
    return detailOf({
      attempt,
      traineeName: trainee.name,
      traineeCustomerId: trainee.customerId,
      courseTitle: course.title,
      certificateMonths: course.certificateMonths,
      certificateId: null,
      questions: ids.map((id) => byId.get(id)!),
      answers: [],
    });
  });
}

async function ownAttempt(
  ctx: Ctx,
  link: SurveyLinkConfig,
  token: string,
  attemptId: string,
  db: Executor = ctx.db,
  lock = false,
) {
  const traineeId = openLink(link.secret, 'training-trainee', token, ctx.clock.now());
  const w = await repo.attemptWithItems(db, attemptId, { traineeId, lock });
  if (!w) throw notFound('Exam attempt');
  return w;
}

/** An attempt by the trainee's link: one statement. */
export async function getAttempt(ctx: Ctx, link: SurveyLinkConfig, token: string, attemptId: string) {
  return detailOf(await ownAttempt(ctx, link, token, attemptId));
}

function checkAnswer(q: Pick<repo.QuestionRow, 'kind' | 'options'>, answer: TAnswer) {
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

const SUBMITTED = 'The exam has been submitted';

/**
 * Saves one answer as it is given; after the time limit or submission nothing more is taken. Two
 * statements: what the answer is for (attempt and question), then the save guarded by the attempt
 * still being open (an answer racing the submission is refused, never saved after the marking).
 */
export async function saveAnswer(
  ctx: Ctx,
  link: SurveyLinkConfig,
  token: string,
  attemptId: string,
  questionId: string,
  answer: TAnswer,
) {
  const now = ctx.clock.now();
  const traineeId = openLink(link.secret, 'training-trainee', token, now);
  const target = await repo.answerTarget(ctx.db, attemptId, traineeId, questionId);
  if (!target) throw notFound('Exam attempt');
  if (!target.question) throw invalidField('questionId', 'not a question of this exam');
  if (target.status !== 'open') throw conflict(SUBMITTED);
  if (now.getTime() > target.deadline.getTime())
    throw new AppError(409, 'Conflict', 'The time limit has passed; the answer was not saved', [
      { field: 'deadline', message: 'time limit passed' },
    ]);
  const value = checkAnswer(target.question, answer);
  if (!(await repo.saveOpenAnswer(ctx.db, { attemptId, questionId, answer: value, savedAt: now })))
    throw conflict(SUBMITTED);
  return { questionId, savedAt: now.toISOString() };
}

/**
 * Gives the attempt its marks (`marks`: points per question, the trainer's or the machine's), totals it
 * when every answer has its points (passed with its certificate, or failed) and writes `audit` with it.
 * The certificate is the last change: its number's row lock is held to the commit only.
 */
async function settle(
  ctx: Ctx,
  tx: Executor,
  w: repo.AttemptWithItems,
  marks: { questionId: string; points: number }[],
  set: Partial<repo.AttemptRow>,
  audit: (row: repo.AttemptRow) => AuditEvent,
): Promise<repo.AttemptWithItems> {
  const now = ctx.clock.now();
  await repo.setAnswersPoints(tx, w.attempt.id, marks, now);
  const answers = new Map(w.answers.map((a) => [a.questionId, a]));
  for (const m of marks)
    answers.set(m.questionId, {
      questionId: m.questionId,
      answer: answers.get(m.questionId)?.answer ?? {},
      points: m.points,
    });
  const kinds = new Map(w.questions.map((q) => [q.id, q.kind]));
  const complete = w.attempt.questionIds.every(
    (id) => !TRAINER_MARKED.includes(kinds.get(id)!) || answers.get(id)?.points != null,
  );
  let status = set.status ?? w.attempt.status;
  let score = w.attempt.score;
  if (complete) {
    score = w.attempt.questionIds.reduce((s, id) => s + (answers.get(id)?.points ?? 0), 0);
    status = isPass(score, w.attempt.maxScore, w.attempt.passMark) ? 'passed' : 'failed';
  }
  const row = await repo.updateAttempt(tx, w.attempt.id, { ...set, status, score });
  const out = { ...w, attempt: row, answers: [...answers.values()] };
  if (status === 'passed') out.certificateId = (await issueCertificate(ctx, tx, out, [audit(row)])).id;
  else await writeAudit(tx, ctx, audit(row));
  return out;
}

/** Submits an exam: choices are marked now, short answers and practical items wait for the trainer. */
export async function submitAttempt(ctx: Ctx, link: SurveyLinkConfig, token: string, attemptId: string) {
  const out = await ctx.db.transaction(async (tx) => {
    const w = await ownAttempt(ctx, link, token, attemptId, tx, true);
    if (w.attempt.status !== 'open') throw conflict(SUBMITTED);
    const answers = new Map(w.answers.map((a) => [a.questionId, a.answer]));
    const questions = new Map(w.questions.map((q) => [q.id, q]));
    const marks: { questionId: string; points: number }[] = [];
    let needsTrainer = false;
    for (const id of w.attempt.questionIds) {
      const points = autoMark(questions.get(id)!, answers.get(id) ?? null);
      if (points === null) needsTrainer = true;
      else marks.push({ questionId: id, points });
    }
    return settle(
      ctx,
      tx,
      w,
      marks,
      { submittedAt: ctx.clock.now(), status: needsTrainer ? 'marking' : 'open' },
      () => ({
        action: 'training.exam.submit',
        entityType: 'training_attempt',
        entityId: w.attempt.id,
        after: { needsTrainer },
      }),
    );
  });
  return detailOf(out);
}

// ---------- the trainer's side ----------
function toMarking(w: repo.AttemptWithItems) {
  const answers = new Map(w.answers.map((a) => [a.questionId, a]));
  const questions = new Map(w.questions.map((q) => [q.id, q]));
  return {
    ...toAttempt(w.attempt, w.certificateId),
    traineeId: w.attempt.traineeId,
    traineeName: w.traineeName,
    courseTitle: w.courseTitle,
    items: w.attempt.questionIds.map((id) => {
      const ans = answers.get(id);
      return {
        question: toQuestion(questions.get(id)!),
        answer: ans && Object.keys(ans.answer).length ? ans.answer : null,
        points: ans?.points ?? null,
      };
    }),
  };
}

export async function markingView(ctx: Ctx, attemptId: string) {
  const w = await repo.attemptWithItems(ctx.db, attemptId);
  if (!w) throw notFound('Exam attempt');
  return toMarking(w);
}

/** The marking list: one statement for the whole list (trainee, course, questions, answers, certificate). */
export async function listAttempts(ctx: Ctx, q: { status?: string; sessionId?: string }) {
  return (await repo.listAttemptsWithItems(ctx.db, q)).map(toMarking);
}

/** The trainer marks short answers and practical items (each within its points), then the attempt is totalled. */
export async function markAttempt(ctx: Ctx, attemptId: string, input: TMarkRequest) {
  const out = await ctx.db.transaction(async (tx) => {
    const w = await repo.attemptWithItems(tx, attemptId, { lock: true });
    if (!w) throw notFound('Exam attempt');
    const a = w.attempt;
    if (a.status !== 'marking') throw conflict('This attempt is not waiting for marks');
    const questions = new Map(w.questions.map((q) => [q.id, q]));
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
    return settle(
      ctx,
      tx,
      w,
      [...given].map(([questionId, points]) => ({ questionId, points })),
      { markedBy: ctx.principal.userId, coachingNote: input.coachingNote ?? a.coachingNote },
      (row) => ({
        action: 'training.exam.mark',
        entityType: 'training_attempt',
        entityId: a.id,
        after: { score: row.score, status: row.status },
      }),
    );
  });
  return toMarking(out);
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

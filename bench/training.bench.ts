// Exam submission at BENCH_TRAINEES (default 200) concurrent trainees (issue 18): a course with a bank
// of 40 questions, one session with every trainee signed in, each exam of 10 questions started and
// answered through the service (as the phone does, one PUT per answer), then every trainee submits at
// the same moment over HTTP (the public link, no login): each submission marks its answers, totals the
// attempt and, for a pass, numbers and issues a certificate. Also timed: 200 concurrent answer saves.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import { surveyLinkConfig } from '../server/modules/surveys/index.ts';
import { createCourse } from '../server/modules/training/courses.ts';
import { addQuestion, saveAnswer, startAttempt } from '../server/modules/training/exams.ts';
import { createSession } from '../server/modules/training/sessions.ts';
import { signIn, signInCode } from '../server/modules/training/trainees.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, startBenchApp, writeResult } from './harness.ts';

const TRAINEES = Number(process.env.BENCH_TRAINEES ?? 200);
const QUESTIONS = 10;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timedAll(requests: (() => Promise<Response>)[]) {
  const times: number[] = [];
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    requests.map(async (send) => {
      const s = performance.now();
      const res = await send();
      await res.arrayBuffer();
      if (!res.ok) failed++;
      times.push(performance.now() - s);
    }),
  );
  const wall = performance.now() - t0;
  // This process's CPU (the app and the 200 clients share one event loop): near the wall time means
  // the phase waited on Node, far below it on the database or the machine.
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return { times, wall, failed, nodeCpu: (cpu.user + cpu.system) / 1000 };
}

export async function run() {
  const bench = await openBenchDatabase();
  try {
    const { app, base } = await startBenchApp(bench.db);
    // The app's link secret and address: the bench signs the links the same way.
    const config = loadConfig({}, { LOG_LEVEL: 'silent', DATA_DIR: '/tmp/aftercare-bench-app' } as never);
    const link = surveyLinkConfig(config);
    const trainerId = (
      await bench.db.execute<{ id: string }>(sql`select id from users where kind = 'staff' limit 1`)
    ).rows[0]!.id;
    const ctx = {
      ...systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench'),
      ip: null,
    };
    const course = await createCourse(ctx, {
      title: '照明控制系统操作',
      description: '',
      passMark: 60,
      examQuestions: QUESTIONS,
      examMinutes: 60,
      certificateMonths: 24,
    });
    for (let i = 0; i < 40; i++)
      await addQuestion(ctx, course.id, {
        kind: 'true_false',
        text: `判断题 ${i}`,
        options: [],
        correct: [i % 2],
        rubric: [],
        points: 1,
      });
    const now = Date.now();
    const session = await createSession(ctx, {
      courseId: course.id,
      planId: null,
      trainerId,
      startsAt: new Date(now + 10 * 60_000).toISOString(),
      endsAt: new Date(now + 8 * 3_600_000).toISOString(),
      venue: '培训室',
      isPublic: false,
      seatLimit: null,
    });
    const code = await signInCode(ctx, link, session.id);
    const t0 = performance.now();
    const exams: { token: string; attemptId: string; questionIds: string[] }[] = [];
    for (let i = 0; i < TRAINEES; i++) {
      const { examToken } = await signIn(ctx, link, code.token, {
        name: `学员${i}`,
        phone: `1380000${String(i).padStart(4, '0')}`,
      });
      const attempt = await startAttempt(ctx, link, examToken);
      for (const q of attempt.questions)
        await saveAnswer(ctx, link, examToken, attempt.id, q.id, { choices: [Math.random() < 0.7 ? 1 : 0] });
      exams.push({
        token: examToken,
        attemptId: attempt.id,
        questionIds: attempt.questions.map((q) => q.id),
      });
    }
    console.log(`prepared ${TRAINEES} exams in ${Math.round((performance.now() - t0) / 1000)} s`);

    // One trainee's saves one after another: what a save costs when it waits for no one.
    const serial: number[] = [];
    for (const q of exams[0]!.questionIds) {
      const s = performance.now();
      const res = await fetch(
        `${base}/api/v1/public/training/exams/${exams[0]!.token}/attempts/${exams[0]!.attemptId}/answers/${q}`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ choices: [1] }),
        },
      );
      await res.arrayBuffer();
      serial.push(performance.now() - s);
    }
    serial.sort((a, b) => a - b);
    // Every trainee changes one answer at once (the PUT per answer), then everyone submits at once.
    const answers = await timedAll(
      exams.map(
        (e) => () =>
          fetch(
            `${base}/api/v1/public/training/exams/${e.token}/attempts/${e.attemptId}/answers/${e.questionIds[0]}`,
            {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ choices: [1] }),
            },
          ),
      ),
    );
    const submits = await timedAll(
      exams.map(
        (e) => () =>
          fetch(`${base}/api/v1/public/training/exams/${e.token}/attempts/${e.attemptId}/submit`, {
            method: 'POST',
            headers: { 'idempotency-key': randomUUID() },
          }),
      ),
    );
    if (submits.failed || answers.failed)
      throw new Error(`${submits.failed} submissions, ${answers.failed} answers failed`);
    const outcome = (
      await bench.db.execute<{ passed: number; certificates: number }>(sql`
        select count(*) filter (where status = 'passed')::int as passed,
               (select count(*)::int from training_certificates) as certificates
          from training_attempts`)
    ).rows[0]!;
    if (outcome.passed !== outcome.certificates) throw new Error('a pass without its certificate');
    await app.close();
    await writeResult({
      name: 'training',
      params: { trainees: TRAINEES, questionsPerExam: QUESTIONS, bank: 40 },
      figures: {
        submitP50: Math.round(percentile(submits.times, 50)),
        submitP95: Math.round(percentile(submits.times, 95)),
        submitMax: Math.round(submits.times.at(-1)!),
        submitWall: Math.round(submits.wall),
        submitsPerSecond: Math.round((TRAINEES * 1000) / submits.wall),
        answerP95: Math.round(percentile(answers.times, 95)),
        answerWall: Math.round(answers.wall),
        answerNodeCpu: Math.round(answers.nodeCpu),
        submitNodeCpu: Math.round(submits.nodeCpu),
        answerSerialP50: Math.round(percentile(serial, 50)),
        loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
        passed: outcome.passed,
      },
      units: {
        submitP50: 'ms',
        submitP95: 'ms',
        submitMax: 'ms',
        submitWall: 'ms',
        submitsPerSecond: '1/s',
        answerP95: 'ms',
        answerWall: 'ms',
        answerNodeCpu: 'ms',
        submitNodeCpu: 'ms',
        answerSerialP50: 'ms',
        loadAverage1m: '',
        passed: 'attempts',
      },
      targets: { submitP95: { max: 3000 }, answerP95: { max: 1000 } },
    });
  } finally {
    await bench.close();
  }
}

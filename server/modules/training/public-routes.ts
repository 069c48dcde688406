// HTTP of training without a login (the room's sign-in QR code, the trainee's exam link, the public
// certificate check) and for customer users in the portal (public sessions: enrolment, waiting list).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZAnswerRequest,
  ZAttemptDetail,
  ZCertificateVerification,
  ZEnrolRequest,
  ZExamOverview,
  ZLearning,
  ZLessonQuestionRequest,
  ZPdfLang,
  ZPortalSession,
  ZProgressRequest,
  ZPublicSignIn,
  ZSignedIn,
  ZSignInRequest,
} from '../../../common/training-api.ts';
import { type Ctx, systemCtx } from '../../platform/context.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { surveyLinkConfig } from '../surveys/index.ts';
import * as certificates from './certificates.ts';
import * as exams from './exams.ts';
import * as learning from './learning.ts';
import * as trainees from './trainees.ts';

const tags = ['training'];
const ZToken = z.object({ token: z.string().min(1).max(200) });
const ZAttemptParams = ZToken.extend({ attemptId: ZId });

export function registerTrainingPublicRoutes(app: Api, deps: RouteDeps) {
  const link = surveyLinkConfig(deps.config);
  // The caller has no login: the request acts as the signed link itself.
  // With an Idempotency-Key the request's own transaction (as deps.ctx does): a second connection
  // taken from the pool while the first is held would starve the pool under load.
  const linkCtx = (request: FastifyRequest): Ctx => ({
    ...systemCtx(
      {
        db: request.idempotency?.transaction?.db ?? deps.db,
        clock: deps.clock,
        timeZone: deps.config.defaultTimeZone,
      },
      'training-link',
    ),
    ip: request.ip,
    requestId: String(request.id),
  });

  app.get(
    '/api/v1/public/training/sign-in/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The session behind a room sign-in code (no login); 403 altered, 410 expired',
        params: ZToken,
        response: { 200: ZPublicSignIn },
      },
    },
    async (request) => trainees.signInPage(linkCtx(request), link, request.params.token),
  );
  app.post(
    '/api/v1/public/training/sign-in/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in to a session on a phone by name and phone: attended; returns the exam link',
        params: ZToken,
        body: ZSignInRequest,
        response: { 200: ZSignedIn },
      },
    },
    async (request) => trainees.signIn(linkCtx(request), link, request.params.token, request.body),
  );

  app.get(
    '/api/v1/public/training/exams/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The trainee's exam page: course, attempts so far, whether one may start, the certificate",
        params: ZToken,
        response: { 200: ZExamOverview },
      },
    },
    async (request) => exams.examOverview(linkCtx(request), link, request.params.token),
  );
  app.post(
    '/api/v1/public/training/exams/:token/attempts',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Start an exam (or a retake after a fail, with questions not asked before) with its time limit',
        params: ZToken,
        response: { 201: ZAttemptDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await exams.startAttempt(linkCtx(request), link, request.params.token)),
  );
  app.get(
    '/api/v1/public/training/exams/:token/attempts/:attemptId',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'An attempt with its questions and the answers saved so far',
        params: ZAttemptParams,
        response: { 200: ZAttemptDetail },
      },
    },
    async (request) =>
      exams.getAttempt(linkCtx(request), link, request.params.token, request.params.attemptId),
  );
  app.put(
    '/api/v1/public/training/exams/:token/attempts/:attemptId/answers/:questionId',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Save one answer as it is given; 409 after the time limit or submission, 422 for a question not in the attempt',
        params: ZAttemptParams.extend({ questionId: ZId }),
        body: ZAnswerRequest,
        response: { 200: z.object({ questionId: ZId, savedAt: z.string() }) },
      },
    },
    async (request) =>
      exams.saveAnswer(
        linkCtx(request),
        link,
        request.params.token,
        request.params.attemptId,
        request.params.questionId,
        request.body,
      ),
  );
  app.post(
    '/api/v1/public/training/exams/:token/attempts/:attemptId/submit',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Submit an exam: choices are marked now; short answers and practical items wait for the trainer',
        params: ZAttemptParams,
        response: { 200: ZAttemptDetail },
      },
    },
    async (request) =>
      exams.submitAttempt(linkCtx(request), link, request.params.token, request.params.attemptId),
  );

  app.get(
    '/api/v1/public/training/certificates/:code',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Verify one certificate by the code in its link (no login): holder, course, date, issuer, valid or not; 404 otherwise',
        params: z.object({ code: z.string().min(1).max(100) }),
        response: { 200: ZCertificateVerification },
      },
    },
    async (request) => certificates.verifyCertificate(linkCtx(request), deps.blobStore, request.params.code),
  );
  app.get(
    '/api/v1/public/training/certificates/:code/pdf',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The holder's certificate as a PDF, by the code in its link",
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: ZPdfLang,
      },
    },
    async (request, reply) => {
      const doc = await certificates.publicCertificatePdf(
        linkCtx(request),
        deps.blobStore,
        link,
        request.params.code,
        request.query.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="certificate.pdf"')
        .send(doc);
    },
  );

  // ---------- online learning by the trainee's link ----------
  const ZLessonParams = ZToken.extend({ lessonId: ZId });
  app.get(
    '/api/v1/public/training/learn/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "The course's lessons with the learner's progress",
        params: ZToken,
        response: { 200: ZLearning },
      },
    },
    async (request) => learning.learningOverview(linkCtx(request), link, request.params.token),
  );
  app.put(
    '/api/v1/public/training/learn/:token/lessons/:lessonId/progress',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Where the learner is in a lesson, and whether it is completed (completed stays completed)',
        params: ZLessonParams,
        body: ZProgressRequest,
        response: { 200: z.object({ lessonId: ZId, positionSeconds: z.int(), completed: z.boolean() }) },
      },
    },
    async (request) =>
      learning.saveProgress(
        linkCtx(request),
        link,
        request.params.token,
        request.params.lessonId,
        request.body,
      ),
  );
  app.get(
    '/api/v1/public/training/learn/:token/lessons/:lessonId/content',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "A lesson's file (manual to read, video to watch) with HTTP range requests: 206 for a range, 416 beyond the file",
        params: ZLessonParams,
      },
    },
    async (request, reply) => {
      const answer = await learning.lessonContent(
        linkCtx(request),
        deps.blobStore,
        link,
        request.params.token,
        request.params.lessonId,
        request.headers.range,
      );
      reply.header('accept-ranges', 'bytes').header('x-content-type-options', 'nosniff');
      if (answer.status === 416)
        return reply.code(416).header('content-range', `bytes */${answer.size}`).send();
      reply
        .header('content-type', answer.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(answer.name)}`)
        .header('content-security-policy', "default-src 'none'; media-src 'self'; sandbox");
      if (answer.status === 206)
        return reply
          .code(206)
          .header('content-range', `bytes ${answer.start}-${answer.end}/${answer.size}`)
          .header('content-length', answer.end - answer.start + 1)
          .send(answer.body);
      return reply.header('content-length', answer.size).send(answer.body);
    },
  );
  app.get(
    '/api/v1/public/training/learn/:token/lessons/:lessonId/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A live lesson as a calendar event (.ics) with its link',
        params: ZLessonParams,
      },
    },
    async (request, reply) => {
      const ics = await learning.liveLessonIcs(
        linkCtx(request),
        link,
        request.params.token,
        request.params.lessonId,
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="lesson.ics"')
        .send(ics);
    },
  );
  app.post(
    '/api/v1/public/training/learn/:token/lessons/:lessonId/questions',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "A question from a lesson: a consultation ticket of the trainee's organisation",
        params: ZLessonParams,
        body: ZLessonQuestionRequest,
        response: { 201: z.object({ ticketId: ZId, ticketNumber: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await learning.askQuestion(
            linkCtx(request),
            link,
            request.params.token,
            request.params.lessonId,
            request.body.question,
          ),
        ),
  );

  app.get(
    '/api/v1/portal/training/sessions',
    {
      config: { permission: 'training.enrol' },
      schema: {
        tags,
        summary: 'Upcoming public sessions (user classes) with seats left and the organisation’s enrolments',
        response: { 200: z.array(ZPortalSession) },
      },
    },
    async (request) => trainees.listPortalSessions(deps.ctx(request)),
  );
  app.post(
    '/api/v1/portal/training/sessions/:id/enrol',
    {
      config: { permission: 'training.enrol' },
      schema: {
        tags,
        summary:
          'Enrol a person in a public session: a seat, else the waiting list; 409 when already enrolled',
        params: z.object({ id: ZId }),
        body: ZEnrolRequest,
        response: { 200: ZPortalSession },
      },
    },
    async (request) => trainees.enrol(deps.ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/portal/training/enrolments/:id',
    {
      config: { permission: 'training.enrol' },
      schema: {
        tags,
        summary: 'Cancel an enrolment; the first on the waiting list takes the seat',
        params: z.object({ id: ZId }),
        response: { 200: z.array(ZPortalSession) },
      },
    },
    async (request) => trainees.cancelEnrolment(deps.ctx(request), request.params.id),
  );
}

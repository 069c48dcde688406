// HTTP of training for staff (the trainer's console): settings, courses and lessons, plans, sessions
// with trainees and attendance, the question bank, marking, certificates.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZAddTraineeRequest,
  ZAttemptListQuery,
  ZAttendanceRequest,
  ZCertificate,
  ZCoachingRequest,
  ZCourse,
  ZCourseDetail,
  ZCreateCourseRequest,
  ZCreateLessonRequest,
  ZCreatePlanRequest,
  ZCreateQuestionRequest,
  ZCreateSessionRequest,
  ZEvaluationRequest,
  ZMarkingAttempt,
  ZMarkRequest,
  ZMaterialsSent,
  ZPdfLang,
  ZPlan,
  ZPlanListQuery,
  ZQuestion,
  ZRevokeRequest,
  ZSaveTrainerLeaveRequest,
  ZSession,
  ZSessionDetail,
  ZSessionEvaluation,
  ZSessionListQuery,
  ZSignInCode,
  ZTrainerLeaveList,
  ZTrainingSettings,
  ZUpdateChecklistRequest,
  ZUpdateCourseRequest,
  ZUpdateTrainingSettingsRequest,
} from '../../../common/training-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { surveyLinkConfig } from '../surveys/index.ts';
import * as certificates from './certificates.ts';
import * as courses from './courses.ts';
import { registerTrainingDashboardRoutes } from './dashboard-routes.ts';
import * as exams from './exams.ts';
import * as plans from './plans.ts';
import * as sessions from './sessions.ts';
import { trainingSettingsOf, updateTrainingSettings } from './settings.ts';
import * as trainees from './trainees.ts';

const tags = ['training'];
const ZIdParams = z.object({ id: ZId });

export function registerTrainingRoutes(app: Api, deps: RouteDeps) {
  registerTrainingDashboardRoutes(app, deps);
  const link = surveyLinkConfig(deps.config);

  app.get(
    '/api/v1/training/settings',
    {
      config: { permission: 'training.read' },
      schema: {
        tags,
        summary: 'Training minimums (on-site working days, trainees) and defaults',
        response: { 200: ZTrainingSettings },
      },
    },
    async (request) => trainingSettingsOf(deps.ctx(request).db),
  );
  app.put(
    '/api/v1/training/settings',
    {
      config: { permission: 'training.settings' },
      schema: {
        tags,
        summary:
          'Change the training settings (audited); needs the current version (0 before the first change)',
        body: ZUpdateTrainingSettingsRequest,
        response: { 200: ZTrainingSettings },
      },
    },
    async (request) => updateTrainingSettings(deps.ctx(request), request.body),
  );

  // ---------- courses ----------
  app.get(
    '/api/v1/training/courses',
    {
      config: { permission: 'training.read' },
      schema: { tags, summary: 'Courses', response: { 200: z.array(ZCourse) } },
    },
    async (request) => courses.listCourses(deps.ctx(request)),
  );
  app.post(
    '/api/v1/training/courses',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'Create a course (pass mark and time limit default to the settings)',
        body: ZCreateCourseRequest,
        response: { 201: ZCourseDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await courses.createCourse(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/training/courses/:id',
    {
      config: { permission: 'training.read' },
      schema: {
        tags,
        summary: 'A course with its lessons and materials',
        params: ZIdParams,
        response: { 200: ZCourseDetail },
      },
    },
    async (request) => courses.getCourse(deps.ctx(request), request.params.id),
  );
  app.patch(
    '/api/v1/training/courses/:id',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'Change a course (with its version)',
        params: ZIdParams,
        body: ZUpdateCourseRequest,
        response: { 200: ZCourseDetail },
      },
    },
    async (request) => courses.updateCourse(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/training/courses/:id/lessons',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary:
          'Add a lesson: a material (PDF manual, slides, video: an uploaded file) or a live lesson with its link',
        params: ZIdParams,
        body: ZCreateLessonRequest,
        response: { 201: ZCourseDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await courses.addLesson(deps.ctx(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/training/courses/:id/questions',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: "The course's question bank",
        params: ZIdParams,
        response: { 200: z.array(ZQuestion) },
      },
    },
    async (request) => exams.listQuestions(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/training/courses/:id/questions',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary:
          'Add a question: single or multiple choice, true/false, short answer or practical item (rubric)',
        params: ZIdParams,
        body: ZCreateQuestionRequest,
        response: { 201: ZQuestion },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await exams.addQuestion(deps.ctx(request), request.params.id, request.body)),
  );

  // ---------- plans ----------
  app.get(
    '/api/v1/training/plans',
    {
      config: { permission: 'training.read' },
      schema: {
        tags,
        summary: 'Training plans, with the minimums they miss',
        querystring: ZPlanListQuery,
        response: { 200: z.array(ZPlan) },
      },
    },
    async (request) => plans.listPlans(deps.ctx(request), request.query),
  );
  app.post(
    '/api/v1/training/plans',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: "A project's training need and plan; warnings (not a block) when below the minimums",
        body: ZCreatePlanRequest,
        response: { 201: ZPlan },
      },
    },
    async (request, reply) => reply.code(201).send(await plans.createPlan(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/training/plans/:id',
    {
      config: { permission: 'training.read' },
      schema: { tags, summary: 'A training plan', params: ZIdParams, response: { 200: ZPlan } },
    },
    async (request) => plans.getPlan(deps.ctx(request), request.params.id),
  );

  // ---------- sessions ----------
  app.get(
    '/api/v1/training/sessions',
    {
      config: { permission: 'training.read' },
      schema: {
        tags,
        summary: "Sessions in a period (the trainers' calendar), each with its conflicts",
        querystring: ZSessionListQuery,
        response: { 200: z.array(ZSession) },
      },
    },
    async (request) => sessions.listSessions(deps.ctx(request), request.query),
  );
  app.post(
    '/api/v1/training/sessions',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary:
          "Schedule a session (not in the past); the trainer's other sessions at the time come back as conflicts",
        body: ZCreateSessionRequest,
        response: { 201: ZSessionDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sessions.createSession(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/training/sessions/:id',
    {
      config: { permission: 'training.read' },
      schema: {
        tags,
        summary: 'A session with its trainees and checklist',
        params: ZIdParams,
        response: { 200: ZSessionDetail },
      },
    },
    async (request) => sessions.getSession(deps.ctx(request), request.params.id),
  );
  app.put(
    '/api/v1/training/sessions/:id/checklist',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'The venue and equipment checklist (场地和设备)',
        params: ZIdParams,
        body: ZUpdateChecklistRequest,
        response: { 200: ZSessionDetail },
      },
    },
    async (request) =>
      sessions.updateChecklist(
        deps.ctx(request),
        request.params.id,
        request.body.version,
        request.body.checklist,
      ),
  );
  app.post(
    '/api/v1/training/sessions/:id/trainees',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary:
          'Add a trainee by name and phone (409 when already enrolled; the waiting list when seats are full)',
        params: ZIdParams,
        body: ZAddTraineeRequest,
        response: { 201: ZSessionDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await trainees.addTrainee(deps.ctx(request), request.params.id, request.body)),
  );
  app.delete(
    '/api/v1/training/sessions/:id/trainees/:traineeId',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'Remove a trainee; the first on the waiting list takes the seat',
        params: z.object({ id: ZId, traineeId: ZId }),
        response: { 200: ZSessionDetail },
      },
    },
    async (request) => trainees.removeTrainee(deps.ctx(request), request.params.id, request.params.traineeId),
  );
  app.put(
    '/api/v1/training/sessions/:id/trainees/:traineeId/attendance',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: "The trainer's tick of attendance",
        params: z.object({ id: ZId, traineeId: ZId }),
        body: ZAttendanceRequest,
        response: { 200: ZSessionDetail },
      },
    },
    async (request) =>
      trainees.markAttendance(
        deps.ctx(request),
        request.params.id,
        request.params.traineeId,
        request.body.attended,
      ),
  );
  app.post(
    '/api/v1/training/sessions/:id/sign-in-code',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: "The room's sign-in link (shown as a QR code), valid until 2 h after the session",
        params: ZIdParams,
        response: { 200: ZSignInCode },
      },
    },
    async (request) => trainees.signInCode(deps.ctx(request), link, request.params.id),
  );
  app.get(
    '/api/v1/training/sessions/:id/evaluation',
    {
      config: { permission: 'training.read' },
      schema: {
        tags,
        summary:
          "The session's evaluation: the customer's training survey (asked, answered with its ratings and comment) and the trainer's summary",
        params: ZIdParams,
        response: { 200: ZSessionEvaluation },
      },
    },
    async (request) => sessions.getEvaluation(deps.ctx(request), request.params.id),
  );
  app.put(
    '/api/v1/training/sessions/:id/evaluation',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary:
          "The trainer's summary of the session's evaluation survey and the changes planned for the course",
        params: ZIdParams,
        body: ZEvaluationRequest,
        response: { 200: ZSessionDetail },
      },
    },
    async (request) => sessions.saveEvaluation(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/training/sessions/:id/materials/send',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: "Email the course's materials (links) to each enrolled trainee, once each",
        params: ZIdParams,
        response: { 200: ZMaterialsSent },
      },
    },
    async (request) => trainees.sendMaterials(deps.ctx(request), link, request.params.id),
  );

  // ---------- the trainer's leave (kept in the staff member's working profile) ----------
  app.get(
    '/api/v1/training/trainers/:id/leave',
    {
      config: { permission: 'training.read' },
      schema: {
        tags,
        summary: "A trainer's leave (inclusive local dates), shown against his sessions",
        params: ZIdParams,
        response: { 200: ZTrainerLeaveList },
      },
    },
    async (request) => sessions.trainerLeave(deps.ctx(request), request.params.id),
  );
  app.put(
    '/api/v1/training/trainers/:id/leave',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary:
          "Record a trainer's leave (the whole list, with the version read: 0 before the first; 409 when stale)",
        params: ZIdParams,
        body: ZSaveTrainerLeaveRequest,
        response: { 200: ZTrainerLeaveList },
      },
    },
    async (request) => sessions.saveTrainerLeave(deps.ctx(request), request.params.id, request.body),
  );

  // ---------- marking ----------
  app.get(
    '/api/v1/training/attempts',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'Exam attempts (those waiting for marks, or of a session)',
        querystring: ZAttemptListQuery,
        response: { 200: z.array(ZMarkingAttempt) },
      },
    },
    async (request) => exams.listAttempts(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/training/attempts/:id',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'An attempt with its answers',
        params: ZIdParams,
        response: { 200: ZMarkingAttempt },
      },
    },
    async (request) => exams.markingView(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/training/attempts/:id/marks',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary:
          'Mark short answers and practical items; the attempt is totalled (a pass issues the certificate)',
        params: ZIdParams,
        body: ZMarkRequest,
        response: { 200: ZMarkingAttempt },
      },
    },
    async (request) => exams.markAttempt(deps.ctx(request), request.params.id, request.body),
  );
  app.put(
    '/api/v1/training/attempts/:id/coaching',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'The coaching note of a failed attempt: what to go over before the retake',
        params: ZIdParams,
        body: ZCoachingRequest,
        response: { 200: ZMarkingAttempt },
      },
    },
    async (request) => exams.setCoachingNote(deps.ctx(request), request.params.id, request.body.coachingNote),
  );

  // ---------- certificates ----------
  app.get(
    '/api/v1/training/certificates',
    {
      config: { permission: 'training.certificates' },
      schema: {
        tags,
        summary: 'Certificates issued (a customer user: its organisation’s)',
        response: { 200: z.array(ZCertificate) },
      },
    },
    async (request) => certificates.listCertificates(deps.ctx(request)),
  );
  app.post(
    '/api/v1/training/certificates/:id/revoke',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: 'Revoke a certificate; the verification page then says so',
        params: ZIdParams,
        body: ZRevokeRequest,
        response: { 200: ZCertificate },
      },
    },
    async (request) =>
      certificates.revokeCertificate(deps.ctx(request), request.params.id, request.body.reason),
  );
  app.get(
    '/api/v1/training/certificates/:id/pdf',
    {
      config: { permission: 'training.certificates' },
      schema: {
        tags,
        summary: 'A certificate as a PDF (zh-CN or en)',
        params: ZIdParams,
        querystring: ZPdfLang,
      },
    },
    async (request, reply) => {
      const doc = await certificates.staffCertificatePdf(
        deps.ctx(request),
        deps.blobStore,
        link,
        request.params.id,
        request.query.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${request.params.id}.pdf"`)
        .send(doc);
    },
  );
}

// Courses (课程) with their lessons: materials (PDF manuals, slides, videos — files of the files module)
// and live lessons with their link.
import type {
  TCourse,
  TCourseDetail,
  TCreateCourseRequest,
  TCreateLessonRequest,
  TLesson,
  TUpdateCourseRequest,
} from '../../../common/training-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, staleVersion } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import { findFile } from '../files/index.ts';
import * as repo from './repository.ts';
import { trainingSettingsOf } from './settings.ts';

export function toCourse(row: repo.CourseRow, questionCount: number): TCourse {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    passMark: row.passMark,
    examQuestions: row.examQuestions,
    examMinutes: row.examMinutes,
    certificateMonths: row.certificateMonths,
    questionCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

function toLesson(row: repo.LessonRow, fileName: string | null): TLesson {
  return {
    id: row.id,
    courseId: row.courseId,
    position: row.position,
    title: row.title,
    kind: row.kind,
    fileId: row.fileId,
    fileName,
    liveUrl: row.liveUrl,
    startsAt: row.startsAt?.toISOString() ?? null,
    durationMinutes: row.durationMinutes,
  };
}

export async function listCourses(ctx: Ctx): Promise<TCourse[]> {
  const rows = await repo.listCourses(ctx.db);
  const counts = await repo.questionCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toCourse(r, counts.get(r.id) ?? 0));
}

export async function requireCourse(ctx: Ctx, id: string) {
  const row = await repo.findCourse(ctx.db, id);
  if (!row) throw notFound('Course');
  return row;
}

export async function getCourse(ctx: Ctx, id: string): Promise<TCourseDetail> {
  const row = await requireCourse(ctx, id);
  const counts = await repo.questionCounts(ctx.db, [id]);
  const lessons = await repo.listLessons(ctx.db, id);
  const names = new Map<string, string>();
  for (const l of lessons) {
    if (!l.fileId) continue;
    const file = await findFile({ ...ctx, scope: { kind: 'all' } }, l.fileId).catch(() => null);
    if (file) names.set(l.fileId, file.name);
  }
  return {
    ...toCourse(row, counts.get(id) ?? 0),
    lessons: lessons.map((l) => toLesson(l, l.fileId ? (names.get(l.fileId) ?? null) : null)),
  };
}

export async function createCourse(ctx: Ctx, input: TCreateCourseRequest): Promise<TCourseDetail> {
  const settings = await trainingSettingsOf(ctx.db);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const course = await repo.insertCourse(tx, {
      title: input.title,
      description: input.description,
      passMark: input.passMark ?? settings.defaultPassMark,
      examQuestions: input.examQuestions,
      examMinutes: input.examMinutes ?? settings.defaultExamMinutes,
      certificateMonths: input.certificateMonths,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: 'training.course.create',
      entityType: 'training_course',
      entityId: course.id,
      after: course,
    });
    return course;
  });
  return getCourse(ctx, row.id);
}

export async function updateCourse(
  ctx: Ctx,
  id: string,
  input: TUpdateCourseRequest,
): Promise<TCourseDetail> {
  const before = await requireCourse(ctx, id);
  const { version, ...set } = input;
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateCourse(tx, id, version, { ...set, updatedAt: ctx.clock.now() });
    if (!row) throw staleVersion('Course');
    await writeAudit(tx, ctx, {
      action: 'training.course.update',
      entityType: 'training_course',
      entityId: id,
      before,
      after: row,
    });
  });
  return getCourse(ctx, id);
}

export async function addLesson(
  ctx: Ctx,
  courseId: string,
  input: TCreateLessonRequest,
): Promise<TCourseDetail> {
  await requireCourse(ctx, courseId);
  await assertReferences(ctx, null, [{ field: 'fileId', kind: 'file', ids: input.fileId }]);
  await ctx.db.transaction(async (tx) => {
    const lesson = await repo.insertLesson(tx, {
      courseId,
      title: input.title,
      kind: input.kind,
      fileId: input.kind === 'live' ? null : input.fileId,
      liveUrl: input.kind === 'live' ? input.liveUrl : null,
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      durationMinutes: input.durationMinutes,
      createdAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'training.lesson.create',
      entityType: 'training_course',
      entityId: courseId,
      after: lesson,
    });
  });
  return getCourse(ctx, courseId);
}

// Online learning (在线培训) by the trainee's link: the course's lessons with progress, materials and
// videos streamed with HTTP range requests (seekable on a phone), live lessons added to calendars as
// .ics, and a question from a lesson becoming a consultation ticket.

import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { findFile } from '../files/index.ts';
import type { SurveyLinkConfig } from '../surveys/index.ts';
import { createTicket } from '../tickets/index.ts';
import { openLink } from './link-token.ts';
import * as repo from './repository.ts';

async function learnerOf(ctx: Ctx, link: SurveyLinkConfig, token: string) {
  const id = openLink(link.secret, 'training-trainee', token, ctx.clock.now());
  const trainee = await repo.findTrainee(ctx.db, id);
  const session = trainee && (await repo.findSession(ctx.db, trainee.sessionId));
  const course = session && (await repo.findCourse(ctx.db, session.courseId));
  if (!trainee || !session || !course) throw notFound('Trainee');
  return { trainee, session, course };
}

async function lessonOf(ctx: Ctx, courseId: string, lessonId: string) {
  const lesson = await repo.findLesson(ctx.db, lessonId);
  if (!lesson || lesson.courseId !== courseId) throw notFound('Lesson');
  return lesson;
}

export async function learningOverview(ctx: Ctx, link: SurveyLinkConfig, token: string) {
  const { trainee, course } = await learnerOf(ctx, link, token);
  const lessons = await repo.listLessons(ctx.db, course.id);
  const progress = new Map((await repo.progressOf(ctx.db, trainee.id)).map((p) => [p.lessonId, p]));
  return {
    courseTitle: course.title,
    canAsk: trainee.customerId !== null,
    lessons: lessons.map((l) => ({
      id: l.id,
      title: l.title,
      kind: l.kind,
      hasFile: l.fileId !== null,
      liveUrl: l.liveUrl,
      startsAt: l.startsAt?.toISOString() ?? null,
      durationMinutes: l.durationMinutes,
      positionSeconds: progress.get(l.id)?.positionSeconds ?? 0,
      completed: progress.get(l.id)?.completed ?? false,
    })),
  };
}

export async function saveProgress(
  ctx: Ctx,
  link: SurveyLinkConfig,
  token: string,
  lessonId: string,
  input: { positionSeconds: number; completed: boolean },
) {
  const { trainee, course } = await learnerOf(ctx, link, token);
  await lessonOf(ctx, course.id, lessonId);
  const row = await repo.saveProgress(ctx.db, {
    traineeId: trainee.id,
    lessonId,
    ...input,
    updatedAt: ctx.clock.now(),
  });
  return { lessonId, positionSeconds: row.positionSeconds, completed: row.completed };
}

/** Passes bytes [start, end] of a stream through, then ends it. */
class ByteRange extends Transform {
  private offset = 0;
  constructor(
    private readonly first: number,
    private readonly last: number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const from = Math.max(this.first - this.offset, 0);
    const to = Math.min(this.last + 1 - this.offset, chunk.length);
    this.offset += chunk.length;
    if (to > from) this.push(chunk.subarray(from, to));
    if (this.offset > this.last) {
      this.push(null);
      done();
      return;
    }
    done();
  }
}

export type RangeAnswer =
  | { status: 200; size: number; contentType: string; name: string; body: Readable }
  | {
      status: 206;
      size: number;
      start: number;
      end: number;
      contentType: string;
      name: string;
      body: Readable;
    }
  | { status: 416; size: number };

/** One `bytes=` range (start-end, start-, -suffix); null: the whole file; 'unsatisfiable' beyond it. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export async function lessonContent(
  ctx: Ctx,
  blobs: BlobStore,
  link: SurveyLinkConfig,
  token: string,
  lessonId: string,
  rangeHeader: string | undefined,
): Promise<RangeAnswer> {
  const { course } = await learnerOf(ctx, link, token);
  const lesson = await lessonOf(ctx, course.id, lessonId);
  if (!lesson.fileId) throw notFound('Lesson file');
  const file = await findFile({ ...ctx, scope: { kind: 'all' } }, lesson.fileId);
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') return { status: 416, size: file.size };
  const stream = await blobs.get(file.storageKey);
  if (!range)
    return { status: 200, size: file.size, contentType: file.contentType, name: file.name, body: stream };
  return {
    status: 206,
    size: file.size,
    ...range,
    contentType: file.contentType,
    name: file.name,
    body: stream.pipe(new ByteRange(range.start, range.end)),
  };
}

const icsText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsTime = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A live lesson as an iCalendar event (RFC 5545), with its link. */
export async function liveLessonIcs(ctx: Ctx, link: SurveyLinkConfig, token: string, lessonId: string) {
  const { course } = await learnerOf(ctx, link, token);
  const lesson = await lessonOf(ctx, course.id, lessonId);
  if (lesson.kind !== 'live' || !lesson.startsAt) throw conflict('Only a live lesson goes in a calendar');
  const end = new Date(lesson.startsAt.getTime() + (lesson.durationMinutes ?? 60) * 60_000);
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Aftercare//Training//EN',
    'BEGIN:VEVENT',
    `UID:${lesson.id}@aftercare`,
    `DTSTAMP:${icsTime(ctx.clock.now())}`,
    `DTSTART:${icsTime(lesson.startsAt)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${icsText(`${course.title}: ${lesson.title}`)}`,
    `URL:${lesson.liveUrl ?? ''}`,
    `DESCRIPTION:${icsText(lesson.liveUrl ?? '')}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** A question asked from a lesson becomes a consultation ticket (咨询) of the trainee's organisation. */
export async function askQuestion(
  ctx: Ctx,
  link: SurveyLinkConfig,
  token: string,
  lessonId: string,
  question: string,
) {
  const { trainee, course } = await learnerOf(ctx, link, token);
  const lesson = await lessonOf(ctx, course.id, lessonId);
  if (!trainee.customerId)
    throw new AppError(
      409,
      'Conflict',
      'Questions are taken from trainees of a customer; ask the trainer in the session',
    );
  const ticket = await createTicket(ctx, {
    kind: 'consultation',
    customerId: trainee.customerId,
    contactPhone: trainee.phone.length >= 7 ? trainee.phone : null,
    channel: 'portal',
    assetIds: [],
    priority: 'normal',
    emergency: false,
    complexity: 'general',
    attachmentIds: [],
    subject: `${course.title} · ${lesson.title}`.slice(0, 200),
    description: `${trainee.name}: ${question}`,
  });
  return { ticketId: ticket.id, ticketNumber: ticket.number };
}

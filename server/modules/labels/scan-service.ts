// The public scan page (扫码报修): what the code is on, a one-time SMS code confirming a reporter's
// phone, the reporter's photos and videos, and the report that opens (or joins) a ticket with the
// channel `qr`. Abuse limits are settings (settings.ts).
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { addDays } from '../../../common/calendar-dates.ts';
import {
  LABEL_CODE,
  type TPublicAsset,
  type TQrReportResult,
  type TQrUpload,
} from '../../../common/labels-api.ts';
import type { TAsset } from '../../../common/registry-api.ts';
import { ZCreateTicketRequest } from '../../../common/tickets-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import {
  AppError,
  conflict,
  forbidden,
  invalidField,
  notFound,
  tooManyRequests,
  unauthorized,
} from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import type { UploadedStream } from '../../platform/uploads.ts';
import { openJobOfEngineerForAsset } from '../field/index.ts';
import { storeFile, withFilesRemovedOnFailure } from '../files/index.ts';
import { assetCoverage, getAsset } from '../registry/index.ts';
import { addReporterMessage, createTicket, openTicketOfAsset } from '../tickets/index.ts';
import { type QrLinkConfig, signToken, verifyToken } from './link-token.ts';
import * as repo from './repository.ts';
import { labelSettingsOf } from './settings.ts';

const OTP_MINUTES = 10;
const PROOF_MINUTES = 60;
const OTP_MAX_ATTEMPTS = 5;
const HOUR = 3600_000;
const gone = (message: string) => new AppError(410, 'Gone', message);

const all = (ctx: Ctx): Ctx => ({ ...ctx, scope: { kind: 'all' } });
const equipmentName = (a: TAsset) => a.name ?? `${a.productName} ${a.serial}`;

/** The label behind a code and its asset: 404 for an unknown code (a tampered one is unknown). */
async function labelOf(ctx: Ctx, code: string) {
  const label = LABEL_CODE.test(code) ? await repo.labelByCode(ctx.db, code) : undefined;
  if (!label) throw notFound('Label');
  const asset = await getAsset(all(ctx), label.assetId);
  const state = label.revokedAt ? 'revoked' : asset.status === 'retired' ? 'retired' : 'active';
  return { label, asset, state } as const;
}

/** A label that can take a report: 410 for a revoked code or a retired asset. */
async function activeLabel(ctx: Ctx, code: string) {
  const found = await labelOf(ctx, code);
  if (found.state === 'revoked')
    throw gone('This label has been replaced; use the code on the new label or call the hotline');
  if (found.state === 'retired') throw gone('This equipment is retired');
  return found;
}

/** The signed-in user of the equipment's own customer reports without an SMS code. */
const isOwnCustomerUser = (ctx: Ctx, customerId: string) =>
  ctx.principal.kind === 'customer' && ctx.principal.customerId === customerId;

export async function scanPage(ctx: Ctx, code: string): Promise<TPublicAsset> {
  const { asset, state } = await labelOf(ctx, code);
  const settings = await labelSettingsOf(ctx.db);
  if (state !== 'active')
    return {
      code,
      state,
      name: state === 'retired' ? equipmentName(asset) : null,
      productName: null,
      projectName: null,
      location: null,
      warranty: null,
      hotline: settings.hotline,
      canReportDirectly: false,
      openTicketNumber: null,
      staff: await staffWay(ctx, asset.id),
    };
  const coverage = await assetCoverage(all(ctx), asset.id, {});
  const open = await openTicketOfAsset(ctx, asset.id);
  return {
    code,
    state,
    name: equipmentName(asset),
    productName: asset.productName,
    projectName: asset.projectName,
    location: asset.location,
    // The period's end is exclusive (its first day out): the page says the last day covered.
    warranty: { status: coverage.status, until: coverage.basis.end ? addDays(coverage.basis.end, -1) : null },
    hotline: settings.hotline,
    canReportDirectly: isOwnCustomerUser(ctx, asset.customerId),
    openTicketNumber: open?.number ?? null,
    staff: await staffWay(ctx, asset.id),
  };
}

/** A signed-in staff member (not the anonymous scanner, whose context is the system's) gets the console's way in. */
async function staffWay(ctx: Ctx, assetId: string) {
  const userId = ctx.principal.kind === 'staff' ? ctx.principal.userId : null;
  if (!userId) return null;
  return { assetId, jobId: await openJobOfEngineerForAsset(ctx.db, userId, assetId) };
}

const otpHash = (id: string, otp: string) => createHash('sha256').update(`${id}:${otp}`).digest('hex');

export async function sendOtp(ctx: Ctx, code: string, phone: string, lang: 'zh-CN' | 'en') {
  const { asset } = await activeLabel(ctx, code);
  const settings = await labelSettingsOf(ctx.db);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - HOUR);
  if ((await repo.otpCountSince(ctx.db, 'phone', phone, since)) >= settings.otpPerPhonePerHour)
    throw tooManyRequests(3600, 'Too many codes sent to this number; try again in an hour');
  if (ctx.ip && (await repo.otpCountSince(ctx.db, 'ip', ctx.ip, since)) >= settings.otpPerAddressPerHour)
    throw tooManyRequests(3600, 'Too many codes requested from this address; try again in an hour');
  const id = randomUUID();
  const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + OTP_MINUTES * 60_000);
  await ctx.db.transaction(async (tx) => {
    await repo.insertOtp(tx, {
      id,
      assetId: asset.id,
      phone,
      ip: ctx.ip,
      codeHash: otpHash(id, otp),
      createdAt: now,
      expiresAt,
    });
    await enqueueMessage(
      tx,
      {
        channel: 'sms',
        recipient: phone,
        template: 'labels.otp',
        payload: {
          text:
            lang === 'en'
              ? `Your code to report a fault: ${otp} (valid ${OTP_MINUTES} minutes). Do not share it.`
              : `您的报修验证码：${otp}，${OTP_MINUTES} 分钟内有效，请勿告诉他人。`,
        },
        dedupeKey: `labels.otp:${id}`,
      },
      now,
    );
  });
  return { expiresAt: expiresAt.toISOString() };
}

export async function verifyOtp(ctx: Ctx, link: QrLinkConfig, code: string, phone: string, otp: string) {
  const { asset } = await activeLabel(ctx, code);
  const now = ctx.clock.now();
  const row = await repo.latestOtp(ctx.db, asset.id, phone);
  if (!row) throw invalidField('otp', 'no code was sent to this number; ask for one first');
  if (row.usedAt)
    throw conflict('This code has already been used; ask for a new one', [
      { field: 'otp', message: 'already used' },
    ]);
  if (now >= row.expiresAt) throw gone('This code has expired; ask for a new one');
  if (row.attempts >= OTP_MAX_ATTEMPTS) throw tooManyRequests(600, 'Too many wrong codes; ask for a new one');
  if (otpHash(row.id, otp) !== row.codeHash) {
    await repo.countOtpAttempt(ctx.db, row.id);
    throw invalidField('otp', 'the code does not match');
  }
  if (!(await repo.markOtpUsed(ctx.db, row.id, now)))
    throw conflict('This code has already been used; ask for a new one', [
      { field: 'otp', message: 'already used' },
    ]);
  const expiresAt = new Date(now.getTime() + PROOF_MINUTES * 60_000);
  return { proof: signToken(link.secret, 'proof', [row.id], expiresAt), expiresAt: expiresAt.toISOString() };
}

/** Who reports: the customer's signed-in user, or a phone confirmed by a one-time code for this asset. */
async function reporterOf(ctx: Ctx, link: QrLinkConfig, assetId: string, customerId: string, proof?: string) {
  if (isOwnCustomerUser(ctx, customerId))
    return { userId: ctx.principal.userId, phone: null as string | null };
  if (!proof) throw unauthorized('Confirm your phone number with the code sent by SMS first');
  const check = verifyToken(link.secret, 'proof', proof, 1, true);
  if (!check.ok) throw forbidden('This confirmation is not valid');
  if (ctx.clock.now() >= check.expiresAt!) throw gone('This confirmation has expired; ask for a new code');
  const otp = await repo.findOtp(ctx.db, check.ids[0]!);
  if (!otp?.usedAt || otp.assetId !== assetId) throw forbidden('This confirmation is for another label');
  return { userId: null, phone: otp.phone };
}

/** The asset a reporter may upload for (a live label, a confirmed phone or the customer's user). */
export async function uploadTarget(ctx: Ctx, link: QrLinkConfig, code: string, proof: string | undefined) {
  const { asset } = await activeLabel(ctx, code);
  await reporterOf(ctx, link, asset.id, asset.customerId, proof);
  return asset;
}

export async function uploadReportFile(
  ctx: Ctx,
  link: QrLinkConfig,
  blobs: BlobStore,
  asset: TAsset,
  upload: UploadedStream,
): Promise<TQrUpload> {
  const settings = await labelSettingsOf(ctx.db);
  const meta = await withFilesRemovedOnFailure(blobs, (tracking) =>
    ctx.db.transaction(async (tx) => {
      const stored = await storeFile({ ...ctxInTransaction(ctx, tx), scope: { kind: 'all' } }, tracking, {
        name: upload.filename,
        data: upload.stream,
        customerId: asset.customerId,
      });
      const isImage = stored.contentType.startsWith('image/');
      if (!isImage && !stored.contentType.startsWith('video/'))
        throw new AppError(415, 'Unsupported media type', 'Send a photo or a video', [
          { field: 'file', message: `type ${stored.contentType} is not a photo or a video` },
        ]);
      if (isImage && stored.size > settings.photoMaxBytes)
        throw new AppError(413, 'Payload too large', 'The photo is too large', [
          { field: 'file', message: `larger than ${settings.photoMaxBytes} bytes` },
        ]);
      return stored;
    }),
  );
  const expiresAt = new Date(ctx.clock.now().getTime() + PROOF_MINUTES * 60_000);
  return {
    token: signToken(link.secret, 'file', [meta.id, asset.id], expiresAt),
    name: meta.name,
    contentType: meta.contentType,
    size: meta.size,
  };
}

export async function videoLimit(ctx: Ctx, maxUpload: number) {
  return Math.min((await labelSettingsOf(ctx.db)).videoMaxBytes, maxUpload);
}

function fileIdsOf(link: QrLinkConfig, ctx: Ctx, assetId: string, tokens: string[]): string[] {
  return tokens.map((token) => {
    const check = verifyToken(link.secret, 'file', token, 2, true);
    if (!check.ok || check.ids[1] !== assetId || ctx.clock.now() >= check.expiresAt!)
      throw invalidField('files', 'not a file uploaded for this report');
    return check.ids[0]!;
  });
}

export const trackingUrl = (link: QrLinkConfig, reportId: string) =>
  `${link.baseUrl}/t/${signToken(link.secret, 'track', [reportId])}`;

export async function reportFault(
  ctx: Ctx,
  link: QrLinkConfig,
  code: string,
  input: { proof?: string; description: string; files: string[]; lang: 'zh-CN' | 'en' },
): Promise<TQrReportResult> {
  const { lang } = input;
  const { asset } = await activeLabel(ctx, code);
  const reporter = await reporterOf(ctx, link, asset.id, asset.customerId, input.proof);
  const attachmentIds = fileIdsOf(link, ctx, asset.id, input.files);
  const settings = await labelSettingsOf(ctx.db);
  const now = ctx.clock.now();
  if (
    (await repo.reportCountSince(ctx.db, asset.id, new Date(now.getTime() - HOUR))) >=
    settings.reportsPerAssetPerHour
  )
    throw tooManyRequests(3600, 'This equipment has been reported many times this hour; call the hotline');
  return ctx.db.transaction(async (tx) => {
    // The ticket is the organisation's (system caller): the reporter is not one of its users.
    const sys: Ctx = { ...ctxInTransaction(ctx, tx), scope: { kind: 'all' } };
    const open = await openTicketOfAsset(sys, asset.id);
    const who = reporter.phone ?? ctx.principal.displayName;
    let ticket: { id: string; number: string };
    if (open) {
      await addReporterMessage(sys, open.id, `[${who}] ${input.description}`, attachmentIds);
      ticket = open;
    } else {
      const created = await createTicket(
        sys,
        ZCreateTicketRequest.parse({
          kind: 'fault_report',
          customerId: asset.customerId,
          projectId: asset.projectId,
          assetIds: [asset.id],
          channel: 'qr',
          subject: `${equipmentName(asset)}${asset.location ? ` · ${asset.location}` : ''}`.slice(0, 200),
          description: input.description,
          contactPhone: reporter.phone,
          attachmentIds,
        }),
      );
      ticket = created;
    }
    const report = await repo.insertReport(tx, {
      assetId: asset.id,
      ticketId: ticket.id,
      customerId: asset.customerId,
      phone: reporter.phone,
      userId: reporter.userId,
      joined: open !== null,
      createdAt: now,
    });
    await writeAudit(tx, sys, {
      action: 'label.report',
      entityType: 'ticket',
      entityId: ticket.id,
      after: report,
    });
    const url = trackingUrl(link, report.id);
    if (reporter.phone)
      await enqueueMessage(
        tx,
        {
          channel: 'sms',
          recipient: reporter.phone,
          template: 'labels.tracking',
          payload: {
            text:
              lang === 'en'
                ? `Fault report ${ticket.number} received. Follow it here: ${url}`
                : `报修已受理（${ticket.number}），查看进度：${url}`,
          },
          dedupeKey: `labels.tracking:${report.id}`,
        },
        now,
      );
    return { outcome: open ? 'joined' : 'created', ticketNumber: ticket.number, trackingUrl: url };
  });
}

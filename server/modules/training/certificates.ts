// Certificates (合格证书) for those who pass: numbered (TC-YYYY-NNNNNN), with a random verification code
// in the public link (a number alone finds nothing, and nothing is listed), a PDF in Chinese or English,
// revocation, and an optional expiry with a reminder before it.
import { randomBytes } from 'node:crypto';
import type { TCertificate } from '../../../common/training-api.ts';
import type { Executor } from '../../db/pool.ts';
import { type AuditEvent, writeAudit, writeAudits } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { createPdf, drawLetterhead, drawQr } from '../../platform/pdf.ts';
import { companyLetterhead } from '../accounts/index.ts';
import type { SurveyLinkConfig } from '../surveys/index.ts';
import * as repo from './repository.ts';

export function toCertificate(r: repo.CertificateRow): TCertificate {
  return {
    id: r.id,
    number: r.number,
    verificationCode: r.verificationCode,
    holderName: r.holderName,
    courseTitle: r.courseTitle,
    issuedAt: r.issuedAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokeReason: r.revokeReason,
  };
}

/** What a certificate is issued from: the passed attempt, its trainee and its course. */
export interface CertificateSource {
  attempt: repo.AttemptRow;
  traineeName: string;
  traineeCustomerId: string | null;
  courseTitle: string;
  certificateMonths: number | null;
}

/**
 * Numbers and issues the certificate of a pass, with its audit and those of the caller (`audits`) in
 * one statement after it: the number series' row lock is held by two statements before the commit.
 */
export async function issueCertificate(
  ctx: Ctx,
  tx: Executor,
  src: CertificateSource,
  audits: AuditEvent[] = [],
) {
  const now = ctx.clock.now();
  let expiresAt: Date | null = null;
  if (src.certificateMonths) {
    expiresAt = new Date(now);
    expiresAt.setUTCMonth(expiresAt.getUTCMonth() + src.certificateMonths);
  }
  const row = await repo.insertNumberedCertificate(tx, now, ctx.timeZone, {
    verificationCode: randomBytes(18).toString('base64url'),
    traineeId: src.attempt.traineeId,
    attemptId: src.attempt.id,
    customerId: src.traineeCustomerId,
    holderName: src.traineeName,
    courseTitle: src.courseTitle,
    issuedAt: now,
    expiresAt,
  });
  await writeAudits(tx, ctx, [
    ...audits,
    {
      action: 'training.certificate.issue',
      entityType: 'training_certificate',
      entityId: row.id,
      after: row,
    },
  ]);
  return row;
}

export async function listCertificates(ctx: Ctx) {
  const customerId = ctx.scope.kind === 'customer' ? ctx.scope.customerId : null;
  return (await repo.listCertificates(ctx.db, customerId)).map(toCertificate);
}

async function visibleCertificate(ctx: Ctx, id: string) {
  const row = await repo.findCertificate(ctx.db, id);
  if (!row || (ctx.scope.kind === 'customer' && row.customerId !== ctx.scope.customerId))
    throw notFound('Certificate');
  return row;
}

export async function revokeCertificate(ctx: Ctx, id: string, reason: string) {
  const before = await visibleCertificate(ctx, id);
  if (before.revokedAt) throw conflict('The certificate is already revoked');
  const row = await ctx.db.transaction(async (tx) => {
    const after = await repo.updateCertificate(tx, id, { revokedAt: ctx.clock.now(), revokeReason: reason });
    await writeAudit(tx, ctx, {
      action: 'training.certificate.revoke',
      entityType: 'training_certificate',
      entityId: id,
      before,
      after,
    });
    return after!;
  });
  return toCertificate(row);
}

const stateOf = (r: repo.CertificateRow, now: Date) =>
  r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';

/** The public check by the code in the link: that one certificate, or 404. */
export async function verifyCertificate(ctx: Ctx, blobs: BlobStore, code: string) {
  const row = /^[A-Za-z0-9_-]{24}$/.test(code) ? await repo.certificateByCode(ctx.db, code) : undefined;
  if (!row) throw notFound('Certificate');
  const issuer = await companyLetterhead(ctx, blobs);
  return {
    number: row.number,
    holderName: row.holderName,
    courseTitle: row.courseTitle,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    issuer: issuer.name,
    state: stateOf(row, ctx.clock.now()),
  } as const;
}

export const verificationUrl = (link: SurveyLinkConfig, code: string) => `${link.baseUrl}/t/verify/${code}`;

const TEXT = {
  'zh-CN': {
    title: '培训合格证书',
    body: (name: string, course: string) => `兹证明 ${name} 已完成「${course}」培训并通过考核。`,
    number: '证书编号',
    issued: '颁发日期',
    expires: '有效期至',
    noExpiry: '长期有效',
    verify: '扫描二维码或打开以下链接核验本证书：',
    revoked: '本证书已被撤销',
  },
  en: {
    title: 'Certificate of Training',
    body: (name: string, course: string) =>
      `This certifies that ${name} has completed the training "${course}" and passed its assessment.`,
    number: 'Certificate number',
    issued: 'Issued',
    expires: 'Valid until',
    noExpiry: 'No expiry',
    verify: 'Verify this certificate at:',
    revoked: 'This certificate has been revoked',
  },
} as const;

async function certificatePdf(
  ctx: Ctx,
  blobs: BlobStore,
  link: SurveyLinkConfig,
  row: repo.CertificateRow,
  lang: 'zh-CN' | 'en',
) {
  const T = TEXT[lang];
  const date = (d: Date) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: ctx.timeZone,
      dateStyle: 'long',
    }).format(d);
  const letterhead = await companyLetterhead(ctx, blobs);
  const doc = createPdf({ title: `${T.title} ${row.number}`, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.moveDown(2);
  doc.fontSize(26).fillColor('#111827').text(T.title, { align: 'center' });
  doc.moveDown(1.5);
  doc.fontSize(14).fillColor('#1f2937').text(T.body(row.holderName, row.courseTitle), { align: 'center' });
  doc.moveDown(1.5);
  doc.fontSize(11).fillColor('#374151');
  doc.text(`${T.number}: ${row.number}`, { align: 'center' });
  doc.text(`${T.issued}: ${date(row.issuedAt)}`, { align: 'center' });
  doc.text(`${T.expires}: ${row.expiresAt ? date(row.expiresAt) : T.noExpiry}`, { align: 'center' });
  doc.moveDown(1);
  doc.text(letterhead.name, { align: 'center' });
  if (row.revokedAt) doc.moveDown(1).fillColor('#b91c1c').fontSize(14).text(T.revoked, { align: 'center' });
  doc.moveDown(2);
  // The QR code of the public verification page, with the address under it for those who type it.
  const url = verificationUrl(link, row.verificationCode);
  const side = 96;
  const left = (doc.page.width - side) / 2;
  drawQr(doc, url, left, doc.y, side);
  doc.y += side + 6;
  doc.fontSize(9).fillColor('#4b5563').text(T.verify, doc.page.margins.left, doc.y, { align: 'center' });
  doc.text(url, { align: 'center' });
  doc.end();
  return doc;
}

export async function staffCertificatePdf(
  ctx: Ctx,
  blobs: BlobStore,
  link: SurveyLinkConfig,
  id: string,
  lang: 'zh-CN' | 'en',
) {
  return certificatePdf(ctx, blobs, link, await visibleCertificate(ctx, id), lang);
}

/** The holder's copy, by the same unguessable code as the verification page. */
export async function publicCertificatePdf(
  ctx: Ctx,
  blobs: BlobStore,
  link: SurveyLinkConfig,
  code: string,
  lang: 'zh-CN' | 'en',
) {
  const row = /^[A-Za-z0-9_-]{24}$/.test(code) ? await repo.certificateByCode(ctx.db, code) : undefined;
  if (!row) throw notFound('Certificate');
  return certificatePdf(ctx, blobs, link, row, lang);
}

/** Emails holders whose certificate expires within `days` (once each), through the outbox. */
export async function remindExpiringCertificates(ctx: Ctx, link: SurveyLinkConfig, days: number) {
  const now = ctx.clock.now();
  const rows = await repo.certificatesExpiringBy(ctx.db, now, new Date(now.getTime() + days * 86_400_000));
  let reminded = 0;
  for (const r of rows) {
    await ctx.db.transaction(async (tx) => {
      const trainee = await repo.findTrainee(tx, r.traineeId);
      if (trainee?.email) {
        await enqueueMessage(
          tx,
          {
            channel: 'email',
            recipient: trainee.email,
            template: 'training.certificate_expiring',
            payload: {
              certificateId: r.id,
              subject: `证书即将到期 Certificate expiring: ${r.number}`,
              text: `${r.holderName}：\n${r.courseTitle} (${r.number})\n${r.expiresAt!.toISOString().slice(0, 10)}\n${verificationUrl(link, r.verificationCode)}\n`,
            },
            dedupeKey: `training.certificate_expiring:${r.id}`,
          },
          now,
        );
        reminded++;
      }
      await repo.updateCertificate(tx, r.id, { expiryReminded: true });
    });
  }
  return { reminded };
}

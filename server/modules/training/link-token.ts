// Links without a login, signed like the survey link (HMAC-SHA256 under the same server secret) with
// a purpose of their own, so one kind of link never opens another: the room's sign-in QR code (a
// session), a trainee's exam and materials link (a trainee).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, notFound } from '../../platform/errors.ts';

export type LinkPurpose = 'training-sign-in' | 'training-trainee';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(secret: string, purpose: LinkPurpose, id: string, exp: number): Buffer {
  return createHmac('sha256', secret).update(`${purpose}:${id}.${exp}`).digest();
}

export function signLink(secret: string, purpose: LinkPurpose, id: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${exp.toString(36)}.${signature(secret, purpose, id, exp).toString('base64url')}`;
}

/** The id a link names; 404 for a malformed link, 403 for an altered one, 410 once expired. */
export function openLink(secret: string, purpose: LinkPurpose, token: string, now: Date): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw notFound('Link');
  const [id, expText, sigText] = parts as [string, string, string];
  if (!UUID.test(id) || !/^[0-9a-z]{1,10}$/.test(expText) || !/^[A-Za-z0-9_-]{43}$/.test(sigText))
    throw notFound('Link');
  const exp = Number.parseInt(expText, 36);
  const given = Buffer.from(sigText, 'base64url');
  const wanted = signature(secret, purpose, id, exp);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    throw new AppError(403, 'Forbidden', 'This link is not valid');
  if (exp * 1000 <= now.getTime()) throw new AppError(410, 'Gone', 'This link has expired');
  return id;
}

// Signed tokens of the scan-to-report flow, HMAC-SHA256 under a server secret (QR links derive theirs
// from SURVEY_LINK_SECRET when set, else a random key kept in DATA_DIR/qr-link.key):
// - proof:  a confirmed phone (the one-time code's id), short-lived, for uploads and the report;
// - file:   a file uploaded under a proof, so a report names only its own reporter's uploads;
// - track:  the reporter's tracking link of a ticket (valid until the ticket closes).
// An altered token fails the check before the database is read.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TConfig } from '../../config.ts';

export interface QrLinkConfig {
  secret: string;
  /** Where the public pages are served: PUBLIC_URL, else the local address. */
  baseUrl: string;
}

export function qrLinkConfig(config: TConfig): QrLinkConfig {
  const secret = config.surveyLinkSecret
    ? createHmac('sha256', config.surveyLinkSecret).update('qr-links').digest('hex')
    : keptSecret(config.dataDir);
  return { secret, baseUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '') };
}

function keptSecret(dataDir: string): string {
  const file = path.join(dataDir, 'qr-link.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

export type TokenKind = 'proof' | 'file' | 'track';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(secret: string, kind: TokenKind, body: string): Buffer {
  return createHmac('sha256', secret).update(`qr-${kind}:${body}`).digest();
}

/** `ids` are uuids; `exp` (seconds) is part of the signed body when given. */
export function signToken(secret: string, kind: TokenKind, ids: string[], expiresAt?: Date): string {
  const body = [...ids, ...(expiresAt ? [Math.floor(expiresAt.getTime() / 1000).toString(36)] : [])].join(
    '.',
  );
  return `${body}.${signature(secret, kind, body).toString('base64url')}`;
}

export type TokenCheck =
  | { ok: true; ids: string[]; expiresAt: Date | null }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

export function verifyToken(
  secret: string,
  kind: TokenKind,
  token: string,
  idCount: number,
  withExpiry: boolean,
): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== idCount + (withExpiry ? 1 : 0) + 1) return { ok: false, reason: 'malformed' };
  const sig = parts.pop()!;
  const ids = parts.slice(0, idCount);
  const exp = withExpiry ? parts[idCount]! : null;
  if (!ids.every((id) => UUID.test(id)) || (exp !== null && !/^[0-9a-z]{1,10}$/.test(exp)))
    return { ok: false, reason: 'malformed' };
  if (!/^[A-Za-z0-9_-]{43}$/.test(sig)) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(sig, 'base64url');
  const wanted = signature(secret, kind, parts.join('.'));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true, ids, expiresAt: exp ? new Date(Number.parseInt(exp, 36) * 1000) : null };
}

// The survey link needs no login: its token is the invitation id and the expiry, signed with HMAC-SHA256
// under a server secret (SURVEY_LINK_SECRET, else a random key kept in DATA_DIR). An altered id, expiry
// or signature fails the check before the database is read.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TConfig } from '../../config.ts';

export interface SurveyLinkConfig {
  secret: string;
  /** Where the public page is served: PUBLIC_URL, else the local address. */
  baseUrl: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function surveyLinkConfig(config: TConfig): SurveyLinkConfig {
  return {
    secret: config.surveyLinkSecret ?? keptSecret(config.dataDir),
    baseUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, ''),
  };
}

function keptSecret(dataDir: string): string {
  const file = path.join(dataDir, 'survey-link.key');
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

function signature(secret: string, id: string, expSeconds: number): Buffer {
  return createHmac('sha256', secret).update(`survey:${id}.${expSeconds}`).digest();
}

export function signSurveyToken(secret: string, id: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${exp.toString(36)}.${signature(secret, id, exp).toString('base64url')}`;
}

export function surveyUrl(link: SurveyLinkConfig, id: string, expiresAt: Date): string {
  return `${link.baseUrl}/s/${signSurveyToken(link.secret, id, expiresAt)}`;
}

export type TokenCheck =
  | { ok: true; id: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

/** Checks the signature only; expiry and use are the caller's (they need the invitation). */
export function verifySurveyToken(secret: string, token: string): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [id, expText, sigText] = parts as [string, string, string];
  if (!UUID.test(id) || !/^[0-9a-z]{1,10}$/.test(expText) || !/^[A-Za-z0-9_-]{43}$/.test(sigText))
    return { ok: false, reason: 'malformed' };
  const exp = Number.parseInt(expText, 36);
  const given = Buffer.from(sigText, 'base64url');
  const wanted = signature(secret, id, exp);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true, id, expiresAt: new Date(exp * 1000) };
}

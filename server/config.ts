// Environment → typed configuration, read once. Every variable is documented in README.md.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  REPORTS_DATABASE_URL: z.string().optional(),
  FILE_STORE: z.enum(['local', 'postgres']).default('local'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: z.string().trim().default('false'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_LOCKED_RETRY_SECONDS: z.coerce.number().int().positive().default(10),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SMTP_URL: z.string().optional(),
  SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_INBOUND_HOST: z.string().default('0.0.0.0'),
  SMTP_INBOUND_DOMAINS: z.string().default(''),
  MAIL_FROM: z.string().default('Aftercare <no-reply@aftercare.local>'),
  MAIL_REPLY_TO: z.email().optional(),
  SMS_PROVIDER: z.enum(['log', 'http']).default('log'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_TIME_ZONE: z.string().default('Asia/Shanghai'),
  EXPORT_PAGE_ROWS: z.coerce.number().int().min(1).max(10_000).default(500),
  JOBS: bool.default(true),
  SURVEY_LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
});

export type TConfig = ReturnType<typeof loadConfig>;

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<z.input<typeof ZEnv>> = {},
) {
  const parsed = ZEnv.safeParse({ ...pickDefined(env), ...pickDefined(overrides) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    pgDataDir: path.join(dataDir, 'pg'),
    blobDir: path.join(dataDir, 'files'),
    /** Where files live: `local` (DATA_DIR/files, one machine) or `postgres` (shared by instances). */
    fileStore: c.FILE_STORE,
    databaseUrl: c.DATABASE_URL,
    /** A read-only database (a replica) the dashboards and reports read; unset: the main one. */
    reportsDatabaseUrl: c.REPORTS_DATABASE_URL,
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    publicUrl: c.PUBLIC_URL,
    trustProxy: parseTrustProxy(c.TRUST_PROXY),
    cookieSecure: c.COOKIE_SECURE,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3600_000,
    login: {
      maxFailuresPerAccount: c.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: c.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: c.LOGIN_WINDOW_MINUTES * 60_000,
      lockedRetryMs: c.LOGIN_LOCKED_RETRY_SECONDS * 1000,
    },
    uploadMaxBytes: c.UPLOAD_MAX_BYTES,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    smtpUrl: c.SMTP_URL,
    sms: { provider: c.SMS_PROVIDER, url: c.SMS_HTTP_URL, token: c.SMS_HTTP_TOKEN },
    smtpInbound:
      c.SMTP_INBOUND_PORT === undefined
        ? null
        : {
            port: c.SMTP_INBOUND_PORT,
            host: c.SMTP_INBOUND_HOST,
            domains: c.SMTP_INBOUND_DOMAINS.split(',')
              .map((d) => d.trim())
              .filter(Boolean),
          },
    mailFrom: c.MAIL_FROM,
    // Replies to a ticket's mail go to reply+<ticket's token>@… (MAIL_REPLY_TO, else the first
    // inbound domain), so an answer can prove which ticket it belongs to.
    mailReplyTo: inboundReplyAddress(c),
    idempotencyLeaseSeconds: c.IDEMPOTENCY_LEASE_SECONDS,
    logLevel: c.LOG_LEVEL,
    defaultTimeZone: c.DEFAULT_TIME_ZONE,
    /** Rows an Excel export reads per query (it streams every page: there is no row cap). */
    exportPageRows: c.EXPORT_PAGE_ROWS,
    jobs: c.JOBS,
    metricsToken: c.METRICS_TOKEN ?? null,
    /** HMAC key of satisfaction-survey links; unset: a random key kept in DATA_DIR/survey-link.key. */
    surveyLinkSecret: c.SURVEY_LINK_SECRET ?? null,
  };
}

function inboundReplyAddress(c: z.infer<typeof ZEnv>): string | null {
  if (c.MAIL_REPLY_TO) return c.MAIL_REPLY_TO;
  const domain = c.SMTP_INBOUND_DOMAINS.split(',')[0]?.trim();
  return c.SMTP_INBOUND_PORT !== undefined && domain ? `reply@${domain}` : null;
}

const IPV4_OR_CIDR = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6_OR_CIDR = /^[0-9a-f:.]*:[0-9a-f:.]*(\/\d{1,3})?$/i;
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `false`/`true`, a hop count (`1`: the address the nearest proxy saw), or the proxies' addresses
 * and CIDRs separated by commas. Fastify's trustProxy takes all three forms.
 */
function parseTrustProxy(value: string): boolean | number | string {
  const lower = value.toLowerCase();
  if (['false', 'no', '0', ''].includes(lower)) return false;
  if (['true', 'yes'].includes(lower)) return true;
  if (/^\d+$/.test(lower)) return Number(lower);
  const entries = lower.split(',').map((e) => e.trim());
  const wrong = entries.find((e) => !IPV4_OR_CIDR.test(e) && !IPV6_OR_CIDR.test(e) && !PROXY_NAMES.has(e));
  if (wrong !== undefined) {
    throw new Error(
      `Invalid configuration:\n  TRUST_PROXY: "${wrong}" is not a hop count, an address or a CIDR (e.g. 1, or 10.0.0.0/8,127.0.0.1)`,
    );
  }
  return entries.join(',');
}

function pickDefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

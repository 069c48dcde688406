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
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
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
  SMS_PROVIDER: z.enum(['log', 'http']).default('log'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_TIME_ZONE: z.string().default('Asia/Shanghai'),
  JOBS: bool.default(true),
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
    databaseUrl: c.DATABASE_URL,
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    publicUrl: c.PUBLIC_URL,
    trustProxy: c.TRUST_PROXY,
    cookieSecure: c.COOKIE_SECURE,
    sessionTtlMs: c.SESSION_TTL_HOURS * 3600_000,
    login: {
      maxFailuresPerAccount: c.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: c.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: c.LOGIN_WINDOW_MINUTES * 60_000,
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
    idempotencyLeaseSeconds: c.IDEMPOTENCY_LEASE_SECONDS,
    logLevel: c.LOG_LEVEL,
    defaultTimeZone: c.DEFAULT_TIME_ZONE,
    jobs: c.JOBS,
  };
}

function pickDefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

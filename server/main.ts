// CLI entry: aftercare serve|migrate|demo|user create|backup|restore
import cluster from 'node:cluster';
import { createReadStream, createWriteStream } from 'node:fs';
import { Command, Option } from 'commander';
import { sql } from 'drizzle-orm';
import { ALL_ROLES } from '../common/roles.ts';
import { buildApp, wireReferences } from './app.ts';
import { clusterWorker, ownSignals, servePrimary } from './cluster.ts';
import { loadConfig, type TConfig } from './config.ts';
import { customers } from './db/schema.ts';
import { demoLogins, loadDemoIfEmpty } from './demo/seed.ts';
import { createUser, purgeExpiredSessionsJob } from './modules/accounts/index.ts';
import { analyticsRollupJob } from './modules/analytics/index.ts';
import { complaintsDeadlineJob } from './modules/complaints/index.ts';
import { publishReportJob } from './modules/field/index.ts';
import { followUpsCreateJob, followUpsSweepJob } from './modules/followups/index.ts';
import {
  maintenanceGenerateJob,
  maintenanceOverdueJob,
  maintenanceRemindJob,
  maintenanceTuningJob,
} from './modules/maintenance/index.ts';
import { deliverInApp, deliverWebhook } from './modules/notifications/index.ts';
import { reorderCheckJob } from './modules/parts/index.ts';
import { qualityDetectJob } from './modules/quality/index.ts';
import { importJob, warrantyExpiryRemindersJob } from './modules/registry/index.ts';
import { reportsMonthlyJob, reportsWeeklyJob } from './modules/reports/index.ts';
import { ensureSlaDefaults, slaSweepJob } from './modules/sla/index.ts';
import { surveyInviteJob } from './modules/surveys/index.ts';
import { processInboundEmail, slaTicketPort, startSmtpReceiver } from './modules/tickets/index.ts';
import { certificateExpiryJob } from './modules/training/index.ts';
import { restoreBackup, writeBackup } from './platform/backup.ts';
import { systemClock } from './platform/clock.ts';
import { systemCtx } from './platform/context.ts';
import { moveFiles, openBlobStore } from './platform/file-store.ts';
import { JobRunner } from './platform/jobs.ts';
import { createMailer } from './platform/mailer.ts';
import { outboxDeliveryJob, purgeIdempotencyJob, startOutboxWorker } from './platform/platform-jobs.ts';
import { createSmsSender } from './platform/sms.ts';
import { createLogger } from './platform/terminal-log.ts';
import { openRuntime } from './runtime.ts';

const program = new Command('aftercare')
  .description('Aftercare after-sales service platform')
  .showHelpAfterError();
const say = (m: string) => process.stdout.write(`${m}\n`);

function configFrom(opts: { port?: string; host?: string; dataDir?: string }): TConfig {
  return loadConfig(process.env, { PORT: opts.port, HOST: opts.host, DATA_DIR: opts.dataDir } as never);
}

const dataDirOption = new Option('--data-dir <dir>', 'data directory (embedded database, files)').env(
  'DATA_DIR',
);

program
  .command('serve')
  .description('start the web server and background jobs (embedded PostgreSQL unless DATABASE_URL is set)')
  .addOption(new Option('-p, --port <port>', 'HTTP port').env('PORT'))
  .addOption(new Option('--host <host>', 'address to listen on').env('HOST'))
  .addOption(dataDirOption)
  .option('--no-demo', 'do not load the demo dataset into an empty database')
  .option('--worker-only', 'run background jobs only, without the web server')
  .addOption(
    new Option('--workers <n>', 'node processes serving the port on this machine (node:cluster)')
      .env('WORKERS')
      .default('1'),
  )
  .action(async (opts) => {
    const workers = Number(opts.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
      process.stderr.write('--workers: a whole number from 1 to 64\n');
      process.exit(2);
    }
    if (workers > 1 && !opts.workerOnly && cluster.isPrimary) {
      const config = configFrom(opts);
      const log = createLogger(config.logLevel);
      return servePrimary({
        workers,
        log,
        say,
        openDatabase: async () => {
          const runtime = await openRuntime(config, (m) => log.info(m));
          return { runtime, logins: await prepareDatabase(runtime, config, opts.demo, log) };
        },
        banner: (runtime, logins) =>
          banner(config, runtime, logins, config.smtpInbound?.port ?? null, workers),
      });
    }
    // A worker of `serve --workers N`: the primary opened and prepared the database and passed its
    // URL; worker 0 alone runs the jobs and receives email.
    const worker = clusterWorker();
    const config = configFrom(opts);
    const log = createLogger(config.logLevel);
    const runtime = await openRuntime(config, (m) => log.info(m), { migrate: !worker });
    const logins = worker ? null : await prepareDatabase(runtime, config, opts.demo, log);
    const mailer = createMailer(config.smtpUrl, config.mailFrom, log, config.mailReplyTo);
    const blobStore = openBlobStore(config, runtime.pool);
    const sms = createSmsSender(config.sms, log);
    const jobDeps = {
      db: runtime.db,
      clock: systemClock,
      timeZone: config.defaultTimeZone,
      blobStore,
      log,
    };
    const jobs = new JobRunner(
      runtime.databaseUrl,
      [
        purgeExpiredSessionsJob,
        outboxDeliveryJob(mailer, deliverInApp, sms, deliverWebhook),
        purgeIdempotencyJob,
        warrantyExpiryRemindersJob,
        importJob,
        slaSweepJob(slaTicketPort),
        reorderCheckJob,
        publishReportJob,
        maintenanceGenerateJob,
        maintenanceRemindJob,
        maintenanceOverdueJob,
        maintenanceTuningJob,
        surveyInviteJob(config),
        complaintsDeadlineJob,
        analyticsRollupJob,
        reportsWeeklyJob,
        reportsMonthlyJob,
        followUpsCreateJob,
        followUpsSweepJob,
        qualityDetectJob,
        certificateExpiryJob(config),
      ],
      jobDeps,
    );
    // Every instance can queue work; JOBS=false instances leave the working to the others.
    const working = (config.jobs || opts.workerOnly === true) && (!worker || worker.index === 0);
    await jobs.start({ work: working });
    const outbox = working ? startOutboxWorker(jobDeps, mailer, deliverInApp, sms, deliverWebhook) : null;
    const app = opts.workerOnly
      ? null
      : await buildApp(
          {
            config,
            db: runtime.db,
            reportsDb: runtime.reportsDb,
            clock: systemClock,
            blobStore,
            mailer,
            jobs,
          },
          { loggerInstance: log },
        );
    const smtp =
      app && config.smtpInbound && (!worker || worker.index === 0)
        ? await startSmtpReceiver({
            port: config.smtpInbound.port,
            host: config.smtpInbound.host,
            allowedDomains: config.smtpInbound.domains,
            maxBytes: config.uploadMaxBytes * 2,
            onMessage: (raw, envelope) =>
              processInboundEmail(
                systemCtx({ db: runtime.db, clock: systemClock, timeZone: config.defaultTimeZone }, 'email'),
                blobStore,
                raw,
                { maxAttachmentBytes: config.uploadMaxBytes, recipients: envelope.recipients },
              ),
            log,
          })
        : null;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      if (!worker) say(`\n${signal}: stopping…`);
      await smtp?.close().catch(() => {});
      await app?.close().catch(() => {});
      await outbox?.stop();
      await jobs.stop().catch(() => {});
      await runtime.close().catch(() => {});
      if (!worker) say('stopped.');
      process.exit(0);
    };
    // Ctrl-C reaches the embedded PostgreSQL too: the connections it then closes (57P01) end quietly.
    const onFailure = (err: unknown) => {
      if (stopping || (err as { code?: string } | null)?.code === '57P01') return void stop('SIGINT');
      log.fatal({ err }, 'unexpected error');
      process.exit(1);
    };
    process.on('uncaughtException', onFailure);
    process.on('unhandledRejection', onFailure);
    if (worker) ownSignals(stop);
    else {
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    }
    if (app) {
      await app.listen({ port: config.port, host: config.host });
      if (!worker) say(banner(config, runtime, logins, smtp?.port ?? null));
    } else {
      say('Aftercare worker running (jobs only). Press Ctrl-C to stop.');
    }
  });

/** Migrations are applied by openRuntime; then the demo data or the shipped SLA defaults, once. */
async function prepareDatabase(
  runtime: Awaited<ReturnType<typeof openRuntime>>,
  config: TConfig,
  demo: boolean,
  log: { info(m: string): void },
) {
  let logins = demo ? await loadDemoIfEmpty(runtime.db, systemClock, config.defaultTimeZone) : null;
  if (logins) log.info('demo dataset loaded');
  // The shipped SLA calendars and policies, once (the demo loads them itself).
  else await ensureSlaDefaults(runtime.db, config.defaultTimeZone);
  if (!logins && demo && (await hasDemoData(runtime))) logins = demoLogins();
  return logins;
}

function banner(
  config: TConfig,
  runtime: { embedded: boolean },
  logins: ReturnType<typeof demoLogins> | null,
  smtpPort: number | null,
  workers = 1,
): string {
  const url = `http://localhost:${config.port}`;
  const lines = ['', `Aftercare is running at ${url}  (API reference: ${url}/api/docs)`];
  if (workers > 1) lines.push(`${workers} worker processes share the port`);
  lines.push(
    runtime.embedded
      ? `Database: embedded PostgreSQL, data in ${config.pgDataDir}`
      : 'Database: DATABASE_URL',
  );
  if (logins) {
    lines.push('Demo logins:');
    for (const l of logins) lines.push(`  ${l.username.padEnd(12)} ${l.password}   ${l.role}`);
  }
  if (smtpPort) lines.push(`Receiving email (SMTP) on port ${smtpPort}`);
  lines.push('Press Ctrl-C to stop.');
  return lines.join('\n');
}

async function hasDemoData(runtime: { db: import('./db/pool.ts').Db }): Promise<boolean> {
  const r = await runtime.db
    .select({ n: sql<number>`count(*)::int` })
    .from(customers)
    .where(sql`code = 'HZ-METRO'`);
  return (r[0]?.n ?? 0) > 0;
}

async function withRuntime<T>(
  opts: { dataDir?: string },
  fn: (rt: Awaited<ReturnType<typeof openRuntime>>, config: TConfig) => Promise<T>,
) {
  const config = configFrom(opts);
  const runtime = await openRuntime(config, (m) => process.stderr.write(`${m}\n`));
  try {
    return await fn(runtime, config);
  } finally {
    await runtime.close();
  }
}

program
  .command('migrate')
  .description('apply database migrations and exit')
  .addOption(dataDirOption)
  .action(async (opts) => {
    await withRuntime(opts, async () => say('migrations applied'));
  });

program
  .command('demo')
  .description('load the demo dataset into an empty database')
  .addOption(dataDirOption)
  .action(async (opts) => {
    await withRuntime(opts, async (rt, config) => {
      const logins = await loadDemoIfEmpty(rt.db, systemClock, config.defaultTimeZone);
      if (!logins) throw new Error('the database is not empty; demo data loads only into an empty one');
      for (const l of logins) say(`${l.username}\t${l.password}\t${l.role}`);
    });
  });

const user = program.command('user').description('manage users');
user
  .command('create')
  .description('create a staff or customer user')
  .requiredOption('-u, --username <name>', 'login name')
  .requiredOption('-r, --role <role...>', `role(s): ${ALL_ROLES.join(', ')}`)
  .option('-n, --name <displayName>', 'display name')
  .option('--customer <code>', 'customer code (customer users)')
  .option('--email <email>', 'email address')
  .addOption(
    new Option('--password <password>', 'password (at least 10 characters)')
      .env('AFTERCARE_PASSWORD')
      .makeOptionMandatory(),
  )
  .addOption(dataDirOption)
  .action(async (opts) => {
    await withRuntime(opts, async (rt, config) => {
      let customerId: string | null = null;
      if (opts.customer) {
        const [c] = await rt.db
          .select({ id: customers.id })
          .from(customers)
          .where(sql`lower(code) = lower(${opts.customer})`);
        if (!c) throw new Error(`no customer with code ${opts.customer}`);
        customerId = c.id;
      }
      const created = await createUser(
        systemCtx({ db: rt.db, clock: systemClock, timeZone: config.defaultTimeZone }, 'cli'),
        {
          kind: customerId ? 'customer' : 'staff',
          username: opts.username,
          displayName: opts.name ?? opts.username,
          email: opts.email ?? null,
          roles: opts.role,
          customerId,
          locale: 'zh-CN',
          password: opts.password,
        },
      );
      say(`created ${created.kind} user ${created.username} (${created.roles.join(', ')})`);
    });
  });

program
  .command('backup')
  .description('write a consistent backup (database + files of the FILE_STORE + schema version) to FILE')
  .argument('<file>', 'backup file to write')
  .addOption(dataDirOption)
  .action(async (file: string, opts) => {
    await withRuntime(opts, async (rt, config) => {
      const result = await writeBackup(rt.pool, openBlobStore(config, rt.pool), createWriteStream(file));
      say(`backup written to ${file}: ${result.tables} tables, ${result.files} files`);
    });
  });

program
  .command('restore')
  .description('restore a backup FILE into an empty database of the same schema version')
  .argument('<file>', 'backup file to read')
  .addOption(dataDirOption)
  .action(async (file: string, opts) => {
    await withRuntime(opts, async (rt, config) => {
      const result = await restoreBackup(rt.pool, openBlobStore(config, rt.pool), createReadStream(file));
      const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
      say(
        `restored ${Object.keys(result.tables).length} tables (${rows} rows) and ${result.files} files, schema ${result.schemaVersion}`,
      );
    });
  });

program
  .command('files')
  .description('manage the file store')
  .command('move')
  .description('move every stored file from the named store into the one FILE_STORE names')
  .addOption(
    new Option('--from <store>', 'the store the files are in now')
      .choices(['local', 'postgres'])
      .makeOptionMandatory(),
  )
  .addOption(dataDirOption)
  .action(async (opts: { from: 'local' | 'postgres'; dataDir?: string }) => {
    await withRuntime(opts, async (rt, config) => {
      if (opts.from === config.fileStore) throw new Error(`FILE_STORE is already ${config.fileStore}`);
      const moved = await moveFiles(
        openBlobStore({ ...config, fileStore: opts.from }, rt.pool),
        openBlobStore(config, rt.pool),
      );
      say(`moved ${moved} files from ${opts.from} to ${config.fileStore}`);
    });
  });

// Every command (the demo, user creation, the email receiver) checks ids through the owning modules.
wireReferences();
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`aftercare: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

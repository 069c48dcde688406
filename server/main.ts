// CLI entry: aftercare serve|migrate|demo|user create|backup|restore
import { createReadStream, createWriteStream } from 'node:fs';
import { Command, Option } from 'commander';
import { sql } from 'drizzle-orm';
import { ALL_ROLES } from '../common/roles.ts';
import { buildApp, wireReferences } from './app.ts';
import { loadConfig, type TConfig } from './config.ts';
import { customers } from './db/schema.ts';
import { demoLogins, loadDemoIfEmpty } from './demo/seed.ts';
import { createUser, purgeExpiredSessionsJob } from './modules/accounts/index.ts';
import { publishReportJob } from './modules/field/index.ts';
import { deliverInApp, deliverWebhook } from './modules/notifications/index.ts';
import { reorderCheckJob } from './modules/parts/index.ts';
import { importJob, warrantyExpiryRemindersJob } from './modules/registry/index.ts';
import { ensureSlaDefaults, slaSweepJob } from './modules/sla/index.ts';
import { processInboundEmail, slaTicketPort, startSmtpReceiver } from './modules/tickets/index.ts';
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
  .action(async (opts) => {
    const config = configFrom(opts);
    const log = createLogger(config.logLevel);
    const runtime = await openRuntime(config, (m) => log.info(m));
    let logins = opts.demo ? await loadDemoIfEmpty(runtime.db, systemClock, config.defaultTimeZone) : null;
    if (logins) log.info('demo dataset loaded');
    // The shipped SLA calendars and policies, once (the demo loads them itself).
    else await ensureSlaDefaults(runtime.db, config.defaultTimeZone);
    if (!logins && opts.demo && (await hasDemoData(runtime))) logins = demoLogins();
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
      ],
      jobDeps,
    );
    // Every instance can queue work; JOBS=false instances leave the working to the others.
    const working = config.jobs || opts.workerOnly === true;
    await jobs.start({ work: working });
    const outbox = working ? startOutboxWorker(jobDeps, mailer, deliverInApp, sms, deliverWebhook) : null;
    const app = opts.workerOnly
      ? null
      : await buildApp(
          { config, db: runtime.db, clock: systemClock, blobStore, mailer, jobs },
          { loggerInstance: log },
        );
    const smtp =
      app && config.smtpInbound
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
      say(`\n${signal}: stopping…`);
      await smtp?.close().catch(() => {});
      await app?.close().catch(() => {});
      await outbox?.stop();
      await jobs.stop().catch(() => {});
      await runtime.close().catch(() => {});
      say('stopped.');
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
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    if (app) {
      await app.listen({ port: config.port, host: config.host });
      const url = `http://localhost:${config.port}`;
      say('');
      say(`Aftercare is running at ${url}  (API reference: ${url}/api/docs)`);
      say(
        runtime.embedded
          ? `Database: embedded PostgreSQL, data in ${config.pgDataDir}`
          : 'Database: DATABASE_URL',
      );
      if (logins) {
        say('Demo logins:');
        for (const l of logins) say(`  ${l.username.padEnd(12)} ${l.password}   ${l.role}`);
      }
      if (smtp) say(`Receiving email (SMTP) on port ${smtp.port}`);
      say('Press Ctrl-C to stop.');
    } else {
      say('Aftercare worker running (jobs only). Press Ctrl-C to stop.');
    }
  });

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

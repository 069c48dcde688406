// Database-level chores on a server given its admin URL: create (optionally from a template), drop,
// and the URL of a database on the same server. Used at start, by tests and by benchmarks.
import net from 'node:net';
import pg from 'pg';

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe database name: ${name}`);
  return name;
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${checkName(name)}`;
  return url.toString();
}

export async function createDatabase(
  adminUrl: string,
  name: string,
  options: { template?: string; ifMissing?: boolean } = {},
): Promise<string> {
  await withAdmin(adminUrl, async (c) => {
    if (options.ifMissing) {
      const found = await c.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount) return;
    }
    const template = options.template ? ` template ${checkName(options.template)}` : '';
    await c.query(`create database ${checkName(name)}${template}`);
  });
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${checkName(name)} with (force)`));
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

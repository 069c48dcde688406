// Live updates across app instances: changes are announced with pg_notify inside the changing
// transaction (so only committed changes are announced); each instance LISTENs on one connection and
// fans events out to its Server-Sent-Events subscribers whose scope may see them. Events carry ids,
// never content: a client refetches through the API, which applies permissions and hides internal notes.
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import type { Db, Executor } from '../db/pool.ts';
import type { Scope } from './context.ts';

const CHANNEL = 'aftercare_live';

export interface LiveEvent {
  type: string;
  id: string;
  customerId: string | null;
  /** For one user only (their notifications). */
  userId?: string;
  /**
   * A ticket's assignee: a subscriber who sees only their own work (field engineers) receives ticket
   * events only for the tickets assigned to them.
   */
  assigneeId?: string | null;
}

export async function publishLive(tx: Executor, event: LiveEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);
}

interface Subscriber {
  scope: Scope;
  userId: string | null;
  ownWorkOnly: boolean;
  reply: FastifyReply;
}

export class LiveHub {
  private client: pg.PoolClient | null = null;
  private starting: Promise<void> | null = null;
  private readonly subscribers = new Set<Subscriber>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  private closed = false;

  private async start() {
    await this.listen();
    this.heartbeat = setInterval(() => {
      for (const s of this.subscribers) s.reply.raw.write(': keep-alive\n\n');
    }, 25_000);
  }

  /**
   * Takes one connection and LISTENs on it. When that connection is lost (a database restart, a
   * failover, an administrator ending it) it listens again on a new one, so this instance's
   * subscribers keep hearing the others' changes; what was announced in between is missed, which
   * the clients' periodic refetch covers.
   */
  private async listen(): Promise<void> {
    const client = await this.db.$client.connect();
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost || this.closed) return;
      lost = true;
      client.release(err ?? true);
      if (this.client === client) this.client = null;
      if (!this.closed) this.relisten();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(msg.payload);
      } catch {
        return;
      }
      for (const s of this.subscribers) {
        if (event.userId && s.userId !== event.userId) continue;
        if (!event.userId && s.scope.kind === 'customer' && s.scope.customerId !== event.customerId) continue;
        if (s.ownWorkOnly && event.type === 'ticket' && (!s.userId || event.assigneeId !== s.userId))
          continue;
        s.reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify({ id: event.id })}\n\n`);
      }
    });
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
  }

  private relisten(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.listen().catch(() => this.relisten());
    }, 1000).unref();
  }

  async subscribe(
    scope: Scope,
    reply: FastifyReply,
    userId: string | null = null,
    ownWorkOnly = false,
  ): Promise<void> {
    this.starting ??= this.start();
    await this.starting;
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    reply.raw.write(': connected\n\n');
    const subscriber = { scope, userId, ownWorkOnly, reply };
    this.subscribers.add(subscriber);
    reply.raw.on('close', () => this.subscribers.delete(subscriber));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const s of this.subscribers) s.reply.raw.end();
    this.subscribers.clear();
    if (this.client) {
      await this.client.query(`unlisten ${CHANNEL}`).catch(() => {});
      this.client.release();
      this.client = null;
    }
  }
}

// Every SQL statement on canned replies.
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { cannedReplies } from './schema.ts';

export type CannedReplyRow = typeof cannedReplies.$inferSelect;

export const listCannedReplies = (db: Executor) =>
  db.select().from(cannedReplies).orderBy(asc(cannedReplies.title)).limit(500);

export async function findCannedReply(db: Executor, id: string): Promise<CannedReplyRow | undefined> {
  const [row] = await db.select().from(cannedReplies).where(eq(cannedReplies.id, id));
  return row;
}

export async function insertCannedReply(db: Executor, values: typeof cannedReplies.$inferInsert) {
  const [row] = await db.insert(cannedReplies).values(values).returning();
  return row!;
}

export async function deleteCannedReply(db: Executor, id: string): Promise<boolean> {
  return (
    (await db.delete(cannedReplies).where(eq(cannedReplies.id, id)).returning({ id: cannedReplies.id }))
      .length > 0
  );
}

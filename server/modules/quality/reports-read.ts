// Read model for the reports module (issue 19): the early-warning alerts raised in a period, for the
// monthly analysis (index quality_alerts_raised_idx).
import { and, asc, gte, lt } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { qualityAlerts } from './schema.ts';

export interface RaisedAlert {
  number: string;
  level: string;
  groupName: string;
  faultCategory: string;
  count: number;
  expected: number;
}

/** Alerts raised in [from, to), oldest first. */
export async function alertsRaisedBetween(db: Executor, from: Date, to: Date): Promise<RaisedAlert[]> {
  return db
    .select({
      number: qualityAlerts.number,
      level: qualityAlerts.level,
      groupName: qualityAlerts.groupName,
      faultCategory: qualityAlerts.faultCategory,
      count: qualityAlerts.count,
      expected: qualityAlerts.expected,
    })
    .from(qualityAlerts)
    .where(and(gte(qualityAlerts.raisedAt, from), lt(qualityAlerts.raisedAt, to)))
    .orderBy(asc(qualityAlerts.raisedAt), asc(qualityAlerts.id));
}

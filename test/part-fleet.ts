// A fleet for the early warning's part groups (issue 19): one part, its batches, equipment of one
// project fitted from those batches, and repair tickets that replace the part again — written straight
// into the ledger and tickets so a test can set any history.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildCustomer, TEST_TIME_ZONE, type TestApp } from './helpers.ts';

export interface PartFleet {
  assets: string[];
  /** An issue of the part from a batch to an asset at noon of a local date, for a ticket if given. */
  fitPart(batchId: string, assetId: string, localDate: string, ticketId?: string): Promise<void>;
  /** A repair ticket on an asset whose part is replaced (from `batchId`) that day. */
  replace(assetId: string, localDate: string, batchId: string): Promise<void>;
}

/** `prefix` keeps codes, serials (`<prefix>-<i>`) and ticket numbers (`BX-<prefix>-…`) apart. */
export async function buildPartFleet(
  t: TestApp,
  o: {
    prefix: string;
    partId: string;
    partNumber: string;
    assetCount: number;
    batches: { id: string; code: string; supplier?: string | null }[];
  },
): Promise<PartFleet> {
  const customerId = (await buildCustomer(t.db, { name: `${o.prefix}客户` })).id;
  const projectId = randomUUID();
  const productId = randomUUID();
  await t.db.execute(sql`insert into projects (id, customer_id, code, name, time_zone)
    values (${projectId}, ${customerId}, ${`${o.prefix}P1`}, ${`${o.prefix}项目`}, ${TEST_TIME_ZONE})`);
  await t.db.execute(sql`insert into products (id, model, name, category)
    values (${productId}, ${`${o.prefix}-100`}, '投光灯', 'luminaire')`);
  await t.db.execute(
    sql`insert into parts (id, part_number, name) values (${o.partId}, ${o.partNumber}, '驱动电源')`,
  );
  for (const b of o.batches)
    await t.db.execute(sql`insert into stock_batches (id, part_id, code, received_on, supplier)
      values (${b.id}, ${o.partId}, ${b.code}, '2025-05-01', ${b.supplier ?? null})`);
  const assets: string[] = [];
  for (let i = 0; i < o.assetCount; i++) {
    const id = randomUUID();
    await t.db.execute(sql`insert into assets (id, customer_id, project_id, product_id, serial, status)
      values (${id}, ${customerId}, ${projectId}, ${productId}, ${`${o.prefix}-${i}`}, 'in_service')`);
    assets.push(id);
  }
  let seq = 0;
  const fitPart: PartFleet['fitPart'] = async (batchId, assetId, localDate, ticketId) => {
    seq++;
    await t.db.execute(sql`insert into stock_movements (at, kind, part_id, batch_id, condition, quantity,
        ticket_id, work_order_ref, asset_id, actor_label)
      values ((${localDate}::timestamp + interval '12 hours') at time zone ${TEST_TIME_ZONE}, 'issue', ${o.partId},
        ${batchId}, 'good', 1, ${ticketId ?? null}, ${`WO-${o.prefix}-${seq}`}, ${assetId}, 'test')`);
  };
  const replace: PartFleet['replace'] = async (assetId, localDate, batchId) => {
    const id = randomUUID();
    seq++;
    await t.db.execute(sql`insert into tickets (id, number, kind, status, channel, customer_id, project_id,
        asset_ids, subject, description, team, fault_category, created_at, updated_at)
      values (${id}, ${`BX-${o.prefix}-${String(seq).padStart(6, '0')}`}, 'fault_report', 'closed', 'phone',
        ${customerId}, ${projectId}, ${sql`array[${assetId}]::uuid[]`}, '驱动电源损坏', '更换驱动电源', 'support', '电源',
        (${localDate}::timestamp + interval '9 hours') at time zone ${TEST_TIME_ZONE},
        (${localDate}::timestamp + interval '9 hours') at time zone ${TEST_TIME_ZONE})`);
    await fitPart(batchId, assetId, localDate, id);
  };
  return { assets, fitPart, replace };
}

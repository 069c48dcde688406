// Charges of a visit (篇2 §11–12, 篇3 一.4 公开出示统一收费标准): the warranty engine decides, from the
// equipment, the date and the diagnosed cause, what is free; what is not is priced from the project's
// contract fee schedule — travel, labour by the hour, parts at factory price — and shown to the
// customer before the work for consent. Pure arithmetic over facts gathered here.
import { sql } from 'drizzle-orm';
import type { Cause } from '../../../common/warranty-rules.ts';
import type { Ctx } from '../../platform/context.ts';
import { assetCoverage } from '../registry/index.ts';
import type { workOrders } from './schema.ts';

export interface ChargeSheet {
  covered: { labour: boolean; travel: boolean; parts: boolean };
  status: string;
  reasons: { code: string; params: Record<string, string | number>; text: string }[];
  lines: {
    item: 'travel' | 'labour' | 'part';
    label: string;
    quantity: number;
    unitFen: number;
    amountFen: number;
  }[];
  totalFen: number;
}

export async function chargeSheet(ctx: Ctx, w: typeof workOrders.$inferSelect): Promise<ChargeSheet> {
  const cause = ((w.diagnosis as { cause?: Cause } | null)?.cause ?? 'unknown') as Cause;
  const staff = { ...ctx, scope: { kind: 'all' as const } };
  const cover = w.assetIds[0] ? await assetCoverage(staff, w.assetIds[0], { cause }) : null;
  // Without equipment on record nothing can be proven free: the fee schedule applies.
  const free = cover?.free ?? { labour: false, travel: false, parts: false };
  const [fees] = (
    await ctx.db.execute<{ labour: number | null; travel: number | null }>(sql`select
      (select labour_rate_fen from contracts where project_id = ${w.projectId} order by start_date desc limit 1)::int as labour,
      (select travel_fee_fen from contracts where project_id = ${w.projectId} order by start_date desc limit 1)::int as travel`)
  ).rows;
  const used = (
    await ctx.db.execute<{ part_number: string; name: string; quantity: number; factory: number | null }>(sql`
      select p.part_number, p.name, sum(m.quantity)::int as quantity, p.factory_price_fen as factory
      from stock_movements m join parts p on p.id = m.part_id
      where m.work_order_ref = ${w.number} and m.kind = 'issue'
      group by p.id order by p.part_number`)
  ).rows;
  const minutes =
    w.timeSpentMinutes ?? (w.plan as { estimatedMinutes?: number } | null)?.estimatedMinutes ?? 60;
  const hours = Math.max(1, Math.ceil(minutes / 60));
  const lines: ChargeSheet['lines'] = [];
  if (!free.travel && fees?.travel)
    lines.push({
      item: 'travel',
      label: 'travel',
      quantity: 1,
      unitFen: fees.travel,
      amountFen: fees.travel,
    });
  if (!free.labour && fees?.labour)
    lines.push({
      item: 'labour',
      label: 'labour',
      quantity: hours,
      unitFen: fees.labour,
      amountFen: hours * fees.labour,
    });
  if (!free.parts)
    for (const p of used)
      lines.push({
        item: 'part',
        label: `${p.part_number} ${p.name}`,
        quantity: p.quantity,
        unitFen: p.factory ?? 0,
        amountFen: p.quantity * (p.factory ?? 0),
      });
  return {
    covered: free,
    status: cover?.status ?? 'unknown',
    reasons: cover?.reasons ?? [
      {
        code: 'no_equipment',
        params: {},
        text: 'No equipment on the work order: charged per the fee schedule.',
      },
    ],
    lines,
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
  };
}

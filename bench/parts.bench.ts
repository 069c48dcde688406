// Stock movements under contention: 8 concurrent clients each alternating a receipt and an issue
// (two ledger lines, two locked stock-level updates), all on one hot part at one location, then
// each on its own part. The hot case serialises on the level row's lock by design (that is what
// keeps stock from going negative); the ratio shows what that costs.
import { permissionsOf } from '../common/roles.ts';
import { createLocation, createPart } from '../server/modules/parts/catalog.ts';
import { issue, receive } from '../server/modules/parts/stock.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, writeResult } from './harness.ts';

const CLIENTS = 8;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);

export async function run() {
  const bench = await openBenchDatabase();
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    ctx.principal = { ...ctx.principal, permissions: permissionsOf(['storekeeper']) };
    const loc = await createLocation(ctx, { code: 'WH-B', name: 'Bench warehouse', kind: 'central' });
    const parts: { id: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      parts.push(await createPart(ctx, { partNumber: `BENCH-${i}`, name: `Bench part ${i}`, unit: '个' }));
    }
    for (const p of parts)
      await receive(ctx, { partId: p.id, locationId: loc.id, quantity: 1000, batchCode: 'B0' });

    const measure = async (partOf: (client: number) => string) => {
      let movements = 0;
      const end = Date.now() + DURATION_S * 1000;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          const partId = partOf(c);
          while (Date.now() < end) {
            await receive(ctx, { partId, locationId: loc.id, quantity: 1, batchCode: 'B0' });
            await issue(ctx, { partId, locationId: loc.id, quantity: 1, workOrderRef: 'WO-BENCH' });
            movements += 2;
          }
        }),
      );
      return movements / DURATION_S;
    };
    const hot = await measure(() => parts[0]!.id);
    const spread = await measure((c) => parts[c]!.id);
    const raw = await (async () => {
      let n = 0;
      const end = Date.now() + DURATION_S * 1000;
      await bench.pool.query('create table bench_raw (id bigserial primary key, q int)');
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (Date.now() < end) {
            await bench.pool.query('insert into bench_raw (q) values (1)');
            n++;
          }
        }),
      );
      return n / DURATION_S;
    })();
    await writeResult({
      name: 'parts',
      params: { clients: CLIENTS, durationSeconds: DURATION_S },
      figures: {
        movements_per_second_one_hot_part: Math.round(hot),
        movements_per_second_many_parts: Math.round(spread),
        ratio_many_over_hot: Number((spread / hot).toFixed(2)),
        raw_inserts_per_second: Math.round(raw),
      },
      units: {
        movements_per_second_one_hot_part: 'movements/s',
        movements_per_second_many_parts: 'movements/s',
        ratio_many_over_hot: 'x',
        raw_inserts_per_second: 'rows/s',
      },
    });
  } finally {
    await bench.close();
  }
}

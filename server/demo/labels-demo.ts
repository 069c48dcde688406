// Demo QR labels: every demo asset has its label code; the first street lamp of the metro project
// has a known one, so its scan page is /q/DEMXSTREET000001.
import type { Db } from '../db/pool.ts';
import { issueLabels } from '../modules/labels/index.ts';
import { assetIdsWithSerial, getAsset } from '../modules/registry/index.ts';
import type { Clock } from '../platform/clock.ts';
import { systemCtx } from '../platform/context.ts';

export const DEMO_LAMP_SERIAL = 'HZ-L1-P001';
export const DEMO_LAMP_CODE = 'DEMXSTREET000001';
const PROJECT_CODES = ['HZ-L1', 'HZ-B1', 'SZ-L1', 'SZ-B1', 'CD-B1', 'CD-L1'];

export async function loadLabelsDemo(db: Db, clock: Clock, timeZone: string) {
  const ctx = systemCtx({ db, clock, timeZone }, 'demo');
  const ids = new Set<string>();
  for (const code of PROJECT_CODES) for (const id of await assetIdsWithSerial(db, `${code}-`)) ids.add(id);
  const assets = await Promise.all([...ids].map((id) => getAsset(ctx, id)));
  const lamp = assets.find((a) => a.serial === DEMO_LAMP_SERIAL);
  await issueLabels(ctx, assets, new Map(lamp ? [[lamp.id, DEMO_LAMP_CODE]] : []));
}

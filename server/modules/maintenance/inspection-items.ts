// The checklist of a special inspection (特殊巡查) or a campaign's inspection: each asset gets the
// template its product category and size class match (the same match plans use), or — when no template
// matches — the shipped "special inspection" checklist, so the engineer always has a checklist on the
// phone and the maintenance record holds what was found.
import { sql } from 'drizzle-orm';
import type { IsoDate } from '../../../common/calendar-dates.ts';
import type { TChecklistItem } from '../../../common/maintenance-api.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { maintenanceAssetFacts } from '../registry/index.ts';
import { type SizeClass, templateApplies } from './rules.ts';
import { maintenanceTemplates } from './schema.ts';

/** The shipped special-inspection template (fixed id: created on first use, then editable like any). */
export const SPECIAL_INSPECTION_TEMPLATE_ID = '5bec1a10-0000-4000-8000-000000000016';

const item = (
  key: string,
  label: string,
  kind: TChecklistItem['kind'],
  more: Partial<TChecklistItem> = {},
): TChecklistItem => ({
  key,
  label,
  kind,
  required: true,
  photoRequired: false,
  unit: null,
  min: null,
  max: null,
  ...more,
});

/** The seed's procedure (巡检、清洁、润滑、调整、紧固) aimed at the anomaly that started the inspection. */
export const SPECIAL_INSPECTION_CHECKLIST: TChecklistItem[] = [
  item('anomaly', '异常现象现场复核 Anomaly confirmed on site', 'check'),
  item('appearance', '外观、安装及防护 Appearance, mounting and protection', 'check'),
  item('wiring', '电气连接及端子紧固 Electrical connections tight', 'check'),
  item('insulation', '绝缘电阻 Insulation resistance', 'measurement', {
    required: false,
    unit: 'MΩ',
    min: 20,
  }),
  item('operation', '运行测试 Operation test', 'check'),
  item('cleaning', '清洁 Cleaning', 'check', { required: false }),
  item('photo', '现场照片 Site photo', 'photo', { required: false }),
  item('conclusion', '检查结论 Conclusion', 'note'),
];

/** Creates the shipped template unless it exists (a manager may have edited it since: left alone). */
async function ensureSpecialTemplate(db: Executor) {
  await db
    .insert(maintenanceTemplates)
    .values({
      id: SPECIAL_INSPECTION_TEMPLATE_ID,
      name: '特殊巡查 Special inspection',
      cycle: 'patrol',
      category: null,
      sizeClass: null,
      intervalMonths: null,
      checklist: SPECIAL_INSPECTION_CHECKLIST,
      active: true,
    })
    .onConflictDoNothing();
}

interface Candidate {
  id: string;
  name: string;
  cycle: string;
  category: string | null;
  sizeClass: SizeClass | null;
}

/** How closely a template fits: category and size class named (3) over category (2) over size (1) over any (0). */
const fit = (t: Candidate) => (t.category !== null ? 2 : 0) + (t.sizeClass !== null ? 1 : 0);

/**
 * The template for each asset: of the active templates that apply to it (templateApplies, as for
 * plans), the closest fit, a routine one first, then by name; the shipped one when none applies.
 */
export function chooseTemplates(
  assets: readonly { assetId: string; category: string; sizeClass: SizeClass }[],
  templates: readonly Candidate[],
): Map<string, string> {
  const ranked = templates
    .filter((t) => t.id !== SPECIAL_INSPECTION_TEMPLATE_ID)
    .sort(
      (a, b) =>
        fit(b) - fit(a) ||
        Number(b.cycle === 'routine') - Number(a.cycle === 'routine') ||
        a.name.localeCompare(b.name),
    );
  const chosen = new Map<string, string>();
  for (const a of assets) {
    const t = ranked.find((c) => templateApplies({ ...c, intervalMonths: null, cycle: 'routine' }, a));
    chosen.set(a.assetId, t?.id ?? SPECIAL_INSPECTION_TEMPLATE_ID);
  }
  return chosen;
}

/**
 * Gives inspection visits their items, set-based: one item per asset with its chosen template, no plan
 * (generation and tuning keep to plans' items), dated the visit's day.
 */
export async function addInspectionItems(
  db: Executor,
  visits: readonly { visitId: string; customerId: string; dueOn: IsoDate; assetIds: readonly string[] }[],
) {
  const assetIds = [...new Set(visits.flatMap((v) => v.assetIds))];
  if (!assetIds.length) return;
  const [facts, templates] = await Promise.all([
    maintenanceAssetFacts(db, assetIds),
    db
      .select({
        id: maintenanceTemplates.id,
        name: maintenanceTemplates.name,
        cycle: maintenanceTemplates.cycle,
        category: maintenanceTemplates.category,
        sizeClass: maintenanceTemplates.sizeClass,
      })
      .from(maintenanceTemplates)
      .where(sql`${maintenanceTemplates.active}`),
  ]);
  const chosen = chooseTemplates(
    assetIds.flatMap((assetId) => {
      const f = facts.get(assetId);
      return f ? [{ assetId, category: f.category, sizeClass: f.sizeClass }] : [];
    }),
    templates,
  );
  if ([...chosen.values()].includes(SPECIAL_INSPECTION_TEMPLATE_ID)) await ensureSpecialTemplate(db);
  const rows = visits.flatMap((v) =>
    v.assetIds.flatMap((assetId) => {
      const templateId = chosen.get(assetId);
      return templateId ? [{ ...v, assetId, templateId }] : [];
    }),
  );
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    const col = (f: (r: (typeof part)[number]) => string) => sql.param(part.map(f));
    await db.execute(
      sql`insert into maintenance_visit_items (visit_id, customer_id, asset_id, template_id, nominal_on)
          select * from unnest(${col((r) => r.visitId)}::uuid[], ${col((r) => r.customerId)}::uuid[],
                               ${col((r) => r.assetId)}::uuid[], ${col((r) => r.templateId)}::uuid[],
                               ${col((r) => r.dueOn)}::date[])`,
    );
  }
}

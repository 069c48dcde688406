// Demo planned maintenance: a routine template (interval by each asset's size class) with a checklist,
// a plan for the demo project with the most equipment, and its visits generated over the horizon.
import { sql } from 'drizzle-orm';
import { toLocalDate } from '../../common/calendar-dates.ts';
import { wireReferences } from '../app.ts';
import type { Db } from '../db/pool.ts';
import { createPlan, createTemplate, generateForProject } from '../modules/maintenance/index.ts';
import type { Clock } from '../platform/clock.ts';
import { systemCtx } from '../platform/context.ts';

export async function loadMaintenanceDemo(db: Db, clock: Clock, timeZone: string) {
  // Plans check their project and equipment through the owners' resolvers (idempotent wiring).
  wireReferences();
  const ctx = systemCtx({ db, clock, timeZone }, 'demo');
  const { rows } = await db.execute<{ project_id: string; ids: string[] }>(
    // Ties go to the first project by code (then name): browser tests reuse the demo's visits, so the
    // choice must not depend on random ids.
    sql`select a.project_id, array_agg(a.id order by a.serial) as ids
        from assets a join projects p on p.id = a.project_id
        where a.parent_id is null
        group by a.project_id, p.code, p.name order by count(*) desc, p.code, p.name limit 1`,
  );
  const site = rows[0];
  if (!site) return;
  const template = await createTemplate(ctx, {
    name: '常规保养（巡检、清洁、紧固）',
    cycle: 'routine',
    category: null,
    sizeClass: null,
    intervalMonths: null,
    active: true,
    checklist: [
      {
        key: 'inspect',
        label: '外观与安装巡检',
        kind: 'check',
        required: true,
        photoRequired: false,
        unit: null,
        min: null,
        max: null,
      },
      {
        key: 'clean',
        label: '清洁灯具与散热部件',
        kind: 'check',
        required: true,
        photoRequired: false,
        unit: null,
        min: null,
        max: null,
      },
      {
        key: 'tighten',
        label: '紧固接线端子',
        kind: 'check',
        required: true,
        photoRequired: false,
        unit: null,
        min: null,
        max: null,
      },
      {
        key: 'insulation',
        label: '绝缘电阻',
        kind: 'measurement',
        required: true,
        photoRequired: true,
        unit: 'MΩ',
        min: 20,
        max: null,
      },
      {
        key: 'hours',
        label: '运行小时读数',
        kind: 'reading',
        required: false,
        photoRequired: false,
        unit: 'h',
        min: null,
        max: null,
      },
      {
        key: 'note',
        label: '其他情况',
        kind: 'note',
        required: false,
        photoRequired: false,
        unit: null,
        min: null,
        max: null,
      },
    ],
  });
  await createPlan(ctx, {
    projectId: site.project_id,
    name: '年度维护保养计划',
    assetIds: site.ids.slice(0, 50),
    templateIds: [template.id],
    startsOn: toLocalDate(clock.now(), timeZone),
    endsOn: null,
    mode: 'fixed',
    preferredWeekday: null,
    windowStart: '09:00',
    windowEnd: '12:00',
    active: true,
    notes: null,
  });
  await generateForProject(ctx, site.project_id);
}

// Demo complaints and a suggestion: what the complaint queue and the portal show after `npm start`.
import { wireReferences } from '../app.ts';
import type { Db } from '../db/pool.ts';
import { createComplaint, createSuggestion } from '../modules/complaints/index.ts';
import type { Clock } from '../platform/clock.ts';
import { systemCtx } from '../platform/context.ts';

export async function loadComplaintsDemo(
  db: Db,
  clock: Clock,
  timeZone: string,
  customerIds: Record<string, string>,
) {
  wireReferences();
  const ctx = systemCtx({ db, clock, timeZone }, 'demo');
  const park = customerIds['SZ-PARK'];
  const airport = customerIds['CD-AIRPORT'];
  if (park)
    await createComplaint(ctx, {
      customerId: park,
      channel: 'hotline',
      complainantName: '物业陈经理',
      contactPhone: '13900000021',
      contactEmail: null,
      language: 'zh-CN',
      matter: '园区路灯报修后两天无人上门，多次催促无回复。',
      category: 'response_time',
      againstTeam: '现场服务一组',
      defect: false,
      fileIds: [],
    });
  if (airport) {
    await createComplaint(ctx, {
      customerId: airport,
      channel: 'email',
      complainantName: '航站楼设备科',
      contactPhone: null,
      contactEmail: null,
      language: 'zh-CN',
      matter: '到达厅新换的泛光灯一周内两次熄灭，怀疑批次质量问题。',
      category: 'product_quality',
      defect: true,
      fileIds: [],
    });
    await createSuggestion(ctx, {
      customerId: airport,
      sourceKind: 'follow_up',
      title: '夜间增加一名值班工程师',
      description: '航站楼夜间施工窗口多，希望夜间有工程师常驻，缩短响应时间。',
      contactEmail: null,
      language: 'zh-CN',
    });
  }
}

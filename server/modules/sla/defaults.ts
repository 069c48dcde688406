// The seed's commitments as the default SLA policies (篇1 二.1, 二.3, 四.1, 四.3, 五.1–2; 篇2 §8;
// 篇4 e.3, f.2–3, g.2), all on the 7×24 hotline calendar; every number is a setting admins change.
import { CN_HOLIDAYS } from '../../../common/cn-holidays.ts';
import type { EscalationLevel, PolicyConditions, TargetDefinition } from '../../../common/sla-rules.ts';
import type { Slot, slaCalendars } from './schema.ts';

/** −30 min: warn the assignee; at the deadline: the team; 2 h after: the managers (also by SMS). */
export const STANDARD_ESCALATIONS: EscalationLevel[] = [
  { offsetMinutes: -30, actions: [{ type: 'notify', to: 'assignee', channels: ['in_app'] }] },
  { offsetMinutes: 0, actions: [{ type: 'notify', to: 'team', channels: ['in_app', 'email'] }] },
  {
    offsetMinutes: 120,
    actions: [{ type: 'notify', to: 'managers', channels: ['in_app', 'email', 'sms'] }],
  },
];

const target = (
  metric: string,
  start: TargetDefinition['start'],
  stop: TargetDefinition['stop'],
  durationMinutes: number,
  extra: Partial<TargetDefinition> = {},
): TargetDefinition => ({
  metric,
  start,
  stop,
  pauseStatuses: ['waiting_customer'],
  durationMinutes,
  calendarId: null,
  warnMinutes: Math.min(30, Math.round(durationMinutes / 4)),
  escalations: STANDARD_ESCALATIONS,
  ...extra,
});

// 15 分钟内响应 (篇1 二.3, 五.1): a public reply, or the hand-over to an engineer, is the response.
const firstResponse = target('first_response', 'created', ['first_public_reply', 'handed_over'], 15);
// 1 小时内给予准确答复或处理意见 (五.1).
const handlingOpinion = target('handling_opinion', 'created', ['first_public_reply', 'resolved'], 60);

function faultTargets(onSiteHours: number): TargetDefinition[] {
  return [
    firstResponse,
    handlingOpinion,
    // 2 小时内转交技术支持工程师并初步诊断 (四.3).
    target('handed_over', 'created', ['handed_over'], 120),
    target('initial_diagnosis', 'created', ['diagnosed'], 120),
    // 远程指导 4 小时内排除 (二.3).
    target('remote_fix', 'created', ['remote_fix_attempted', 'resolved', 'dispatched'], 240),
    // 24 小时内赶赴现场 (二.3; 12 h 篇2 §8; 8 h 篇4 f / emergencies).
    target('on_site', 'created', ['arrived_on_site'], onSiteHours * 60),
    // 到达现场后 2 小时内定位故障并制定维修方案 (四.3).
    target('onsite_diagnosis', 'arrived_on_site', ['onsite_diagnosed'], 120),
    // 一般故障 8 小时、复杂故障 24 小时内修复; a temporary solution restores service (二.3).
    target('service_restored', 'arrived_on_site', ['temporary_solution', 'resolved'], 8 * 60, {
      complexity: 'general',
    }),
    target('service_restored', 'arrived_on_site', ['temporary_solution', 'resolved'], 24 * 60, {
      complexity: 'complex',
    }),
    // …直至故障完全修复: the permanent fix keeps running after a temporary one (72 h, 篇4 g.2).
    target('permanent_fix', 'arrived_on_site', ['resolved'], 72 * 60),
  ];
}

export interface DefaultPolicy {
  key: string;
  name: string;
  isDefault: boolean;
  conditions: PolicyConditions;
  targets: TargetDefinition[];
}

export const DEFAULT_POLICIES: DefaultPolicy[] = [
  {
    key: 'fault-emergency',
    name: '紧急故障 Emergency fault (on site 8 h)',
    isDefault: false,
    conditions: { kinds: ['fault_report'], emergency: true },
    targets: faultTargets(8),
  },
  {
    key: 'fault-priority-contract',
    name: '重点合同故障 Priority-contract fault (on site 12 h)',
    isDefault: false,
    conditions: { kinds: ['fault_report'], contractTiers: ['priority'] },
    targets: faultTargets(12),
  },
  {
    key: 'fault',
    name: '故障报修 Fault report',
    isDefault: false,
    conditions: { kinds: ['fault_report'] },
    targets: faultTargets(24),
  },
  {
    key: 'consultation',
    name: '咨询 Consultation',
    isDefault: false,
    conditions: { kinds: ['consultation'] },
    targets: [
      firstResponse,
      handlingOpinion,
      // 1 小时内转交技术支持工程师; 2–8 小时内解答 by complexity (四.1).
      target('handed_over', 'created', ['handed_over'], 60),
      target('answered', 'created', ['resolved'], 120, { complexity: 'general' }),
      target('answered', 'created', ['resolved'], 480, { complexity: 'complex' }),
    ],
  },
  {
    key: 'complaint',
    name: '投诉 Complaint',
    isDefault: false,
    conditions: { kinds: ['complaint'] },
    targets: [
      firstResponse,
      handlingOpinion,
      // 24 小时内处理完毕并回复 (篇1 六), then 24 小时内回访.
      target('complaint_handled', 'created', ['resolved'], 24 * 60),
      target('follow_up', 'resolved', ['follow_up_done'], 24 * 60),
    ],
  },
  {
    key: 'default',
    name: '默认 Default',
    isDefault: true,
    conditions: {},
    targets: [firstResponse, handlingOpinion],
  },
];

/** Calendars shipped with the product, in the organisation's zone: the 7×24 hotline, and office hours with the official holidays. */
export function defaultCalendars(timeZone: string): (typeof slaCalendars.$inferInsert)[] {
  const allDay: Slot = [0, 1440];
  const officeHours: Slot[] = [
    [540, 720],
    [810, 1080],
  ];
  return [
    {
      name: '7×24',
      timeZone,
      weekly: Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [allDay]])),
      holidays: [],
      workdays: [],
      workdaySlots: [allDay],
    },
    {
      name: '工作日 Office hours 09:00–12:00, 13:30–18:00',
      timeZone,
      weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, officeHours])),
      holidays: CN_HOLIDAYS.flatMap((s) => s.holidays),
      workdays: CN_HOLIDAYS.flatMap((s) => s.workdays),
      workdaySlots: officeHours,
    },
  ];
}

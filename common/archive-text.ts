// The wording of service-archive events in each language, from the event's kind and details. The
// server stores a neutral English summary too (for API clients); screens and PDFs use this.
type Lang = 'zh-CN' | 'en';
type Params = Record<string, unknown>;

const STATUS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    planning: '规划中',
    installing: '安装中',
    commissioning: '调试中',
    accepted: '已验收',
    in_service: '运行中',
    closed: '已关闭',
    installed: '已安装',
    under_repair: '维修中',
    replaced: '已更换',
    retired: '已报废',
  },
  en: {
    planning: 'planning',
    installing: 'installing',
    commissioning: 'commissioning',
    accepted: 'accepted',
    in_service: 'in service',
    closed: 'closed',
    installed: 'installed',
    under_repair: 'under repair',
    replaced: 'replaced',
    retired: 'retired',
  },
};

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const TEMPLATES: Record<string, Record<Lang, (p: Params, st: Record<string, string>) => string>> = {
  'registry.project-created': {
    'zh-CN': (p) => `项目 ${s(p.code)} ${s(p.name)} 登记`,
    en: (p) => `Project ${s(p.code)} ${s(p.name)} registered`,
  },
  'registry.project-status': {
    'zh-CN': (p, st) => `项目状态：${st[s(p.from)] ?? s(p.from)} → ${st[s(p.to)] ?? s(p.to)}`,
    en: (p, st) => `Project status: ${st[s(p.from)] ?? s(p.from)} → ${st[s(p.to)] ?? s(p.to)}`,
  },
  'registry.asset-registered': {
    'zh-CN': (p) =>
      `设备 ${s(p.serial)} 登记${p.installDate ? `，安装日期 ${s(p.installDate)}` : ''}${p.imported ? '（导入）' : ''}`,
    en: (p) =>
      `Equipment ${s(p.serial)} registered${p.installDate ? `, installed ${s(p.installDate)}` : ''}${p.imported ? ' (import)' : ''}`,
  },
  'registry.asset-status': {
    'zh-CN': (p, st) => `设备状态：${st[s(p.from)] ?? s(p.from)} → ${st[s(p.to)] ?? s(p.to)}`,
    en: (p, st) => `Status: ${st[s(p.from)] ?? s(p.from)} → ${st[s(p.to)] ?? s(p.to)}`,
  },
  'registry.asset-accepted': {
    'zh-CN': (p) => `${s(p.date)} 验收，开始计算质保期`,
    en: (p) => `Accepted on ${s(p.date)}; warranty starts`,
  },
  'registry.asset-replaced': {
    'zh-CN': (p) => `${s(p.replacedOn)} 更换为 ${s(p.newSerial)}：${s(p.reason)}`,
    en: (p) => `Replaced by ${s(p.newSerial)} on ${s(p.replacedOn)}: ${s(p.reason)}`,
  },
  'registry.asset-replacement': {
    'zh-CN': (p) => `替换 ${s(p.oldSerial)}；质保期 ${s(p.start)} 至 ${s(p.end)}`,
    en: (p) => `Replaces ${s(p.oldSerial)}; warranty ${s(p.start)} – ${s(p.end)}`,
  },
  'registry.contract': {
    'zh-CN': (p) => `合同 ${s(p.number)}，自 ${s(p.startDate)} 起，质保 ${s(p.warrantyMonths)} 个月`,
    en: (p) => `Contract ${s(p.number)} from ${s(p.startDate)}, warranty ${s(p.warrantyMonths)} months`,
  },
};

for (const [kind, zh, en] of [
  ['installation', '安装', 'Installation'],
  ['commissioning', '调试', 'Commissioning'],
  ['acceptance', '竣工验收', 'Acceptance'],
] as const) {
  TEMPLATES[`registry.${kind}`] = {
    'zh-CN': (p) =>
      `${zh}：${s(p.date)}${p.signedBy ? `，签字人 ${s(p.signedBy)}` : ''}${p.acceptedAssets ? `，${s(p.acceptedAssets)} 台设备开始质保` : ''}`,
    en: (p) =>
      `${en} on ${s(p.date)}${p.signedBy ? `, signed by ${s(p.signedBy)}` : ''}${p.acceptedAssets ? `; warranty of ${s(p.acceptedAssets)} pieces of equipment starts` : ''}`,
  };
}
for (const [kind, zh, en] of [
  ['deposit', '缴存', 'paid'],
  ['deduction', '扣款', 'deducted'],
  ['release', '退还', 'released'],
] as const) {
  TEMPLATES[`registry.deposit-${kind}`] = {
    'zh-CN': (p) => `质量保证金${zh} ${s(p.amount)} ${s(p.currency)}：${s(p.reason)}`,
    en: (p) => `Warranty deposit ${en}: ${s(p.amount)} ${s(p.currency)} — ${s(p.reason)}`,
  };
}

// Tickets (工单) record one event per kind when they are opened: `tickets.<kind>`.
const TICKET_KIND: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    consultation: '咨询',
    fault_report: '报修',
    complaint: '投诉',
    return_request: '退货申请',
    training_request: '培训申请',
    other: '其他工单',
  },
  en: {
    consultation: 'Consultation',
    fault_report: 'Fault report',
    complaint: 'Complaint',
    return_request: 'Return request',
    training_request: 'Training request',
    other: 'Ticket',
  },
};
for (const kind of Object.keys(TICKET_KIND.en)) {
  TEMPLATES[`tickets.${kind}`] = {
    'zh-CN': (p) => `${s(p.number)}：${s(p.subject)}`,
    en: (p) => `${s(p.number)}: ${s(p.subject)}`,
  };
}

// The field visit records its milestones (`field.<stage>`) and the published report (`field.report`).
const FIELD_KIND: Record<Lang, Record<string, string>> = {
  'zh-CN': { arrived: '工程师到达现场', completed: '维修完成', report: '维修报告' },
  en: { arrived: 'Engineer on site', completed: 'Repair completed', report: 'Repair report' },
};
for (const kind of Object.keys(FIELD_KIND.en)) {
  TEMPLATES[`field.${kind}`] = {
    'zh-CN': (p) => `派工单 ${s(p.number)}`,
    en: (p) => `Work order ${s(p.number)}`,
  };
}

// Returns (退货, 篇3 5) record the request, the decision and the unit's receipt: `returns.<event>`.
const RETURN_KIND: Record<Lang, Record<string, string>> = {
  'zh-CN': { requested: '退货申请', refused: '退货不予受理', decided: '退货审批', received: '退货入库' },
  en: {
    requested: 'Return requested',
    refused: 'Return refused',
    decided: 'Return decided',
    received: 'Return received',
  },
};
const RETURN_OUTCOME: Record<Lang, Record<string, string>> = {
  'zh-CN': { refund: '退款', exchange: '换货', repair: '维修', training: '免费培训', rejected: '不予退货' },
  en: {
    refund: 'refund',
    exchange: 'exchange',
    repair: 'repair',
    training: 'free training',
    rejected: 'not accepted',
  },
};
for (const kind of Object.keys(RETURN_KIND.en)) {
  TEMPLATES[`returns.${kind}`] = {
    'zh-CN': (p) =>
      `${RETURN_KIND['zh-CN'][kind]} ${s(p.number)}${p.outcome ? `：${RETURN_OUTCOME['zh-CN'][s(p.outcome)] ?? ''}` : ''}`,
    en: (p) =>
      `${RETURN_KIND.en[kind]} ${s(p.number)}${p.outcome ? `: ${RETURN_OUTCOME.en[s(p.outcome)] ?? ''}` : ''}`,
  };
}

const KIND_LABEL: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'registry.project-created': '项目登记',
    'registry.project-status': '项目状态变更',
    'registry.asset-registered': '设备登记',
    'registry.asset-status': '设备状态变更',
    'registry.asset-accepted': '设备验收',
    'registry.asset-replaced': '设备更换',
    'registry.asset-replacement': '替换设备投入使用',
    'registry.contract': '合同',
    'registry.installation': '安装',
    'registry.commissioning': '调试',
    'registry.acceptance': '竣工验收',
    'registry.deposit-deposit': '保证金缴存',
    'registry.deposit-deduction': '保证金扣款',
    'registry.deposit-release': '保证金退还',
    ...Object.fromEntries(Object.entries(TICKET_KIND['zh-CN']).map(([k, v]) => [`tickets.${k}`, v])),
    ...Object.fromEntries(Object.entries(FIELD_KIND['zh-CN']).map(([k, v]) => [`field.${k}`, v])),
    ...Object.fromEntries(Object.entries(RETURN_KIND['zh-CN']).map(([k, v]) => [`returns.${k}`, v])),
  },
  en: {
    'registry.project-created': 'Project registered',
    'registry.project-status': 'Project status',
    'registry.asset-registered': 'Equipment registered',
    'registry.asset-status': 'Equipment status',
    'registry.asset-accepted': 'Equipment accepted',
    'registry.asset-replaced': 'Equipment replaced',
    'registry.asset-replacement': 'Replacement in service',
    'registry.contract': 'Contract',
    'registry.installation': 'Installation',
    'registry.commissioning': 'Commissioning',
    'registry.acceptance': 'Acceptance',
    'registry.deposit-deposit': 'Deposit paid',
    'registry.deposit-deduction': 'Deposit deduction',
    'registry.deposit-release': 'Deposit released',
    ...Object.fromEntries(Object.entries(TICKET_KIND.en).map(([k, v]) => [`tickets.${k}`, v])),
    ...Object.fromEntries(Object.entries(FIELD_KIND.en).map(([k, v]) => [`field.${k}`, v])),
    ...Object.fromEntries(Object.entries(RETURN_KIND.en).map(([k, v]) => [`returns.${k}`, v])),
  },
};

/** Every kind of archive event, for filters. */
export const ARCHIVE_KINDS = Object.keys(KIND_LABEL.en);

/** The event in the reader's language, or null when the kind has no template (use its summary). */
export function archiveText(kind: string, details: Params, lang: Lang): string | null {
  const template = TEMPLATES[kind]?.[lang];
  return template ? template(details, STATUS[lang]) : null;
}

/** The name of an event's kind ("设备验收"); a kind unknown to this build reads as a generic word, never its key. */
export function archiveKindLabel(kind: string, lang: Lang): string {
  return KIND_LABEL[lang][kind] ?? (lang === 'en' ? 'Event' : '事件');
}

export interface ArchiveGroupable {
  kind: string;
  details: Params;
  refType: string | null;
  refId: string | null;
  actorLabel: string;
  assetId: string | null;
  assetLabel?: string | null;
}

/**
 * One change that touched many pieces of equipment is stored as one event per piece (an acceptance
 * of 24 lights is 24 "设备验收" events). Adjacent events of the same change (same kind, record,
 * details and person) read as one row with the count and the equipment it touched.
 */
export function groupArchiveEvents<E extends ArchiveGroupable>(
  events: readonly E[],
): { event: E; count: number; assets: string[] }[] {
  const groups: { event: E; count: number; assets: string[]; key: string }[] = [];
  for (const e of events) {
    const key = JSON.stringify([e.kind, e.refType, e.refId, e.actorLabel, e.details]);
    const last = groups.at(-1);
    if (last && e.assetId && last.event.assetId && last.key === key) {
      last.count += 1;
      if (e.assetLabel) last.assets.push(e.assetLabel);
      continue;
    }
    groups.push({ event: e, count: 1, assets: e.assetLabel ? [e.assetLabel] : [], key });
  }
  const byName = new Intl.Collator('zh-CN', { numeric: true });
  return groups.map(({ key: _, ...g }) => ({ ...g, assets: g.assets.sort(byName.compare) }));
}

/** Project and equipment status names in each language (lists, exports). */
export const REGISTRY_STATUS_WORDS = STATUS;

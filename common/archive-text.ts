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

/** The event in the reader's language, or null when the kind has no template (use its summary). */
export function archiveText(kind: string, details: Params, lang: Lang): string | null {
  const template = TEMPLATES[kind]?.[lang];
  return template ? template(details, STATUS[lang]) : null;
}

// The words of a charge sheet (收费单) in each language: coverage status, warranty reasons (by code,
// with their parameters), charge items. The screens use the same words through their locale files;
// documents printed by the server (the repair report) use these.
type Lang = 'zh-CN' | 'en';

const COVERAGE: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    in_warranty: '保修期内',
    latent_defect: '潜在缺陷期',
    service_agreement: '维保协议',
    expired: '已过保',
    pending_acceptance: '待竣工验收：由调度决定',
    not_accepted: '未验收',
    unknown: '保修状态未知',
  },
  en: {
    in_warranty: 'In warranty',
    latent_defect: 'Latent-defect period',
    service_agreement: 'Service agreement',
    expired: 'Out of warranty',
    pending_acceptance: 'Pending acceptance: the dispatcher decides',
    not_accepted: 'Not accepted yet',
    unknown: 'Coverage unknown',
  },
};

const REASONS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    no_equipment: '工单未关联设备：按收费标准收费。',
    dispatcher_to_decide: '设备尚未验收，保修待定：由调度决定费用承担方。',
    before_acceptance: '尚未竣工验收，由安装方负责。',
    in_warranty: '质保期至 {{end}}（不含）。',
    latent_defect_covered: '潜在缺陷期内的设计、材料或工艺缺陷予以无条件更换，免费处理。',
    latent_defect_not_covered: '潜在缺陷期内仅设计、材料、工艺缺陷免费。',
    service_agreement: '适用维保协议 {{ref}}。',
    extended_warranty: '延长质保期 {{ref}} 内免费保修，含人工、往返现场费用及备件。',
    expired: '已过保：收取差旅费和材料费，备件按出厂价。',
    human_damage_excluded: '人为损坏不在免费范围内。',
    force_majeure_excluded: '不可抗力不在免费范围内。',
    cause_to_confirm: '故障原因需现场确认。',
    part_fitted_free: '备件 {{part}} 装于设备 {{asset}}，该设备在免费保修范围内，不收费。',
    part_fitted_charged: '备件 {{part}} 装于设备 {{asset}}，该设备不在免费保修范围内，按价收费。',
  },
  en: {
    no_equipment: 'No equipment on the work order: charged per the fee schedule.',
    dispatcher_to_decide: 'Coverage is pending acceptance: the dispatcher decides who pays.',
    before_acceptance: 'Not yet accepted: the installer answers for the works.',
    in_warranty: 'In warranty until {{end}} (exclusive).',
    latent_defect_covered:
      'Design, material and workmanship defects are covered in the latent-defect period: the defective part is replaced unconditionally.',
    latent_defect_not_covered:
      'In the latent-defect period only design, material and workmanship defects are covered.',
    service_agreement: 'Service agreement {{ref}} applies.',
    extended_warranty: 'Extended warranty {{ref}}: labour, travel and parts are free.',
    expired: 'Out of warranty: travel and materials are charged, parts at factory price.',
    human_damage_excluded: 'Damage caused by people is not covered.',
    force_majeure_excluded: 'Force majeure is not covered.',
    cause_to_confirm: 'The cause must be confirmed on site.',
    part_fitted_free: 'Part {{part}} was fitted to {{asset}}, which is covered: not charged.',
    part_fitted_charged: 'Part {{part}} was fitted to {{asset}}, which is not covered: charged.',
  },
};

const ITEMS: Record<Lang, Record<string, string>> = {
  'zh-CN': { travel: '差旅费', labour: '人工费' },
  en: { travel: 'Travel', labour: 'Labour' },
};

export function coverageLabel(status: string, lang: Lang): string {
  return COVERAGE[lang][status] ?? COVERAGE[lang].unknown!;
}

/** A warranty reason in words; a code this build does not know falls back to the stored English text. */
export function reasonText(
  reason: { code: string; params: Record<string, string | number>; text: string },
  lang: Lang,
): string {
  const template = REASONS[lang][reason.code];
  if (!template) return reason.text;
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(reason.params[key] ?? ''));
}

/** A charge line's name: travel and labour in words; a part by its number and name. */
export function chargeItemLabel(line: { item: string; label: string }, lang: Lang): string {
  return line.item === 'part' ? line.label : (ITEMS[lang][line.item] ?? line.label);
}

import { describe, expect, it } from 'vitest';
import { ARCHIVE_KINDS, archiveKindLabel, archiveText, groupArchiveEvents } from './archive-text.ts';

describe('archive wording', () => {
  it('words registry events in Chinese and English from their details', () => {
    expect(archiveText('registry.asset-accepted', { date: '2026-03-15' }, 'zh-CN')).toBe(
      '2026-03-15 验收，开始计算质保期',
    );
    expect(archiveText('registry.asset-status', { from: 'in_service', to: 'under_repair' }, 'zh-CN')).toBe(
      '设备状态：运行中 → 维修中',
    );
    expect(
      archiveText(
        'registry.deposit-deduction',
        { amount: '300.00', currency: 'CNY', reason: '第三方维修' },
        'en',
      ),
    ).toBe('Warranty deposit deducted: 300.00 CNY — 第三方维修');
    expect(
      archiveText(
        'registry.acceptance',
        { date: '2026-03-15', signedBy: '周主任', acceptedAssets: 24 },
        'zh-CN',
      ),
    ).toBe('竣工验收：2026-03-15，签字人 周主任，24 台设备开始质保');
  });

  it('returns null for kinds it does not know, so the stored summary is shown', () => {
    expect(archiveText('tickets.something-new', {}, 'zh-CN')).toBeNull();
  });

  it('words ticket and field events instead of showing their keys', () => {
    expect(
      archiveText('tickets.fault_report', { number: 'BX-2026-000001', subject: '路灯不亮' }, 'zh-CN'),
    ).toBe('BX-2026-000001：路灯不亮');
    expect(archiveText('field.completed', { number: 'WO-2026-000002' }, 'en')).toBe(
      'Work order WO-2026-000002',
    );
    expect(archiveKindLabel('field.completed', 'en')).toBe('Repair completed');
    for (const kind of ARCHIVE_KINDS) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const label = archiveKindLabel(kind, lang);
        expect(label).not.toMatch(/[._]/);
        if (lang === 'en') expect(label).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(archiveKindLabel('tickets.fault_report', 'zh-CN')).toBe('报修');
    expect(archiveKindLabel('something.new_kind', 'zh-CN')).toBe('事件');
  });
});

describe('archive grouping', () => {
  const accepted = (i: number, refId = 'acc-1') => ({
    id: String(i),
    kind: 'registry.asset-accepted',
    details: { date: '2026-03-15' },
    refType: 'acceptance_record',
    refId,
    actorLabel: '张三',
    assetId: `a${i}`,
    assetLabel: `SN-${i} 路灯`,
  });

  it('folds the events one change left on many pieces of equipment into one row with their names', () => {
    const events = [
      { ...accepted(0), kind: 'registry.acceptance', assetId: null, assetLabel: null },
      ...Array.from({ length: 24 }, (_, i) => accepted(i + 1)),
    ];
    const groups = groupArchiveEvents(events);
    expect(groups).toHaveLength(2);
    expect(groups[1]).toMatchObject({ count: 24, event: { id: '1' } });
    expect(groups[1]!.assets).toHaveLength(24);
    expect(groups[1]!.assets[1]).toBe('SN-2 路灯');
    expect(groups[1]!.assets[23]).toBe('SN-24 路灯');
  });

  it('keeps apart events of different changes, people or details, and project-level events', () => {
    const groups = groupArchiveEvents([
      accepted(1),
      accepted(2, 'acc-2'),
      { ...accepted(3, 'acc-2'), actorLabel: '李四' },
      { ...accepted(4, 'acc-2'), actorLabel: '李四', details: { date: '2026-03-16' } },
      { ...accepted(5), assetId: null },
      { ...accepted(6), assetId: null },
    ]);
    expect(groups.map((g) => g.count)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

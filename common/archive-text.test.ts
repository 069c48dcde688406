import { describe, expect, it } from 'vitest';
import { archiveText } from './archive-text.ts';

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
});

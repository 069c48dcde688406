import { describe, expect, it } from 'vitest';
import { renderNotification } from './templates.ts';

const p = {
  number: 'BX-2026-000123',
  subject: '路灯不亮',
  metrics: ['on_site'],
  dueAt: '2026-11-24T10:00:00Z',
  offsetMinutes: -30,
  timeZone: 'Asia/Shanghai',
};

describe('SLA notification texts', () => {
  it('speak Chinese or English, with the due time in the reader’s zone', () => {
    expect(renderNotification('sla.warning', 'zh-CN', p)).toEqual({
      subject: '[BX-2026-000123] 即将超时：到达现场',
      text: '工单 BX-2026-000123「路灯不亮」的到达现场将于 2026-11-24 18:00 到期（还剩约 30 分钟）。',
    });
    expect(
      renderNotification('sla.breached', 'en', { ...p, offsetMinutes: 0, timeZone: 'Europe/London' }).text,
    ).toBe('On site for ticket BX-2026-000123 "路灯不亮" was due at 2026-11-24 10:00 and is breached.');
    expect(renderNotification('sla.escalation', 'en', { ...p, offsetMinutes: 120 }).subject).toBe(
      '[BX-2026-000123] Escalated: On site 120 min overdue',
    );
    expect(
      renderNotification('sla.escalation', 'zh-CN', { ...p, metrics: ['custom_metric'], offsetMinutes: 120 })
        .subject,
    ).toBe('[BX-2026-000123] 升级：custom_metric 超时 120 分钟');
  });

  it('name every target of one message, in the reader’s language', () => {
    const two = { ...p, metrics: ['handed_over', 'initial_diagnosis'], offsetMinutes: 120 };
    expect(renderNotification('sla.escalation', 'zh-CN', two).subject).toBe(
      '[BX-2026-000123] 升级：转交技术支持、初步诊断 超时 120 分钟',
    );
    expect(renderNotification('sla.escalation', 'en', two).subject).toBe(
      '[BX-2026-000123] Escalated: Handed to support engineer, Initial diagnosis 120 min overdue',
    );
  });
});

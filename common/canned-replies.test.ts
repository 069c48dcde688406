import { describe, expect, it } from 'vitest';
import { fillCannedReply, unknownVariables } from './canned-replies.ts';

describe('canned replies', () => {
  it('fills every known variable, with spaces inside the braces allowed', () => {
    expect(
      fillCannedReply(
        '{{contact.name}}您好，{{ customer.name }}的工单 {{ticket.number}} 由{{agent.name}}处理',
        {
          'contact.name': '王工',
          'customer.name': '杭州地铁',
          'ticket.number': 'BX-2026-000001',
          'agent.name': '李客服',
        },
      ),
    ).toBe('王工您好，杭州地铁的工单 BX-2026-000001 由李客服处理');
  });
  it('leaves a variable without a value empty and an unknown one as written', () => {
    expect(fillCannedReply('Dear {{contact.name}}, {{foo.bar}}', {})).toBe('Dear , {{foo.bar}}');
  });
  it('names the unknown variables once', () => {
    expect(unknownVariables('{{customer.nmae}} {{customer.name}} {{customer.nmae}}')).toEqual([
      'customer.nmae',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { publicEngineerName } from './labels-rules.ts';
import { qrMatrix } from './qr-code.ts';

describe('publicEngineerName', () => {
  it('tells a Chinese name by its surname and 工', () => {
    expect(publicEngineerName('王建国')).toBe('王工');
  });
  it('tells a Latin name by its first word only', () => {
    expect(publicEngineerName('Tom Li')).toBe('Tom');
  });
  it('is null without a name', () => {
    expect(publicEngineerName(null)).toBeNull();
    expect(publicEngineerName('  ')).toBeNull();
  });
});

describe('qrMatrix', () => {
  it('picks the smallest version that holds the text (21 modules for a few bytes, 33 for a label address)', () => {
    expect(qrMatrix('HELLO').length).toBe(21);
    expect(qrMatrix('https://aftercare.example.com/q/ABCDEFGHJKMNPQRS').length).toBe(33);
  });
  it('draws the three finder patterns and the timing line', () => {
    const m = qrMatrix('https://aftercare.example.com/q/ABCDEFGHJKMNPQRS');
    const n = m.length;
    for (const [x, y] of [
      [0, 0],
      [n - 7, 0],
      [0, n - 7],
    ] as const) {
      expect(m[y]![x]).toBe(true);
      expect(m[y + 1]![x + 1]).toBe(false);
      expect(m[y + 3]![x + 3]).toBe(true);
    }
    for (let i = 8; i < n - 8; i++) expect(m[6]![i]).toBe(i % 2 === 0);
  });
  it('refuses a text no label version can hold', () => {
    expect(() => qrMatrix('x'.repeat(300))).toThrow();
  });
});

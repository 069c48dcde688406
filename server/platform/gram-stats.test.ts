import { describe, expect, it } from 'vitest';
import { bigramsOf, type GramStats, termRowsBound } from './gram-stats.ts';

const stats = (rows: number, listed: Record<string, number>, floor: number): GramStats => ({
  rows,
  analysed: Object.keys(listed).length > 0,
  listed: (g) => listed[g],
  floor,
});

describe('gram statistics', () => {
  it('a term has the distinct lower-case grams text_bigrams stores', () => {
    expect(bigramsOf('无法启动')).toEqual(['无法', '法启', '启动']);
    expect(bigramsOf('ABab')).toEqual(['ab', 'ba']);
    expect(bigramsOf('水')).toEqual([]);
  });

  it("a term's rows are bounded by its rarest gram; an unlisted gram counts as the floor", () => {
    const s = stats(1_000_000, { 无法: 0.0816, 法启: 0.0816, 启动: 0.09, 配电: 0.19 }, 0.0068);
    expect(termRowsBound(s, bigramsOf('无法启动'))).toEqual({ rows: 81_600, allListed: true });
    const rare = termRowsBound(s, bigramsOf('配电柜'));
    expect(rare?.allListed).toBe(false);
    expect(rare?.rows).toBeCloseTo(6_800);
  });

  it('without statistics there is no bound (the caller counts on the index)', () => {
    expect(termRowsBound(stats(0, {}, 0), ['无法'])).toBeNull();
    expect(termRowsBound(stats(500, {}, 0), ['无法'])).toBeNull();
    expect(termRowsBound(stats(500, { 无法: 0.5 }, 0.1), [])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isSampled, isSatisfied, needsRecovery, satisfactionPercent } from './survey-rules.ts';

const a = (r: number, e: number, x: number, notSatisfied = false) => ({
  responseStars: r,
  engineerStars: e,
  resultStars: x,
  notSatisfied,
});

describe('survey rules (篇1 五.4)', () => {
  it('counts an answer satisfied only when every rating is 4 or 5 and nothing is ticked', () => {
    expect(isSatisfied(a(4, 4, 4))).toBe(true);
    expect(isSatisfied(a(5, 5, 3))).toBe(false);
    expect(isSatisfied(a(5, 5, 5, true))).toBe(false);
  });

  it('opens a recovery for any rating of 2 or fewer, or the tick, and not for a 3', () => {
    expect(needsRecovery(a(5, 2, 5))).toBe(true);
    expect(needsRecovery(a(1, 5, 5))).toBe(true);
    expect(needsRecovery(a(5, 5, 5, true))).toBe(true);
    expect(needsRecovery(a(3, 3, 3))).toBe(false);
  });

  it('gives the rate in percent with one decimal, none without answers', () => {
    expect(satisfactionPercent(19, 20)).toBe(95);
    expect(satisfactionPercent(2, 3)).toBe(66.7);
    expect(satisfactionPercent(0, 0)).toBeNull();
  });

  it('samples all at 100%, none at 0%', () => {
    expect(isSampled('x', 100)).toBe(true);
    expect(isSampled('x', 0)).toBe(false);
  });
});

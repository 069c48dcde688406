import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OccurrenceSet, timeOrderedUuid } from './generate.ts';

const plan = randomUUID();
const otherPlan = randomUUID();
const template = randomUUID();
const assets = Array.from({ length: 40 }, () => randomUUID());
const occurrences = assets.flatMap((assetId, i) =>
  ['2027-01-04', '2027-04-05'].map((nominalOn) => ({
    planId: i % 2 ? plan : otherPlan,
    assetId,
    templateId: template,
    nominalOn,
  })),
);
const fingerprintOf = (list: typeof occurrences) => {
  const set = new OccurrenceSet();
  for (const o of list) set.addItem(o);
  return set.fingerprint();
};

describe('the fingerprint of a visit’s occurrences', () => {
  it('does not depend on their order, and sets merge', () => {
    const reversed = [...occurrences].reverse();
    expect(fingerprintOf(reversed)).toBe(fingerprintOf(occurrences));
    const first = new OccurrenceSet();
    const second = new OccurrenceSet();
    for (const [i, o] of occurrences.entries()) (i % 3 ? first : second).addItem(o);
    first.merge(second);
    expect(first.fingerprint()).toBe(fingerprintOf(occurrences));
  });

  it('changes when an occurrence is added, removed, moved to another date or another plan', () => {
    const base = fingerprintOf(occurrences);
    const [one, ...rest] = occurrences;
    expect(fingerprintOf(rest)).not.toBe(base);
    expect(fingerprintOf([...occurrences, { ...one!, nominalOn: '2027-07-05' }])).not.toBe(base);
    expect(fingerprintOf([{ ...one!, nominalOn: '2027-01-05' }, ...rest])).not.toBe(base);
    expect(fingerprintOf([{ ...one!, planId: randomUUID() }, ...rest])).not.toBe(base);
    expect(new OccurrenceSet().fingerprint()).not.toBe(base);
  });
});

describe('time-ordered ids', () => {
  it('are version-7 UUIDs that sort in the order they were made', () => {
    const ids = Array.from({ length: 500 }, () => timeOrderedUuid());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

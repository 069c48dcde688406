import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatDate } from './calendar-dates.ts';
import {
  applyDepositEntry,
  CAUSES,
  type Cause,
  coverage,
  DEFAULT_TERMS,
  expiringWithin,
  isShelfWarrantyValid,
  repairDecision,
  replacementWarranty,
  type WarrantyTerms,
} from './warranty-rules.ts';

const arbDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
const arbCause = fc.constantFrom(...CAUSES);
const arbTerms = fc.record({
  warrantyMonths: fc.integer({ min: 0, max: 60 }),
  latentDefectMonths: fc.integer({ min: 0, max: 48 }),
  sparePartsShelfMonths: fc.integer({ min: 0, max: 60 }),
  maxRepairsBeforeReplace: fc.integer({ min: 1, max: 5 }),
  replacementPolicy: fc.constantFrom('inherit' as const, 'restart' as const),
  agreements: fc.constant([]),
});
const terms24: WarrantyTerms = { ...DEFAULT_TERMS, warrantyMonths: 24 };
const accepted = (d: string) => ({ acceptanceDate: d });

describe('coverage', () => {
  it('is never free for human damage or force majeure, whatever the date and terms', () => {
    fc.assert(
      fc.property(
        arbDate,
        arbDate,
        arbTerms,
        fc.constantFrom<Cause>('human_damage', 'force_majeure'),
        (acc, date, terms, cause) => {
          const c = coverage({ asset: accepted(acc), terms, date, cause });
          expect(c.free).toEqual({ labour: false, travel: false, parts: false });
          expect(c.partsPricing).not.toBe('free');
          expect(c.pricing).not.toBe('free');
        },
      ),
    );
  });

  it('is in warranty exactly on [acceptance, acceptance + warranty months)', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbTerms, (acc, date, terms) => {
        const c = coverage({ asset: accepted(acc), terms, date, cause: 'normal_failure' });
        const end = addMonths(acc, terms.warrantyMonths);
        expect(c.status === 'in_warranty').toBe(acc <= date && date < end);
        if (c.status === 'in_warranty') expect(c.free).toEqual({ labour: true, travel: true, parts: true });
      }),
    );
  });

  it('covers only design, material and workmanship defects in the latent period, exactly after the warranty', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbTerms, arbCause, (acc, date, terms, cause) => {
        const end = addMonths(acc, terms.warrantyMonths);
        const latentEnd = addMonths(end, terms.latentDefectMonths);
        const c = coverage({ asset: accepted(acc), terms, date, cause });
        const inLatent = end <= date && date < latentEnd;
        if (inLatent) {
          expect(c.status).toBe('latent_defect');
          const covered = ['design_defect', 'material_defect', 'workmanship'].includes(cause);
          expect(c.free.parts).toBe(covered);
          expect(c.free.labour).toBe(covered);
        }
        if (date >= latentEnd) {
          expect(c.status).toBe('expired');
          expect(c.partsPricing).toBe('factory_price');
          expect(c.free.travel).toBe(false);
        }
      }),
    );
  });

  it('gives the seed example: accepted 2026-03-15 with 24 months', () => {
    const asset = accepted('2026-03-15');
    expect(coverage({ asset, terms: terms24, date: '2028-03-14', cause: 'normal_failure' }).status).toBe(
      'in_warranty',
    );
    const latent = coverage({ asset, terms: terms24, date: '2028-03-15', cause: 'normal_failure' });
    expect(latent.status).toBe('latent_defect');
    expect(latent.free.parts).toBe(false);
    expect(latent.reasons.map((r) => r.code)).toContain('latent_defect_not_covered');
    expect(coverage({ asset, terms: terms24, date: '2028-03-15', cause: 'material_defect' }).free.parts).toBe(
      true,
    );
    const expired = coverage({ asset, terms: terms24, date: '2030-03-15', cause: 'material_defect' });
    expect(expired.status).toBe('expired');
    expect(expired.warrantyEnd).toBe('2028-03-15');
    expect(expired.latentDefectEnd).toBe('2030-03-15');
  });

  it('explains an excluded cause in warranty and asks to confirm an unknown cause', () => {
    const asset = accepted('2026-01-01');
    const damaged = coverage({ asset, terms: DEFAULT_TERMS, date: '2026-06-01', cause: 'human_damage' });
    expect(damaged.status).toBe('in_warranty');
    expect(damaged.reasons.map((r) => r.code)).toEqual([
      'in_warranty',
      'human_damage_excluded',
      'at_cost_in_warranty',
    ]);
    const unknown = coverage({ asset, terms: DEFAULT_TERMS, date: '2026-06-01', cause: 'unknown' });
    expect(unknown.free.parts).toBe(true);
    expect(unknown.reasons.map((r) => r.code)).toContain('cause_to_confirm');
  });

  it('applies a service agreement after the warranty, as far as it covers', () => {
    const terms: WarrantyTerms = {
      ...DEFAULT_TERMS,
      agreements: [
        {
          ref: 'WB-2028',
          start: '2027-01-01',
          end: '2029-12-31',
          coversLabour: true,
          coversTravel: true,
          coversParts: false,
        },
      ],
    };
    const c = coverage({ asset: accepted('2025-01-01'), terms, date: '2028-06-01', cause: 'normal_failure' });
    expect(c.status).toBe('service_agreement');
    expect(c.free).toEqual({ labour: true, travel: true, parts: false });
    expect(c.basis.contractRef).toBe('WB-2028');
    expect(
      coverage({ asset: accepted('2025-01-01'), terms, date: '2030-01-01', cause: 'normal_failure' }).status,
    ).toBe('expired');
  });

  it('treats equipment not yet accepted as the installer’s responsibility', () => {
    const c = coverage({
      asset: { acceptanceDate: null },
      terms: DEFAULT_TERMS,
      date: '2026-06-01',
      cause: 'normal_failure',
    });
    expect(c.status).toBe('not_accepted');
    expect(c.free.parts).toBe(true);
  });

  it('uses a replacement’s own window', () => {
    const asset = { acceptanceDate: '2020-01-01', warrantyStart: '2026-05-01', warrantyEnd: '2027-01-01' };
    expect(
      coverage({ asset, terms: DEFAULT_TERMS, date: '2026-12-31', cause: 'normal_failure' }).status,
    ).toBe('in_warranty');
    expect(
      coverage({ asset, terms: DEFAULT_TERMS, date: '2027-01-01', cause: 'normal_failure' }).status,
    ).toBe('latent_defect');
  });
});

describe('extended warranty', () => {
  it('篇4 c.2 在延长的质量保证期内…提供免费保修,包括由此发生往返现场的一切费用: labour, travel and parts free', () => {
    const asset = { acceptanceDate: '2020-01-01' };
    const extension = {
      ref: 'YB-1',
      start: '2023-01-01',
      end: '2025-12-31',
      coversLabour: false,
      coversTravel: false,
      coversParts: false,
      extendsWarranty: true,
    };
    fc.assert(
      fc.property(fc.constantFrom('normal_failure', 'unknown') as fc.Arbitrary<Cause>, (cause) => {
        const c = coverage({
          asset,
          terms: { ...DEFAULT_TERMS, agreements: [extension] },
          date: '2024-06-01',
          cause,
        });
        expect(c.free).toEqual({ labour: true, travel: true, parts: true });
        expect(c.partsPricing).toBe('free');
        expect(c.reasons.map((r) => r.code)).toEqual(['extended_warranty']);
      }),
    );
    const damaged = coverage({
      asset,
      terms: { ...DEFAULT_TERMS, agreements: [extension] },
      date: '2024-06-01',
      cause: 'human_damage',
    });
    expect(damaged.free.parts).toBe(false);
  });
});

describe('at cost', () => {
  const arbExcluded = fc.constantFrom<Cause>('human_damage', 'force_majeure');
  const window = (acc: string, terms: WarrantyTerms) => {
    const end = addMonths(acc, terms.warrantyMonths);
    return { end, latentEnd: addMonths(end, terms.latentDefectMonths) };
  };

  it('篇4 g.7 保修期内非产品自身质量原因的故障维修或部件更换,将只收取成本费: in warranty, human damage and force majeure are charged at cost, never by the fee schedule', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbTerms, arbExcluded, fc.boolean(), (acc, date, terms, cause, life) => {
        const c = coverage({
          asset: accepted(acc),
          terms: { ...terms, lifetimeCostRepair: life },
          date,
          cause,
        });
        const inWarranty = acc <= date && date < window(acc, terms).end;
        expect(c.pricing === 'cost').toBe(inWarranty || (life && date >= window(acc, terms).end));
        if (inWarranty) {
          expect(c.status).toBe('in_warranty');
          expect(c.free).toEqual({ labour: false, travel: false, parts: false });
          expect(c.partsPricing).toBe('cost');
          expect(c.reasons.map((r) => r.code)).toContain('at_cost_in_warranty');
        }
      }),
    );
  });

  it('篇4 g.7: a fault the product caused stays free in warranty, not at cost', () => {
    fc.assert(
      fc.property(
        arbDate,
        arbTerms,
        fc.constantFrom<Cause>(
          'normal_failure',
          'design_defect',
          'material_defect',
          'workmanship',
          'unknown',
        ),
        (acc, terms, cause) => {
          fc.pre(terms.warrantyMonths > 0);
          const c = coverage({ asset: accepted(acc), terms, date: acc, cause });
          expect(c.pricing).toBe('free');
          expect(c.reasons.map((r) => r.code)).not.toContain('at_cost_in_warranty');
        },
      ),
    );
  });

  it('篇4 g.7 in the extended warranty (篇4 c.2 counts it as the warranty): human damage at cost', () => {
    const extension = {
      ref: 'YB-1',
      start: '2023-01-01',
      end: '2025-12-31',
      coversLabour: true,
      coversTravel: true,
      coversParts: true,
      extendsWarranty: true,
    };
    const c = coverage({
      asset: accepted('2020-01-01'),
      terms: { ...DEFAULT_TERMS, agreements: [extension] },
      date: '2024-06-01',
      cause: 'human_damage',
    });
    expect(c).toMatchObject({ status: 'service_agreement', pricing: 'cost', partsPricing: 'cost' });
    expect(c.reasons.map((r) => r.code)).toEqual(['human_damage_excluded', 'at_cost_in_warranty']);
    expect(c.reasons[1]!.params).toEqual({ ref: 'YB-1' });
  });

  it('篇4 g.8 保修期过后,为用户提供终身成本价的故障维修或部件更换: after the warranty everything charged is at cost when the contract says so, by the fee schedule when not', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbTerms, arbCause, (acc, date, terms, cause) => {
        const { end, latentEnd } = window(acc, terms);
        fc.pre(date >= end);
        const without = coverage({ asset: accepted(acc), terms, date, cause });
        const life = coverage({
          asset: accepted(acc),
          terms: { ...terms, lifetimeCostRepair: true },
          contractRef: 'HT-1',
          date,
          cause,
        });
        const latentCovered =
          date < latentEnd && ['design_defect', 'material_defect', 'workmanship'].includes(cause);
        if (latentCovered) {
          // A covered latent defect stays free (篇4 c.3), with or without the flag.
          expect(life.pricing).toBe('free');
          expect(without.pricing).toBe('free');
          return;
        }
        expect(without.pricing).toBe('fee_schedule');
        expect(without.partsPricing).toBe('factory_price');
        expect(life.pricing).toBe('cost');
        expect(life.partsPricing).toBe('cost');
        expect(life.status).toBe(without.status);
        expect(life.reasons.at(-1)).toMatchObject({ code: 'lifetime_cost_repair', params: { ref: 'HT-1' } });
        expect(life.reasons.map((r) => r.code)).not.toContain('expired');
      }),
    );
  });

  it('篇4 g.8 with a service agreement: what the agreement covers stays free, the rest is at cost', () => {
    const terms: WarrantyTerms = {
      ...DEFAULT_TERMS,
      lifetimeCostRepair: true,
      agreements: [
        {
          ref: 'WB-1',
          start: '2027-01-01',
          end: null,
          coversLabour: true,
          coversTravel: true,
          coversParts: false,
        },
      ],
    };
    const c = coverage({ asset: accepted('2025-01-01'), terms, date: '2028-06-01', cause: 'normal_failure' });
    expect(c).toMatchObject({
      status: 'service_agreement',
      free: { labour: true, travel: true, parts: false },
      pricing: 'cost',
      partsPricing: 'cost',
    });
    // "Out of warranty: parts at factory price" would contradict the lifetime promise: not said.
    expect(c.reasons.map((r) => r.code)).toEqual(['service_agreement', 'lifetime_cost_repair']);
  });

  it('before acceptance the flag changes nothing: the installer answers for the works', () => {
    const c = coverage({
      asset: { acceptanceDate: null },
      terms: { ...DEFAULT_TERMS, lifetimeCostRepair: true },
      date: '2026-06-01',
      cause: 'human_damage',
    });
    expect(c).toMatchObject({ status: 'not_accepted', pricing: 'fee_schedule' });
  });
});

describe('repairs and replacement', () => {
  it('replaces a component on what would be its 4th repair, and the unit before the component', () => {
    expect(repairDecision({ componentRepairs: 2, unitRepairs: 2 }).decision).toBe('repair');
    expect(repairDecision({ componentRepairs: 3, unitRepairs: 2 }).decision).toBe('replace_component');
    expect(repairDecision({ componentRepairs: 3, unitRepairs: 3 }).decision).toBe('replace_unit');
    expect(repairDecision({ componentRepairs: 1, unitRepairs: 5, maxRepairs: 5 }).decision).toBe(
      'replace_unit',
    );
  });

  it('篇4 c.2(1) 部件维修超过3次予以更换部件, 整机维修超过3次更换整机: the count decides, component and unit apart', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 30 }),
        fc.nat({ max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (componentRepairs, unitRepairs, maxRepairs) => {
          const d = repairDecision({ componentRepairs, unitRepairs, maxRepairs }).decision;
          if (unitRepairs >= maxRepairs) expect(d).toBe('replace_unit');
          else if (componentRepairs >= maxRepairs) expect(d).toBe('replace_component');
          else expect(d).toBe('repair');
        },
      ),
    );
    // A component past the limit on a unit never repaired as a whole: the component alone.
    expect(repairDecision({ componentRepairs: 3, unitRepairs: 0 }).decision).toBe('replace_component');
  });

  it('篇4 c.3 潜在缺陷期内的设计、材料、工艺缺陷予以无条件更换: a covered latent defect is replaced, whatever the counts', () => {
    fc.assert(
      fc.property(fc.nat({ max: 30 }), fc.nat({ max: 30 }), (componentRepairs, unitRepairs) => {
        expect(repairDecision({ componentRepairs, unitRepairs, latentDefect: 'component' }).decision).toBe(
          'replace_component',
        );
        expect(repairDecision({ componentRepairs, unitRepairs, latentDefect: 'unit' }).decision).toBe(
          'replace_unit',
        );
      }),
    );
  });

  it('a replacement inherits the remaining period (never less), or restarts when configured', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbTerms, (oldEnd, replacedOn, terms) => {
        const r = replacementWarranty({ oldWarrantyEnd: oldEnd, replacedOn, terms });
        expect(r.start).toBe(replacedOn);
        if (terms.replacementPolicy === 'inherit' && oldEnd > replacedOn) {
          expect(r.end).toBe(oldEnd);
          expect(r.basis).toBe('inherited');
        } else {
          expect(r.end).toBe(addMonths(replacedOn, terms.warrantyMonths));
        }
        expect(r.end >= replacedOn).toBe(true);
      }),
    );
  });

  it('keeps spare parts under shelf warranty for the contract limit', () => {
    expect(isShelfWarrantyValid('2021-03-31', '2026-03-30', DEFAULT_TERMS)).toBe(true);
    expect(isShelfWarrantyValid('2021-03-31', '2026-03-31', DEFAULT_TERMS)).toBe(false);
  });
});

describe('warranty deposit', () => {
  it('never goes negative: the balance is the sum of accepted entries and rejected ones change nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('deposit' as const, 'deduction' as const, 'release' as const),
            amountFen: fc.integer({ min: -5, max: 100_000 }),
          }),
        ),
        (entries) => {
          let balance = 0;
          let expected = 0;
          for (const e of entries) {
            const r = applyDepositEntry(balance, e);
            if (r.ok) {
              expected += e.kind === 'deposit' ? e.amountFen : -e.amountFen;
              balance = r.balanceFen;
            }
            expect(balance).toBe(expected);
            expect(balance).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});

describe('expiry reminders', () => {
  it('lists the periods ending within the window', () => {
    const asset = accepted('2025-12-20');
    expect(expiringWithin(asset, DEFAULT_TERMS, '2026-11-24', 60)).toEqual([
      { period: 'warranty', endsOn: '2026-12-20', daysLeft: 26 },
    ]);
    expect(expiringWithin(asset, DEFAULT_TERMS, '2026-09-01', 60)).toEqual([]);
  });
});

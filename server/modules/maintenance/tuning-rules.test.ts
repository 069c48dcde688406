import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../common/calendar-dates.ts';
import { proposeInterval, type TuningInput } from './tuning-rules.ts';

const visitsEvery = (assetId: string, from: string, months: number, count: number, findings = false) =>
  Array.from({ length: count }, (_, k) => ({ assetId, on: addMonths(from, k * months), findings }));

const base = (over: Partial<TuningInput>): TuningInput => ({
  intervalMonths: 3,
  assetIds: ['a', 'b'],
  visits: [],
  failures: [],
  today: '2026-12-01',
  cleanVisitsNeeded: 4,
  findingsSource: 'visit_checklists',
  ...over,
});

describe('plan tuning rule', () => {
  it('proposes a shorter interval when failures come before the next visit (MTBF below the interval)', () => {
    const p = proposeInterval(
      base({
        visits: [...visitsEvery('a', '2026-06-01', 3, 2), ...visitsEvery('b', '2026-06-01', 3, 2)],
        failures: [
          { assetId: 'a', on: '2026-07-01' },
          { assetId: 'a', on: '2026-09-20' },
          { assetId: 'b', on: '2026-07-15' },
          { assetId: 'b', on: '2026-10-01' },
          { assetId: 'b', on: '2026-10-20' },
        ],
      }),
    );
    expect(p).toMatchObject({ direction: 'shorter', proposedMonths: 2 });
    expect(p!.evidence).toMatchObject({
      failures: 5,
      failuresBeforeNextVisit: 5,
      rule: 'failures_before_next_visit',
    });
    expect(p!.evidence.mtbfDays).toBeCloseTo((183 * 2) / 5, 0);
  });

  it('does not shorten on a single failure, nor below one month', () => {
    expect(
      proposeInterval(
        base({
          visits: visitsEvery('a', '2026-06-01', 3, 2),
          failures: [{ assetId: 'a', on: '2026-07-01' }],
        }),
      ),
    ).toBeNull();
    const monthly = proposeInterval(
      base({
        intervalMonths: 1,
        assetIds: ['a'],
        visits: visitsEvery('a', '2026-06-01', 1, 3),
        failures: [
          { assetId: 'a', on: '2026-06-10' },
          { assetId: 'a', on: '2026-07-10' },
        ],
      }),
    );
    expect(monthly).toBeNull();
  });

  it('proposes a shorter interval when dangers keep being found', () => {
    const p = proposeInterval(base({ assetIds: ['a'], visits: visitsEvery('a', '2026-01-01', 3, 4, true) }));
    expect(p).toMatchObject({
      direction: 'shorter',
      proposedMonths: 2,
      evidence: { rule: 'dangers_keep_being_found' },
    });
  });

  it('proposes a longer interval after N clean visits in a row on every asset with no failure', () => {
    const p = proposeInterval(
      base({ visits: [...visitsEvery('a', '2025-09-01', 3, 5), ...visitsEvery('b', '2025-09-01', 3, 4)] }),
    );
    expect(p).toMatchObject({ direction: 'longer', proposedMonths: 6 });
    expect(p!.evidence).toMatchObject({ cleanVisitsInRow: 4, failures: 0, rule: 'clean_visits_no_failure' });
  });

  it('does not lengthen when one asset has fewer than N clean visits, or a failure came since', () => {
    expect(
      proposeInterval(
        base({ visits: [...visitsEvery('a', '2025-09-01', 3, 5), ...visitsEvery('b', '2025-09-01', 3, 3)] }),
      ),
    ).toBeNull();
    expect(
      proposeInterval(
        base({
          visits: [...visitsEvery('a', '2025-09-01', 3, 4), ...visitsEvery('b', '2025-09-01', 3, 4)],
          failures: [{ assetId: 'b', on: '2026-05-01' }],
        }),
      ),
    ).toBeNull();
    // N is the setting: 5 needed, 4 clean.
    expect(
      proposeInterval(
        base({
          cleanVisitsNeeded: 5,
          visits: [...visitsEvery('a', '2025-09-01', 3, 4), ...visitsEvery('b', '2025-09-01', 3, 4)],
        }),
      ),
    ).toBeNull();
  });
});

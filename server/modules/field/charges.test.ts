// The charge lines as pure arithmetic: travel is the kilometres entered × the rate per km (not a fee
// per trip), labour is billed by the started hour, and what is free says so.
import { describe, expect, it } from 'vitest';
import { chargeLines } from './charges.ts';

const paid = { labour: false, travel: false, parts: false };

describe('chargeLines', () => {
  it('prices travel as km × the rate per km, rounded to the fen', () => {
    const [travel] = chargeLines({
      free: paid,
      fees: { labour: 20_000, travel: 250 },
      atCost: false,
      minutes: null,
      km: 18.5,
      parts: [],
    });
    expect(travel).toMatchObject({ item: 'travel', quantity: 18.5, unitFen: 250, amountFen: 4_625 });
    expect(travel?.basis).toBe('fee_schedule');
  });

  it('charges no travel until kilometres are entered, and grows with the distance', () => {
    const sheet = (km: number | null) =>
      chargeLines({
        free: paid,
        fees: { labour: 1, travel: 200 },
        atCost: false,
        minutes: null,
        km,
        parts: [],
      })[0];
    expect(sheet(null)).toMatchObject({ quantity: 0, amountFen: 0 });
    expect(sheet(10)?.amountFen).toBe(2_000);
    expect(sheet(20)?.amountFen).toBe(4_000);
  });

  it('keeps the kilometres of a free visit on the sheet at no charge', () => {
    const [travel] = chargeLines({
      free: { labour: true, travel: true, parts: true },
      fees: { labour: 20_000, travel: 200 },
      atCost: false,
      minutes: 30,
      km: 7,
      parts: [],
    });
    expect(travel).toMatchObject({ quantity: 7, unitFen: 0, amountFen: 0, basis: 'warranty', entered: 7 });
  });

  it('prices travel at cost with the cost rate, and says so when there is no rate', () => {
    const atCost = chargeLines({
      free: paid,
      fees: { labour: 8_000, travel: 100 },
      atCost: true,
      minutes: 90,
      km: 30,
      parts: [],
    });
    expect(atCost.map((l) => [l.item, l.quantity, l.amountFen, l.basis])).toEqual([
      ['travel', 30, 3_000, 'at_cost'],
      ['labour', 2, 16_000, 'at_cost'],
    ]);
    const noRate = chargeLines({
      free: paid,
      fees: { labour: undefined, travel: 0 },
      atCost: false,
      minutes: 60,
      km: 5,
      parts: [],
    });
    expect(noRate.map((l) => [l.item, l.amountFen, l.basis])).toEqual([
      ['travel', 0, 'no_fee_schedule'],
      ['labour', 0, 'no_fee_schedule'],
    ]);
  });
});

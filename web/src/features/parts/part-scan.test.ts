import { describe, expect, it } from 'vitest';
import { matchScan, parseScan } from './part-scan.ts';

const lines = [
  { partNumber: 'DRV-150W', batchCode: 'B1', condition: 'defective' },
  { partNumber: 'DRV-150W', batchCode: 'B1', condition: 'good' },
  { partNumber: 'DRV-150W', batchCode: 'R20261201', condition: 'good' },
  { partNumber: 'FUSE-10A', batchCode: 'B7', condition: 'good' },
];

describe('part and batch scans', () => {
  it('reads a bare code, or part*batch', () => {
    expect(parseScan('  drv-150w\n')).toEqual({ partNumber: null, batchCode: null, either: 'DRV-150W' });
    expect(parseScan('DRV-150W*b1')).toEqual({ partNumber: 'DRV-150W', batchCode: 'B1', either: null });
    expect(parseScan('*B1')).toEqual({ partNumber: null, batchCode: 'B1', either: null });
    expect(parseScan('   ').either).toBeNull();
  });

  it('finds a part by its number, good condition first, ignoring case', () => {
    const found = matchScan(lines, 'drv-150w');
    expect(found).toHaveLength(3);
    expect(found[0]).toBe(lines[1]);
    expect(found[2]).toBe(lines[0]);
  });

  it('finds the line of a part in one batch from a combined code', () => {
    expect(matchScan(lines, 'DRV-150W*R20261201')).toEqual([lines[2]]);
    expect(matchScan(lines, 'FUSE-10A*B1')).toEqual([]);
  });

  it('tries a bare code that is no part number as a batch code', () => {
    expect(matchScan(lines, 'B7')).toEqual([lines[3]]);
    expect(matchScan(lines, '*B1')).toEqual([lines[1], lines[0]]);
  });

  it('matches nothing for an unknown code', () => {
    expect(matchScan(lines, 'NOPE-1')).toEqual([]);
    expect(matchScan(lines, '')).toEqual([]);
  });

  it('works on lists without batches (a van stock pick list)', () => {
    const van = [{ partNumber: 'FUSE-10A' }, { partNumber: 'DRV-150W' }];
    expect(matchScan(van, 'drv-150w')).toEqual([van[1]]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TChecklistItem } from './maintenance-api.ts';
import { answerProblem, isDanger, unanswered } from './maintenance-visit-rules.ts';

const item = (over: Partial<TChecklistItem>): TChecklistItem => ({
  key: 'k',
  label: '绝缘电阻',
  kind: 'check',
  required: true,
  photoRequired: false,
  unit: null,
  min: null,
  max: null,
  ...over,
});
const answer = (over: Partial<Parameters<typeof isDanger>[1]> = {}) => ({
  result: null,
  value: null,
  text: null,
  note: null,
  photoIds: [] as string[],
  ...over,
});
const insulation = item({ kind: 'measurement', unit: 'MΩ', min: 20 });

describe('checklist answers', () => {
  it('marks a failed check and a measurement outside its range as hidden dangers', () => {
    expect(isDanger(item({}), answer({ result: 'fail' }))).toBe(true);
    expect(isDanger(item({}), answer({ result: 'na' }))).toBe(false);
    expect(isDanger(insulation, answer({ value: 19.9 }))).toBe(true);
    expect(isDanger(insulation, answer({ value: 20 }))).toBe(false);
    expect(
      isDanger(item({ kind: 'measurement', unit: 'V', min: 200, max: 240 }), answer({ value: 241 })),
    ).toBe(true);
  });
  it('asks a hidden danger for a note and then a photo', () => {
    expect(answerProblem(insulation, answer({ value: 5 }))?.field).toBe('note');
    expect(answerProblem(insulation, answer({ value: 5, note: '受潮' }))?.field).toBe('photoIds');
    expect(answerProblem(insulation, answer({ value: 5, note: '受潮', photoIds: ['p'] }))).toBeNull();
    expect(answerProblem(insulation, answer({ value: 25 }))).toBeNull();
  });
  it('asks each kind for its own answer', () => {
    expect(answerProblem(item({}), answer())?.field).toBe('result');
    expect(answerProblem(insulation, answer({ result: 'pass' }))?.field).toBe('result');
    expect(answerProblem(item({ kind: 'reading' }), answer({ text: '12345' }))).toBeNull();
    expect(answerProblem(item({ kind: 'photo' }), answer())?.field).toBe('photoIds');
    expect(answerProblem(item({ photoRequired: true }), answer({ result: 'pass' }))?.field).toBe('photoIds');
  });
  it('lists the required entries without an answer', () => {
    const list = [item({ key: 'a' }), item({ key: 'b', required: false }), item({ key: 'c' })];
    expect(unanswered(list, new Set(['a'])).map((i) => i.key)).toEqual(['c']);
  });
});

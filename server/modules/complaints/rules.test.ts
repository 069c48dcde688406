// The complaint's step rules and its deadlines as SLA-like targets.
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_SETTINGS } from '../../../common/complaints-api.ts';
import {
  canDo,
  canForceClose,
  type DeadlineFacts,
  deadlinesOf,
  dueLevels,
  nextFlagAfterChange,
  stateOf,
} from './rules.ts';

const at = (iso: string) => new Date(iso);
const base: DeadlineFacts = {
  status: 'accepted',
  defect: false,
  receivedAt: at('2026-03-01T00:00:00Z'),
  handledAt: null,
  lastHandledAt: null,
  solutionAt: null,
  onSiteAt: null,
  replacedAt: null,
  feedbackAt: null,
  round: 1,
};
const S = DEFAULT_COMPLAINT_SETTINGS;

describe('steps', () => {
  it('follows accepted → investigating → handled → feedback → satisfied → closed', () => {
    expect(canDo('investigate', 'accepted')).toBe(true);
    expect(canDo('handle', 'accepted')).toBe(false);
    expect(canDo('handle', 'investigating')).toBe(true);
    expect(canDo('ask_feedback', 'handled')).toBe(true);
    expect(canDo('feedback', 'feedback')).toBe(true);
    expect(canDo('feedback', 'handled')).toBe(true);
    expect(canDo('feedback', 'investigating')).toBe(false);
    expect(canDo('close', 'satisfied')).toBe(true);
    expect(canDo('close', 'handled')).toBe(false);
    expect(canForceClose('investigating')).toBe(true);
    expect(canForceClose('closed')).toBe(false);
  });
});

describe('deadlines', () => {
  it('has the handling target only, unless a defect was found (篇4 c.4: 24 / 48 / 72 h)', () => {
    expect(deadlinesOf(base, S).map((d) => d.target)).toEqual(['handle']);
    const defect = deadlinesOf({ ...base, defect: true }, S);
    expect(defect.map((d) => [d.target, d.dueAt.toISOString()])).toEqual([
      ['handle', '2026-03-02T00:00:00.000Z'],
      ['on_site', '2026-03-02T00:00:00.000Z'],
      ['solution', '2026-03-03T00:00:00.000Z'],
      ['replacement', '2026-03-04T00:00:00.000Z'],
    ]);
  });

  it('runs the feedback target from the latest handling, met only by an answer after it', () => {
    const handled = {
      ...base,
      handledAt: at('2026-03-01T10:00:00Z'),
      lastHandledAt: at('2026-03-05T10:00:00Z'),
    };
    const answeredBefore = deadlinesOf({ ...handled, feedbackAt: at('2026-03-02T10:00:00Z') }, S);
    const fb = answeredBefore.find((d) => d.target === 'feedback')!;
    expect(fb.dueAt.toISOString()).toBe('2026-03-06T10:00:00.000Z');
    expect(fb.metAt).toBeNull();
    const answered = deadlinesOf({ ...handled, feedbackAt: at('2026-03-05T12:00:00Z') }, S);
    expect(answered.find((d) => d.target === 'feedback')!.metAt).not.toBeNull();
  });

  it('states: running, warning, breached, met, met late', () => {
    const [d] = deadlinesOf(base, S);
    expect(stateOf(d!, at('2026-03-01T19:59:00Z'))).toBe('running');
    expect(stateOf(d!, at('2026-03-01T20:00:00Z'))).toBe('warning');
    expect(stateOf(d!, at('2026-03-02T00:00:00Z'))).toBe('breached');
    expect(stateOf({ ...d!, metAt: at('2026-03-01T23:00:00Z') }, at('2026-03-09T00:00:00Z'))).toBe('met');
    expect(stateOf({ ...d!, metAt: at('2026-03-02T01:00:00Z') }, at('2026-03-09T00:00:00Z'))).toBe(
      'met_late',
    );
  });

  it('fires the levels due and says when to look next; a closed complaint fires nothing', () => {
    const ds = deadlinesOf({ ...base, defect: true }, S);
    expect(dueLevels(ds, at('2026-03-01T10:00:00Z'), false)).toEqual({
      fire: [],
      next: at('2026-03-01T20:00:00Z'),
    });
    const warn = dueLevels(ds, at('2026-03-01T21:00:00Z'), false);
    expect(warn.fire).toEqual([
      { target: 'handle', level: 'warning' },
      { target: 'on_site', level: 'warning' },
    ]);
    expect(warn.next).toEqual(at('2026-03-02T00:00:00Z'));
    const late = dueLevels(ds, at('2026-03-03T01:00:00Z'), false);
    expect(late.fire.map((f) => `${f.target}:${f.level}`)).toEqual([
      'handle:breach',
      'on_site:breach',
      'solution:breach',
    ]);
    expect(late.next).toEqual(at('2026-03-03T20:00:00Z'));
    expect(dueLevels(ds, at('2026-03-03T01:00:00Z'), true)).toEqual({ fire: [], next: null });
    expect(nextFlagAfterChange(ds, false)).toEqual(at('2026-03-01T20:00:00Z'));
    expect(nextFlagAfterChange(ds, true)).toBeNull();
  });
});

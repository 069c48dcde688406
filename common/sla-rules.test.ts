import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessSecondsBetween, calendar24x7, officeCalendar } from './business-calendar.ts';
import {
  type LogEntry,
  type Policy,
  projectTarget,
  raisedPriority,
  selectPolicy,
  type TargetDefinition,
  type TicketFacts,
} from './sla-rules.ts';

const cal = calendar24x7('Asia/Shanghai');
const T0 = new Date('2026-11-24T02:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const def: TargetDefinition = {
  metric: 'fix',
  start: 'arrived_on_site',
  stop: ['resolved', 'temporary_solution'],
  pauseStatuses: ['waiting_customer'],
  durationMinutes: 120,
  calendarId: null,
  warnMinutes: 30,
  escalations: [],
};
const opened: LogEntry[] = [
  { event: 'status', status: 'new', at: T0 },
  { event: 'created', at: T0 },
];

describe('projectTarget', () => {
  it('waits for its start event, then runs, warns and is due', () => {
    expect(projectTarget(def, opened, cal, at(10)).state).toBe('pending');
    const log: LogEntry[] = [...opened, { event: 'arrived_on_site', at: at(10) }];
    expect(projectTarget(def, log, cal, at(20))).toMatchObject({
      state: 'running',
      startedAt: at(10),
      dueAt: at(130),
      warnAt: at(100),
      breached: false,
      elapsed: 600,
    });
    expect(projectTarget(def, log, cal, at(140))).toMatchObject({ breached: true, breachedBy: 600 });
  });

  it('pauses while waiting on the customer and carries the due time over the pause', () => {
    const log: LogEntry[] = [
      ...opened,
      { event: 'arrived_on_site', at: at(0) },
      { event: 'status', status: 'waiting_customer', at: at(30) },
    ];
    expect(projectTarget(def, log, cal, at(60))).toMatchObject({ state: 'paused', dueAt: null });
    log.push({ event: 'status', status: 'in_progress', at: at(90) });
    expect(projectTarget(def, log, cal, at(100))).toMatchObject({ state: 'running', dueAt: at(180) });
  });

  it('is met by the first stop event after its start, late or not', () => {
    const log: LogEntry[] = [
      ...opened,
      { event: 'resolved', at: at(5) }, // before the start: does not count
      { event: 'arrived_on_site', at: at(10) },
      { event: 'temporary_solution', at: at(200) },
      { event: 'resolved', at: at(300) },
    ];
    expect(projectTarget(def, log, cal, at(400))).toMatchObject({
      state: 'met',
      metAt: at(200),
      breached: true,
      breachedBy: 70 * 60,
    });
  });

  it('is cancelled when the ticket is resolved or closed before it started', () => {
    const log: LogEntry[] = [...opened, { event: 'status', status: 'closed', at: at(5) }];
    expect(projectTarget(def, log, cal, at(10)).state).toBe('cancelled');
    const resolved: LogEntry[] = [...opened, { event: 'status', status: 'resolved', at: at(5) }];
    expect(projectTarget(def, resolved, cal, at(10)).state).toBe('cancelled');
  });

  it('ends with the resolution of the ticket, except targets that start there', () => {
    const response = {
      ...def,
      metric: 'response',
      start: 'created' as const,
      stop: ['first_public_reply' as const],
    };
    const log: LogEntry[] = [
      ...opened,
      { event: 'status', status: 'resolved', at: at(30) },
      { event: 'resolved', at: at(30) },
    ];
    expect(projectTarget(response, log, cal, at(60))).toMatchObject({ state: 'met', metAt: at(30) });
    const followUp = {
      ...def,
      metric: 'follow_up',
      start: 'resolved' as const,
      stop: ['follow_up_done' as const],
    };
    log.push({ event: 'status', status: 'closed', at: at(40) }, { event: 'closed', at: at(40) });
    expect(projectTarget(followUp, log, cal, at(60))).toMatchObject({ state: 'running', startedAt: at(30) });
  });

  it('for any pauses, elapsed plus paused business time is the business time since the start', () => {
    const office = officeCalendar('Asia/Shanghai');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 0, maxLength: 8 }), (gaps) => {
        const log: LogEntry[] = [...opened, { event: 'arrived_on_site', at: at(0) }];
        let t = 0;
        gaps.forEach((g, i) => {
          t += g;
          log.push({ event: 'status', status: i % 2 ? 'in_progress' : 'waiting_customer', at: at(t) });
        });
        const now = at(t + 60);
        const p = projectTarget({ ...def, durationMinutes: 100_000 }, log, office, now);
        const paused = p.pauses.reduce(
          (sum, x) => sum + businessSecondsBetween(office, x.from, x.to ?? now),
          0,
        );
        expect(p.elapsed + paused).toBe(businessSecondsBetween(office, at(0), now));
        if (p.state !== 'paused') expect(p.dueAt).not.toBeNull();
      }),
      { numRuns: 100 },
    );
    // 100 projections over business calendars: a few seconds on a busy 2-core machine.
  }, 30_000);
});

describe('selectPolicy', () => {
  const policy = (
    id: string,
    position: number,
    conditions: Policy['conditions'],
    isDefault = false,
  ): Policy => ({
    id,
    name: id,
    position,
    active: true,
    isDefault,
    conditions,
    targets: [],
    version: 1,
  });
  const facts: TicketFacts = {
    kind: 'fault_report',
    priority: 'normal',
    emergency: true,
    complexity: 'general',
    customerId: 'c1',
    contractTier: 'priority',
    region: '杭州市',
  };
  const policies = [
    policy('default', 99, {}, true),
    policy('fault', 30, { kinds: ['fault_report'] }),
    policy('emergency', 10, { kinds: ['fault_report'], emergency: true }),
    policy('hz', 5, { regions: ['深圳市'] }),
  ];
  it('takes the first match by position, else the default', () => {
    expect(selectPolicy(policies, facts)?.id).toBe('emergency');
    expect(selectPolicy(policies, { ...facts, emergency: false })?.id).toBe('fault');
    expect(selectPolicy(policies, { ...facts, kind: 'complaint' })?.id).toBe('default');
    expect(selectPolicy(policies, { ...facts, region: '深圳市' })?.id).toBe('hz');
    expect(selectPolicy([{ ...policies[2]!, active: false }], facts)).toBeNull();
  });
  it('matches contract tiers and customers', () => {
    const tiers = [policy('tier', 1, { contractTiers: ['priority'], customerIds: ['c1'] })];
    expect(selectPolicy(tiers, facts)?.id).toBe('tier');
    expect(selectPolicy(tiers, { ...facts, contractTier: null })).toBeNull();
  });
  it('raises priority one step, up to urgent', () => {
    expect(raisedPriority('normal')).toBe('high');
    expect(raisedPriority('urgent')).toBe('urgent');
  });
});

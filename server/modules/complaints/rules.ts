// Pure rules of a complaint (投诉, 篇1 六): which step may follow which, and the deadlines as SLA-like
// targets — due time, warning time, state — with the next time the sweep has something to fire.
import type { TComplaintStatus, TComplaintTarget } from '../../../common/complaints-api.ts';

export type ComplaintAction =
  | 'investigate'
  | 'findings'
  | 'handle'
  | 'progress'
  | 'ask_feedback'
  | 'feedback'
  | 'close';

const ALLOWED: Record<ComplaintAction, readonly TComplaintStatus[]> = {
  investigate: ['accepted', 'investigating'],
  findings: ['investigating', 'handled', 'feedback'],
  handle: ['investigating'],
  progress: ['handled', 'feedback'],
  ask_feedback: ['handled'],
  // The complainant answers once handled: asked by the follow-up, or on their own in the portal.
  feedback: ['handled', 'feedback'],
  close: ['satisfied'],
};

export function canDo(action: ComplaintAction, status: TComplaintStatus): boolean {
  return ALLOWED[action].includes(status);
}

/** A manager may close any complaint not yet closed, with a reason. */
export const canForceClose = (status: TComplaintStatus) => status !== 'closed';

export interface DeadlineSettings {
  handleHours: number;
  onSiteHours: number;
  solutionHours: number;
  replacementHours: number;
  feedbackHours: number;
  warningLeadHours: number;
}

export interface DeadlineFacts {
  status: TComplaintStatus;
  defect: boolean;
  receivedAt: Date;
  handledAt: Date | null;
  lastHandledAt: Date | null;
  solutionAt: Date | null;
  onSiteAt: Date | null;
  replacedAt: Date | null;
  feedbackAt: Date | null;
  round: number;
}

export interface Deadline {
  target: TComplaintTarget;
  dueAt: Date;
  warnAt: Date;
  metAt: Date | null;
}

const HOUR = 3_600_000;
const plus = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR);

/**
 * The targets of a complaint: handling from acceptance; for a defect on site, solution and
 * replacement from acceptance (篇4 c.4); feedback from the latest handling. A target is met at its
 * step's time. A closed complaint has nothing running.
 */
export function deadlinesOf(c: DeadlineFacts, s: DeadlineSettings): Deadline[] {
  const out: Deadline[] = [];
  const add = (target: TComplaintTarget, from: Date, hours: number, metAt: Date | null) => {
    const dueAt = plus(from, hours);
    out.push({ target, dueAt, warnAt: plus(dueAt, -Math.min(s.warningLeadHours, hours)), metAt });
  };
  add('handle', c.receivedAt, s.handleHours, c.handledAt);
  if (c.defect) {
    add('on_site', c.receivedAt, s.onSiteHours, c.onSiteAt);
    add('solution', c.receivedAt, s.solutionHours, c.solutionAt);
    add('replacement', c.receivedAt, s.replacementHours, c.replacedAt);
  }
  // The feedback of the current round: due after its handling, met by the answer given after it.
  if (c.lastHandledAt) {
    const answered =
      c.feedbackAt && c.feedbackAt.getTime() >= c.lastHandledAt.getTime() ? c.feedbackAt : null;
    add('feedback', c.lastHandledAt, s.feedbackHours, answered);
  }
  return out;
}

export type DeadlineState = 'running' | 'warning' | 'breached' | 'met' | 'met_late';

export function stateOf(d: Deadline, now: Date): DeadlineState {
  if (d.metAt) return d.metAt.getTime() <= d.dueAt.getTime() ? 'met' : 'met_late';
  if (now.getTime() >= d.dueAt.getTime()) return 'breached';
  if (now.getTime() >= d.warnAt.getTime()) return 'warning';
  return 'running';
}

/** The levels due now for targets not met, and when the next one falls due (null: none left). */
export function dueLevels(
  deadlines: readonly Deadline[],
  now: Date,
  closed: boolean,
): { fire: { target: TComplaintTarget; level: 'warning' | 'breach' }[]; next: Date | null } {
  const fire: { target: TComplaintTarget; level: 'warning' | 'breach' }[] = [];
  let next: number | null = null;
  if (closed) return { fire, next: null };
  for (const d of deadlines) {
    if (d.metAt) continue;
    const t = now.getTime();
    if (t >= d.dueAt.getTime()) fire.push({ target: d.target, level: 'breach' });
    else {
      if (t >= d.warnAt.getTime()) fire.push({ target: d.target, level: 'warning' });
      const upcoming = t >= d.warnAt.getTime() ? d.dueAt.getTime() : d.warnAt.getTime();
      next = next === null ? upcoming : Math.min(next, upcoming);
    }
  }
  return { fire, next: next === null ? null : new Date(next) };
}

/**
 * After a change: when the sweep should look at a complaint — the earliest warning of a target not
 * met (already past: at once; what has fired before is kept once by the flag's key).
 */
export function nextFlagAfterChange(deadlines: readonly Deadline[], closed: boolean): Date | null {
  if (closed) return null;
  const open = deadlines.filter((d) => !d.metAt).map((d) => d.warnAt.getTime());
  return open.length ? new Date(Math.min(...open)) : null;
}

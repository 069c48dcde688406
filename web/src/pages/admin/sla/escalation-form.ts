// Escalation levels as the policy form edits them: "N minutes before/after the deadline" and a list of
// actions in words, converted to and from the API's offsetMinutes and typed actions.
import type { EscalationAction, EscalationLevel } from '../../../../../common/sla-rules.ts';

export type ActionKind = EscalationAction['type'];

export interface ActionForm {
  type: ActionKind;
  to?: Extract<EscalationAction, { type: 'notify' }>['to'];
  channels?: Extract<EscalationAction, { type: 'notify' }>['channels'];
  userId?: string;
}

export interface LevelForm {
  when: 'before' | 'after';
  minutes: number;
  actions: ActionForm[];
}

export function levelsToForm(levels: EscalationLevel[]): LevelForm[] {
  return levels.map((l) => ({
    when: l.offsetMinutes < 0 ? 'before' : 'after',
    minutes: Math.abs(l.offsetMinutes),
    actions: l.actions.map((a) => ({ ...a })),
  }));
}

/** The API's shape; fields the chosen action does not take are dropped (the schema is strict). */
export function levelsFromForm(levels: LevelForm[] | undefined): EscalationLevel[] {
  return (levels ?? []).map((l) => ({
    offsetMinutes: (l.when === 'before' ? -1 : 1) * (l.minutes ?? 0),
    actions: (l.actions ?? []).map((a): EscalationAction => {
      if (a.type === 'notify') return { type: 'notify', to: a.to!, channels: a.channels ?? [] };
      if (a.type === 'reassign') return { type: 'reassign', userId: a.userId! };
      return { type: 'raise_priority' };
    }),
  }));
}

/**
 * The form field a server error names: `targets.0.escalations.1.offsetMinutes` is the level's minutes,
 * `targets.0.escalations.1.actions.0.channels` the action's channels.
 */
export function formFieldOf(path: string): (string | number)[] {
  return path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s === 'offsetMinutes' ? 'minutes' : s));
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One level in words: "30 minutes after the deadline: notify the managers (in-app, email)". */
export function describeLevel(
  t: Translate,
  level: EscalationLevel,
  staffName: (id: string) => string,
): string {
  const minutes = Math.abs(level.offsetMinutes);
  const when = t(`escalation.whens.${level.offsetMinutes < 0 ? 'before' : 'after'}`);
  const actions = level.actions.map((a) => {
    if (a.type === 'notify')
      return t('escalation.notifySummary', {
        to: t(`escalation.recipients.${a.to}`),
        channels: a.channels
          .map((c) => t(`escalation.channelNames.${c}`))
          .join(t('escalation.listSeparator')),
      });
    if (a.type === 'reassign') return t('escalation.reassignSummary', { name: staffName(a.userId) });
    return t('escalation.actions.raise_priority');
  });
  return t('escalation.levelSummary', {
    minutes,
    when,
    actions: actions.join(t('escalation.listSeparator')),
  });
}

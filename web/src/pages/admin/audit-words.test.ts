import { describe, expect, it } from 'vitest';
import type { TAuditEntry } from '../../../../common/api.ts';
import { en } from '../../app/locales/en.ts';
import { actionText, changesOf, recordLabel, recordPath, type ValueWords } from './audit-words.ts';
import { describeLevel, formFieldOf, levelsFromForm, levelsToForm } from './sla/escalation-form.ts';

/** i18next's lookup over the English file, enough for these helpers (nested keys, defaults, values). */
function t(key: string, options: Record<string, unknown> = {}): string {
  let node: unknown = en;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return 'defaultValue' in options ? String(options.defaultValue) : key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(options[k]));
}

const AGENT = '0b7d6a52-8c1e-4f4e-9d7a-2f9c2b1d3e4f';
const OTHER = '9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const TICKET = '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b';

function entry(fields: Partial<TAuditEntry>): TAuditEntry {
  return {
    id: '1',
    at: '2026-12-01T02:00:00.000Z',
    actorId: null,
    actorLabel: '王经理',
    action: 'ticket.update',
    entityType: 'ticket',
    entityId: TICKET,
    before: null,
    after: null,
    ip: null,
    requestId: null,
    ...fields,
  };
}

const words: ValueWords = {
  t,
  person: (id) => (id === AGENT ? '李客服' : undefined),
  dateTime: (iso) => `at ${iso.slice(0, 10)}`,
};

describe('an audit entry in words', () => {
  it('names the action and the record by its number, with a link to its page', () => {
    const e = entry({ after: { id: TICKET, number: 'BX-2026-000042', status: 'assigned' } });
    expect(actionText(t, e)).toBe('Updated ticket');
    expect(recordLabel(e)).toBe('BX-2026-000042');
    expect(recordPath(e)).toBe(`/console/tickets/${TICKET}`);
  });

  it('falls back to "changed <kind>" for an action it has no words for', () => {
    expect(actionText(t, entry({ action: 'ticket.teleport' }))).toBe('Changed Ticket');
  });

  it('shows changed values as names: people, statuses, times; never ids or JSON', () => {
    const e = entry({
      before: { status: 'new', assigneeId: null, version: 1, dueAt: null, tags: { a: 1 } },
      after: {
        status: 'in_progress',
        assigneeId: AGENT,
        version: 2,
        dueAt: '2026-12-02T08:00:00.000Z',
        tags: { a: 2 },
        customerId: OTHER,
      },
    });
    const changes = changesOf(words, e);
    expect(changes).toEqual([
      { field: 'Status', before: 'New', after: 'In progress' },
      { field: 'Assignee', before: null, after: '李客服' },
      { field: 'Due', before: null, after: 'at 2026-12-02' },
      { field: 'tags', before: '(changed)', after: '(changed)' },
      { field: 'Customer', before: null, after: '(another record)' },
    ]);
    const text = JSON.stringify(changes);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/\w_\w/);
  });

  it('links a contact to its customer and has no link for a record without a page', () => {
    const contact = entry({
      entityType: 'contact',
      entityId: OTHER,
      after: { customerId: AGENT, name: '周工' },
    });
    expect(recordPath(contact)).toBe(`/console/customers/${AGENT}`);
    expect(recordPath(entry({ entityType: 'webhook', entityId: OTHER }))).toBeNull();
  });
});

describe('escalation levels in the policy form', () => {
  const levels = [
    {
      offsetMinutes: -30,
      actions: [{ type: 'notify' as const, to: 'assignee' as const, channels: ['in_app' as const] }],
    },
    {
      offsetMinutes: 120,
      actions: [{ type: 'reassign' as const, userId: AGENT }, { type: 'raise_priority' as const }],
    },
  ];

  it('round-trips between the API and the form, minutes before the deadline being negative', () => {
    const form = levelsToForm(levels);
    expect(form[0]).toMatchObject({ when: 'before', minutes: 30 });
    expect(form[1]).toMatchObject({ when: 'after', minutes: 120 });
    expect(levelsFromForm(form)).toEqual(levels);
  });

  it('drops the fields an action does not take when its kind was changed in the form', () => {
    const [level] = levelsFromForm([
      { when: 'after', minutes: 10, actions: [{ type: 'raise_priority', to: 'team', channels: ['sms'] }] },
    ]);
    expect(level!.actions).toEqual([{ type: 'raise_priority' }]);
  });

  it('puts a server error on the control it names', () => {
    expect(formFieldOf('targets.0.escalations.1.offsetMinutes')).toEqual([
      'targets',
      0,
      'escalations',
      1,
      'minutes',
    ]);
    expect(formFieldOf('targets.2.escalations.0.actions.1.channels')).toEqual([
      'targets',
      2,
      'escalations',
      0,
      'actions',
      1,
      'channels',
    ]);
  });

  it('describes a level in words with the person by name', () => {
    expect(describeLevel(t, levels[0]!, () => '?')).toBe(
      '30 min before the deadline: notify The assignee (In the app)',
    );
    expect(describeLevel(t, levels[1]!, (id) => (id === AGENT ? '李客服' : '?'))).toBe(
      '120 min after the deadline: reassign to 李客服, Raise the priority',
    );
  });
});

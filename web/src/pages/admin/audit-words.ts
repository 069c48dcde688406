// An audit entry in words: what was done ("created ticket"), to which record (its number or name,
// with a link), and each changed value by name — never an id, a code or a JSON snapshot.
import type { TAuditEntry } from '../../../../common/api.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Snapshot = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CODE = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/;

/** Columns every row has, which say nothing about the change itself. */
const HIDDEN_FIELDS = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'searchText',
  'search',
  'tsv',
]);

function snapshot(v: unknown): Snapshot | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Snapshot) : null;
}

/** The words of the action: a known one, or "changed <record kind>". */
export function actionText(t: Translate, e: TAuditEntry): string {
  const key = `auditLog.actions.${e.action}`;
  const known = t(key, { defaultValue: '' });
  if (known) return known;
  return t('auditLog.actions.fallback', { entity: entityTypeText(t, e.entityType) });
}

export function entityTypeText(t: Translate, type: string): string {
  return t(`auditLog.entities.${type}`, { defaultValue: t('auditLog.entities.record') });
}

/** The record's own name: its number (ticket, work order), its name or code, from the snapshot. */
export function recordLabel(e: TAuditEntry): string | null {
  for (const s of [snapshot(e.after), snapshot(e.before)]) {
    if (!s) continue;
    for (const k of [
      'number',
      'name',
      'displayName',
      'partNumber',
      'code',
      'serialNumber',
      'subject',
      'title',
    ]) {
      const v = s[k];
      if (typeof v === 'string' && v.trim() && !UUID.test(v)) return v;
    }
  }
  return null;
}

/** The console page that shows the record, when there is one. */
export function recordPath(e: TAuditEntry): string | null {
  if (!e.entityId || !UUID.test(e.entityId)) return null;
  const pages: Record<string, string> = {
    ticket: 'tickets',
    customer: 'customers',
    project: 'projects',
    contract: 'projects',
    asset: 'assets',
    part: 'parts',
    work_order: 'jobs',
    stock_count: 'stock/counts',
    return: 'returns',
  };
  const after = snapshot(e.after) ?? snapshot(e.before);
  if (e.entityType === 'contract' && typeof after?.projectId === 'string')
    return `/console/projects/${after.projectId}`;
  if (e.entityType === 'contact' && typeof after?.customerId === 'string')
    return `/console/customers/${after.customerId}`;
  const page = pages[e.entityType];
  return page && e.entityType !== 'contract' ? `/console/${page}/${e.entityId}` : null;
}

export interface Change {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ValueWords {
  t: Translate;
  /** A person's name by id (the staff directory); undefined when unknown. */
  person: (id: string) => string | undefined;
  dateTime: (iso: string) => string;
}

/** A field's name: translated, or its words spelled out ("dueAt" → "due at") as a last resort. */
export function fieldText(t: Translate, field: string): string {
  return t(`auditLog.fields.${field}`, {
    defaultValue: field
      .replace(/Id$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase(),
  });
}

/** One value in words: a person's name, a translated status or kind, a date in the organisation's zone. */
export function valueText(w: ValueWords, field: string, v: unknown): string | null {
  const { t } = w;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return t(v ? 'auditLog.yes' : 'auditLog.no');
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map((x) => valueText(w, field, x));
    return parts.every((p) => p !== null && p !== t('auditLog.changedValue'))
      ? parts.join(t('auditLog.listSeparator'))
      : t('auditLog.changedValue');
  }
  if (typeof v === 'object') return t('auditLog.changedValue');
  const s = String(v);
  if (UUID.test(s)) return w.person(s) ?? t('auditLog.linkedRecord');
  if (ISO_TIME.test(s)) return w.dateTime(s);
  if (CODE.test(s)) {
    const vocabularies: Record<string, string[]> = {
      status: ['ticketStatus', 'auditLog.values'],
      priority: ['priorities'],
      kind: ['ticketKinds', 'auditLog.values'],
      role: ['roles'],
      roles: ['roles'],
    };
    for (const vocabulary of [...(vocabularies[field] ?? []), 'auditLog.values']) {
      const words = t(`${vocabulary}.${s}`, { defaultValue: '' });
      if (words && typeof words === 'string') return words;
    }
    return s.includes('_') ? s.replace(/_/g, ' ') : s;
  }
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** The fields whose values differ between the snapshots (all of `after` for a new record). */
export function changesOf(w: ValueWords, e: TAuditEntry): Change[] {
  const before = snapshot(e.before) ?? {};
  const after = snapshot(e.after) ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => !HIDDEN_FIELDS.has(f) && !/(hash|token|password)/i.test(f),
  );
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({
      field: fieldText(w.t, f),
      before: valueText(w, f, before[f]),
      after: valueText(w, f, after[f]),
    }));
}

import { Card, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTicketHistory } from '../../features/tickets/ticket-history-query.ts';

const show = (v: unknown) =>
  v === null || v === undefined || (Array.isArray(v) && v.length === 0)
    ? '—'
    : Array.isArray(v)
      ? v.join('、')
      : String(v);

/** Every change of the ticket, from the audit log (staff only). */
export function TicketHistory({ ticketId, version }: { ticketId: string; version: number }) {
  const { t, i18n } = useTranslation();
  // Values in words: statuses, priorities, teams and yes/no translated; people and records come
  // named from the server.
  const value = (field: string, v: unknown) =>
    field === 'status' && typeof v === 'string'
      ? t(`ticketStatus.${v}`)
      : field === 'priority' && typeof v === 'string'
        ? t(`priorities.${v}`)
        : field === 'team' && typeof v === 'string'
          ? t(`roles.${v}`, { defaultValue: v })
          : field === 'event' && typeof v === 'string'
            ? t(`sla.events.${v}`)
            : field === 'complexity' && typeof v === 'string'
              ? t(`tickets.complexities.${v}`)
              : typeof v === 'boolean'
                ? v
                  ? t('ticketPage.yes')
                  : t('ticketPage.no')
                : show(v);
  const history = useTicketHistory(ticketId, version);
  return (
    <Card title={t('tickets.history')} size="small" data-testid="ticket-history">
      <Timeline
        items={(history.data ?? []).map((e, i) => ({
          key: `${e.at}-${i}`,
          children: (
            <div>
              <strong>
                {t(`tickets.actions.${e.action.replace('ticket.', '')}`, {
                  defaultValue: t('tickets.actions.update'),
                })}
              </strong>{' '}
              · {e.actor} ·{' '}
              <span style={{ color: '#4b5563' }}>{new Date(e.at).toLocaleString(i18n.language)}</span>
              {e.changes.map((c) => (
                <div key={c.field}>
                  {t(`tickets.fields.${c.field}`)}: {value(c.field, c.from)} → {value(c.field, c.to)}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

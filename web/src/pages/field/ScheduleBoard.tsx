import { TZDate } from '@date-fns/tz';
import { Card, DatePicker, Radio, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TWorkOrderListItem } from '../../../../common/field-api.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useEngineers } from '../../features/field/engineers-query.ts';
import { useSchedule } from '../../features/field/use-schedule.ts';
import { useWorkOrders } from '../../features/field/work-orders-query.ts';

const HOURS = Array.from({ length: 13 }, (_, i) => 8 + i); // 08:00 … 20:00

/**
 * 日程: a day (hours) or a week (days) per engineer. Drag a work order — from the unassigned list or
 * from another slot — onto an engineer's slot to assign or reschedule it.
 */
export function ScheduleBoard() {
  const { t } = useTranslation();
  // Slots are hours of the organisation's day, whatever the browser's zone.
  const zone = useMe().data?.organisationTimeZone;
  const [day, setDay] = useState<Dayjs>(() =>
    dayjs(new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date())),
  );
  const [mode, setMode] = useState<'day' | 'week'>('day');
  const open = useWorkOrders({ queue: 'open' });
  const engineers = useEngineers();
  const { schedule } = useSchedule();
  const weekdays = t('field.weekdays', { returnObjects: true }) as string[];
  const zoned = (d: Dayjs, hour: number) =>
    zone
      ? new TZDate(d.year(), d.month(), d.date(), hour, 0, 0, zone)
      : new Date(d.year(), d.month(), d.date(), hour);
  const slots =
    mode === 'day'
      ? HOURS.map((h) => ({
          key: String(h),
          label: `${h}:00`,
          from: zoned(day, h),
          start: zoned(day, h),
          end: zoned(day, h + 1),
        }))
      : Array.from({ length: 7 }, (_, i) => {
          const d = day.startOf('week').add(i + 1, 'day');
          return {
            key: d.format('MM-DD'),
            label: `${weekdays[d.day()] ?? ''} ${d.format('MM-DD')}`,
            from: zoned(d, 0),
            start: zoned(d, 9),
            end: zoned(d, 24),
          };
        });
  const all = open.data ?? [];
  const unassigned = all.filter((w) => !w.engineerId || !w.scheduledAt);
  const at = (w: TWorkOrderListItem, engineerId: string, s: (typeof slots)[number]) =>
    w.engineerId === engineerId &&
    w.scheduledAt !== null &&
    new Date(w.scheduledAt) >= s.from &&
    new Date(w.scheduledAt) < s.end;
  // A planned visit shows its due window (month-day, in the organisation's zone) before its summary.
  const windowOf = (w: TWorkOrderListItem) =>
    w.dueWindow ? t('field.dueWindow', { from: w.dueWindow.from.slice(5), by: w.dueWindow.by.slice(5) }) : '';
  const card = (w: TWorkOrderListItem) => (
    <button
      type="button"
      key={w.id}
      aria-label={`${w.number} ${windowOf(w)} ${w.summary}`}
      title={`${w.number} ${windowOf(w)} ${w.summary}`}
      draggable
      onDragStart={(e) => e.dataTransfer.setData('text/plain', w.id)}
      data-testid={`schedule-wo-${w.number}`}
      style={{
        background: w.emergency ? '#fff1f0' : '#e6f4ff',
        border: `1px solid ${w.emergency ? '#ffa39e' : '#91caff'}`,
        borderRadius: 4,
        padding: '2px 6px',
        marginBottom: 4,
        cursor: 'grab',
        fontSize: 12,
        display: 'block',
        textAlign: 'left',
        width: '100%',
        maxWidth: '100%',
        // One line, cut with an ellipsis: a dropped job never widens its slot (the grid keeps its shape).
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
      }}
    >
      <b>{w.number}</b>{' '}
      {w.dueWindow && <span data-testid={`schedule-window-${w.number}`}>{windowOf(w)} </span>}
      {w.summary}
    </button>
  );
  const drop = (engineerId: string, s: (typeof slots)[number]) => (e: React.DragEvent) => {
    e.preventDefault();
    const w = all.find((x) => x.id === e.dataTransfer.getData('text/plain'));
    if (w) schedule(w, { engineerId, scheduledAt: s.start.toISOString() });
  };
  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space wrap>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} optionType="button">
          <Radio value="day">{t('field.dayView')}</Radio>
          <Radio value="week">{t('field.weekView')}</Radio>
        </Radio.Group>
        <DatePicker value={day} onChange={(d) => d && setDay(d.startOf('day'))} allowClear={false} />
      </Space>
      <Card size="small" title={t('field.toSchedule')} data-testid="schedule-unassigned">
        <Space wrap>{unassigned.map(card)}</Space>
        {!unassigned.length && <Tag>{t('field.none')}</Tag>}
      </Card>
      <div style={{ overflowX: 'auto' }}>
        <table
          style={{ borderCollapse: 'collapse', minWidth: 900, width: '100%', tableLayout: 'fixed' }}
          data-testid="schedule-grid"
        >
          <thead>
            <tr>
              <th style={{ textAlign: 'left', padding: 4, width: 140 }}>{t('field.engineer')}</th>
              {slots.map((s) => (
                <th key={s.key} style={{ fontWeight: 500, fontSize: 12, padding: 4 }}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(engineers.data ?? []).map((e) => (
              <tr key={e.id}>
                <td style={{ padding: 4, borderTop: '1px solid #eee' }}>{e.displayName}</td>
                {slots.map((s) => (
                  <td
                    key={s.key}
                    onDragOver={(ev) => ev.preventDefault()}
                    onDrop={drop(e.id, s)}
                    data-testid={`slot-${e.displayName.split(' ')[0]}-${s.key}`}
                    style={{
                      borderTop: '1px solid #eee',
                      borderLeft: '1px solid #f3f3f3',
                      verticalAlign: 'top',
                      height: 40,
                      padding: 2,
                      overflow: 'hidden',
                    }}
                  >
                    {all.filter((w) => at(w, e.id, s)).map(card)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

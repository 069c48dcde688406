import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendarCreateMutation } from '../../../features/sla/calendar-create-mutation.ts';
import { useCalendars } from '../../../features/sla/calendars-query.ts';
import { CalendarEditor } from './CalendarEditor.tsx';
import { CalendarImportYear } from './CalendarImportYear.tsx';
import { CalendarPreview } from './CalendarPreview.tsx';

export function CalendarsTab({
  manage,
  organisationTimeZone,
}: {
  manage: boolean;
  organisationTimeZone: string | undefined;
}) {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const [selected, setSelected] = useState<string | null>(null);
  const current = calendars.data?.find((c) => c.id === selected) ?? calendars.data?.[0];
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space wrap>
        <Select
          style={{ minWidth: 320 }}
          aria-label={t('sla.calendar')}
          value={current?.id}
          onChange={setSelected}
          options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid="sla-calendar-select"
        />
        {manage && organisationTimeZone && (
          <NewCalendarButton timeZone={organisationTimeZone} onCreated={setSelected} />
        )}
      </Space>
      {current && (
        <CalendarEditor key={`${current.id}:${current.version}`} calendar={current} manage={manage} />
      )}
      {current && <CalendarPreview calendar={current} />}
      {current && manage && <CalendarImportYear calendar={current} />}
    </div>
  );
}

const OFFICE_HOURS: [number, number][] = [
  [540, 720],
  [810, 1080],
];

/** A new calendar starts as the organisation's office week: Monday to Friday, 09:00–12:00 and 13:30–18:00. */
function NewCalendarButton({ timeZone, onCreated }: { timeZone: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useCalendarCreateMutation();
  const run = () =>
    create.mutate(
      {
        name: t('sla.newCalendar'),
        timeZone,
        weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, OFFICE_HOURS])),
        holidays: [],
        workdays: [],
        workdaySlots: OFFICE_HOURS,
      },
      { onSuccess: (c) => onCreated(c.id) },
    );
  return (
    <Button icon={<PlusOutlined />} onClick={run}>
      {t('sla.newCalendar')}
    </Button>
  );
}

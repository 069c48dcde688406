import { App, Button, Card, Form, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { useCalendarUpdateMutation } from '../../../features/sla/calendar-update-mutation.ts';
import type { TCalendar, TSlot } from '../../../features/sla/calendars-query.ts';
import { parseSlots, slotsText } from './calendar-slots.ts';

/** A calendar's name, zone and weekly working slots, and its holidays and make-up days by year. */
export function CalendarEditor({ calendar, manage }: { calendar: TCalendar; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const weekdays = t('sla.weekdays', { returnObjects: true }) as string[];
  const save = useCalendarUpdateMutation(calendar);
  const submit = (v: Record<string, string>) => {
    const weekly: Record<string, TSlot[]> = {};
    for (let d = 0; d < 7; d++) {
      const slots = parseSlots(v[`day${d}`] ?? '');
      if (!slots) return form.setFields([{ name: `day${d}`, errors: [t('sla.slotsHelp')] }]);
      if (slots.length) weekly[String(d)] = slots;
    }
    const workdaySlots = parseSlots(v.workdaySlots ?? '');
    if (!workdaySlots) return form.setFields([{ name: 'workdaySlots', errors: [t('sla.slotsHelp')] }]);
    save.mutate(
      { name: v.name, timeZone: v.timeZone, weekly, workdaySlots },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (err) => message.error(applyServerErrors(form, err)),
      },
    );
  };
  const years = [
    ...new Set([...calendar.holidays, ...calendar.workdays].map((d) => d.date.slice(0, 4))),
  ].sort();
  return (
    <Card title={calendar.name} data-testid="sla-calendar-editor">
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        disabled={!manage}
        onFinish={submit}
        initialValues={{
          name: calendar.name,
          timeZone: calendar.timeZone,
          workdaySlots: slotsText(calendar.workdaySlots),
          ...Object.fromEntries(
            [0, 1, 2, 3, 4, 5, 6].map((d) => [`day${d}`, slotsText(calendar.weekly[String(d)])]),
          ),
        }}
      >
        <Form.Item name="name" label={t('sla.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="timeZone" label={t('sla.timeZone')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        {[1, 2, 3, 4, 5, 6, 0].map((d) => (
          <Form.Item
            key={d}
            name={`day${d}`}
            label={weekdays[d]}
            extra={d === 1 ? t('sla.slotsHelp') : undefined}
          >
            <Input data-testid={`sla-day-${d}`} />
          </Form.Item>
        ))}
        <Form.Item name="workdaySlots" label={t('sla.workdaySlots')}>
          <Input />
        </Form.Item>
        {manage && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sla.holidays')} / {t('sla.workdays')}
      </Typography.Title>
      {years.map((y) => (
        <Typography.Paragraph key={y} data-testid={`sla-year-${y}`}>
          <b>{y}</b>{' '}
          {calendar.holidays
            .filter((h) => h.date.startsWith(y))
            .map((h) => (
              <Tag key={h.date} color="red" title={h.name}>
                {h.date.slice(5)}
              </Tag>
            ))}
          {calendar.workdays
            .filter((h) => h.date.startsWith(y))
            .map((h) => (
              <Tag key={h.date} color="blue" title={h.name}>
                {h.date.slice(5)}
              </Tag>
            ))}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}

import { TZDate } from '@date-fns/tz';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCalendarPreviewMutation } from '../../../features/sla/calendar-preview-mutation.ts';
import type { TCalendar } from '../../../features/sla/calendars-query.ts';
import { formatDuration } from '../../../features/sla/use-now.ts';

/** When would a target be due on this calendar: start + business duration, pauses added back. */
export function CalendarPreview({ calendar }: { calendar: TCalendar }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const preview = useCalendarPreviewMutation(calendar.id);
  // Times are typed as wall-clock times of the calendar's zone, whatever the browser's zone.
  const inZone = (local: string) => {
    const [d = '', tm = '00:00:00'] = local.split(/[ T]/);
    const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
    const [h = 0, mi = 0, se = 0] = tm.split(':').map(Number);
    return new TZDate(y, mo - 1, da, h, mi, se, calendar.timeZone).toISOString();
  };
  const submit = (v: { start: { format(f: string): string }; minutes: number; pauses?: string }) => {
    const pauses = (v.pauses ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [from = '', to = ''] = l.split(',').map((x) => x.trim());
        return { from: inZone(from), to: inZone(to) };
      });
    preview.mutate({
      start: inZone(v.start.format('YYYY-MM-DD HH:mm:ss')),
      durationSeconds: v.minutes * 60,
      pauses,
    });
  };
  return (
    <Card title={t('sla.preview')}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ minutes: 120 }}>
        <Form.Item name="start" label={t('sla.previewStart')} rules={[{ required: true }]}>
          <DatePicker showTime data-testid="sla-preview-start" />
        </Form.Item>
        <Form.Item name="minutes" label={t('sla.previewDuration')} rules={[{ required: true }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="pauses" label={t('sla.previewPauses')}>
          <Input.TextArea rows={1} placeholder="2026-11-24 12:00,2026-11-24 14:00" style={{ width: 320 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={preview.isPending} data-testid="sla-preview-run">
          {t('sla.preview')}
        </Button>
      </Form>
      {preview.data && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          data-testid="sla-preview-result"
          message={t('sla.previewResult', {
            due: new Date(preview.data.due).toLocaleString(i18n.language, { timeZone: calendar.timeZone }),
            wall: formatDuration(preview.data.wallClockSeconds),
          })}
        />
      )}
      {preview.error && <Alert style={{ marginTop: 12 }} type="error" message={preview.error.message} />}
    </Card>
  );
}

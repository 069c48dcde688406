import { App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CN_HOLIDAYS } from '../../../../../common/cn-holidays.ts';
import { useCalendarImportYearMutation } from '../../../features/sla/calendar-import-year-mutation.ts';
import type { TCalendar } from '../../../features/sla/calendars-query.ts';

/** Pastes (or takes the built-in list of) one year's holidays and make-up working days (调休). */
export function CalendarImportYear({ calendar }: { calendar: TCalendar }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const run = useCalendarImportYearMutation(calendar);
  const submit = (v: { year: number; text: string }) => {
    const days = [];
    for (const line of (v.text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const [date = '', name = '', kind = 'off'] = line.split(/[,，\t]/).map((x) => x.trim());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !['off', 'work'].includes(kind)) {
        form.setFields([{ name: 'text', errors: [`${line}: ${t('sla.importHelp')}`] }]);
        return;
      }
      days.push({ date, name: name || date, kind });
    }
    run.mutate(
      { year: v.year, days },
      {
        onSuccess: (_c, body) =>
          message.success(
            t('sla.imported', {
              holidays: body.days.filter((d) => d.kind === 'off').length,
              workdays: body.days.filter((d) => d.kind === 'work').length,
            }),
          ),
        onError: (err) => message.error(err.message),
      },
    );
  };
  const builtIn = (year: number) =>
    form.setFieldsValue({
      year,
      text: CN_HOLIDAYS.filter((s) => s.year === year)
        .flatMap((s) => [
          ...s.holidays.map((h) => `${h.date},${h.name},off`),
          ...s.workdays.map((w) => `${w.date},${w.name},work`),
        ])
        .join('\n'),
    });
  return (
    <Card title={t('sla.importYear')}>
      <Typography.Paragraph type="secondary">{t('sla.importHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        {CN_HOLIDAYS.map((s) => (
          <Button key={s.year} size="small" onClick={() => builtIn(s.year)}>
            {t('sla.importBuiltIn', { year: s.year })}
          </Button>
        ))}
      </Space>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ year: new Date().getFullYear() + 1 }}
      >
        <Form.Item name="year" label={t('sla.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="text" rules={[{ required: true }]}>
          <Input.TextArea rows={6} placeholder="2027-01-01,元旦,off" data-testid="sla-import-text" />
        </Form.Item>
        <Button htmlType="submit" loading={run.isPending} data-testid="sla-import-run">
          {t('sla.importYear')}
        </Button>
      </Form>
    </Card>
  );
}

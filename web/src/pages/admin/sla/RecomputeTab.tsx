import { App, Button, Card, DatePicker, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { useSlaRecomputeMutation } from '../../../features/sla/sla-recompute-mutation.ts';

export function RecomputeTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const run = useSlaRecomputeMutation();
  const submit = (v: { ticketId?: string; range?: [{ toISOString(): string }, { toISOString(): string }] }) =>
    run.mutate(
      v.ticketId?.trim()
        ? { ticketId: v.ticketId.trim() }
        : v.range
          ? { from: v.range[0].toISOString(), to: v.range[1].toISOString() }
          : {},
      {
        onSuccess: (r) =>
          message.success(t('sla.recomputeDone', { tickets: r.tickets, changed: r.deadlinesChanged })),
        onError: (err) => message.error(applyServerErrors(form, err)),
      },
    );
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('sla.recomputeIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="ticketNumber" label={t('sla.recomputeTicket')}>
          <Input style={{ maxWidth: 360 }} placeholder="BX-2026-000123" data-testid="sla-recompute-number" />
        </Form.Item>
        <Form.Item name="range" label={t('sla.recomputeRange')}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={run.isPending}>
          {t('sla.recomputeRun')}
        </Button>
      </Form>
    </Card>
  );
}

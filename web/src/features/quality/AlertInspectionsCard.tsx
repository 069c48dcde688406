// 特殊巡查 on an early-warning alert: the inspections started from it (one per site, with the work
// order's state) and a button that starts them for the equipment of the alert's evidence.
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationToday } from '../parts/organisation-today.ts';
import { useAlertInspections } from './alert-inspections-query.ts';
import { useAlertInspectionsStart } from './alert-inspections-start-mutation.ts';

export function AlertInspectionsCard({ alertId, canStart }: { alertId: string; canStart: boolean }) {
  const { t } = useTranslation();
  // Days before the organisation's today are refused by the server; the picker offers none of them.
  const today = useOrganisationToday();
  const { message } = App.useApp();
  const list = useAlertInspections(alertId);
  const start = useAlertInspectionsStart(alertId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ dueOn?: Dayjs | null; note?: string }>();
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('quality.alerts.inspections.title')}
      extra={
        canStart && (
          <Button size="small" data-testid="alert-inspect" onClick={() => setOpen(true)}>
            {t('quality.alerts.inspections.start')}
          </Button>
        )
      }
    >
      <List
        size="small"
        data-testid="alert-inspections"
        locale={{ emptyText: t('quality.alerts.inspections.empty') }}
        dataSource={list.data ?? []}
        renderItem={(v) => (
          <List.Item style={{ paddingInline: 0 }}>
            {v.projectName} · {v.workOrderNumber} ·{' '}
            {t('quality.alerts.inspections.dueBy', { date: v.dueOn, count: v.assetIds.length })}{' '}
            <Tag>{t(`field.statuses.${v.workOrderStatus}`)}</Tag>
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={t('quality.alerts.inspections.start')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={start.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p>{t('quality.alerts.inspections.help')}</p>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            start.mutate(
              {
                dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : undefined,
                note: v.note?.trim() || undefined,
              },
              {
                onSuccess: (r) => {
                  setOpen(false);
                  void message.success(
                    t(
                      r.created
                        ? 'quality.alerts.inspections.created'
                        : 'quality.alerts.inspections.existing',
                      {
                        count: r.inspections.length,
                      },
                    ),
                  );
                },
                onError: (err) => void message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item
            name="dueOn"
            label={t('quality.alerts.inspections.dueOn')}
            extra={t('quality.alerts.inspections.dueOnHelp')}
          >
            <DatePicker
              data-testid="alert-inspect-due"
              disabledDate={(d) => d.format('YYYY-MM-DD') < today}
            />
          </Form.Item>
          <Form.Item name="note" label={t('quality.alerts.inspections.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

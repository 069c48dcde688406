// 特殊巡查 on the ticket page: the inspections already arranged from the ticket, and a button that
// arranges one (an inspection work order for the ticket's project and equipment, linked to it).
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationToday } from '../parts/organisation-today.ts';
import { useSpecialInspectionCreate } from './special-inspection-create-mutation.ts';
import { useSpecialInspections } from './special-inspections-query.ts';

export function SpecialInspectionCard({ ticketId, canCreate }: { ticketId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  // Days before the organisation's today are refused by the server; the picker offers none of them.
  const today = useOrganisationToday();
  const { message } = App.useApp();
  const list = useSpecialInspections(ticketId);
  const create = useSpecialInspectionCreate(ticketId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ dueOn: Dayjs; note?: string }>();
  if (!canCreate && !list.data?.length) return null;
  return (
    <Card
      size="small"
      title={t('maintenanceVisits.special.list')}
      extra={
        canCreate && (
          <Button size="small" data-testid="special-inspection" onClick={() => setOpen(true)}>
            {t('maintenanceVisits.special.action')}
          </Button>
        )
      }
    >
      {Boolean(list.data?.length) && (
        <List
          size="small"
          dataSource={list.data ?? []}
          renderItem={(v) => (
            <List.Item style={{ paddingInline: 0 }}>
              {v.dueOn} · {v.workOrderNumber} <Tag>{t(`field.statuses.${v.workOrderStatus}`)}</Tag>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title={t('maintenanceVisits.special.title')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p>{t('maintenanceVisits.special.help')}</p>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ dueOn: dayjs(today) }}
          onFinish={(v) =>
            create.mutate(
              { dueOn: v.dueOn.format('YYYY-MM-DD'), note: v.note?.trim() || undefined },
              {
                onSuccess: (made) => {
                  setOpen(false);
                  void message.success(
                    t('maintenanceVisits.special.created', { number: made.workOrderNumber }),
                  );
                },
                onError: (err) => void message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item name="dueOn" label={t('maintenanceVisits.special.dueOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
          </Form.Item>
          <Form.Item name="note" label={t('maintenanceVisits.special.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Spin, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TUpcomingVisit } from '../../../../common/maintenance-visits-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useDateRequestCreate } from '../../features/maintenance/date-request-create-mutation.ts';
import { useUpcomingVisits } from '../../features/maintenance/upcoming-visits-query.ts';

/** The customer's upcoming maintenance and inspection visits, each with a way to ask for another date. */
export function PortalUpcomingVisits() {
  const { t } = useTranslation();
  const visits = useUpcomingVisits();
  const [asking, setAsking] = useState<TUpcomingVisit | null>(null);
  return (
    <>
      <h2>{t('maintenanceVisits.portal.title')}</h2>
      {visits.isLoading && <Spin />}
      {visits.data && !visits.data.length && <Empty description={t('maintenanceVisits.portal.none')} />}
      <div style={{ display: 'grid', gap: 12 }}>
        {(visits.data ?? []).map((v) => (
          <Card key={v.id} size="small" data-testid="portal-visit">
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
              <strong style={{ fontSize: 16 }}>{v.dueOn}</strong>
              <Tag>{t(`maintenanceVisits.portal.kinds.${v.kind}`)}</Tag>
              <span>{v.projectName}</span>
            </div>
            <div style={{ marginTop: 4 }}>
              {t('maintenanceVisits.portal.assetsLine', {
                assets: v.assets.map((a) => a.label).join(t('maintenanceVisits.portal.listSeparator')),
              })}
            </div>
            <VisitRequestState visit={v} />
            {!v.dispatched && v.request?.status !== 'pending' && (
              <Button
                style={{ marginTop: 8 }}
                onClick={() => setAsking(v)}
                data-testid="portal-visit-request"
              >
                {t('maintenanceVisits.portal.request')}
              </Button>
            )}
          </Card>
        ))}
      </div>
      {asking && <DateRequestModal visit={asking} onClose={() => setAsking(null)} />}
    </>
  );
}

function VisitRequestState({ visit }: { visit: TUpcomingVisit }) {
  const { t } = useTranslation();
  const r = visit.request;
  const line = (text: string, colour: string) => <div style={{ marginTop: 4, color: colour }}>{text}</div>;
  if (visit.dispatched && r?.status !== 'pending')
    return line(t('maintenanceVisits.portal.dispatched'), '#4b5563');
  if (!r) return null;
  if (r.status === 'pending')
    return line(t('maintenanceVisits.portal.pending', { date: r.requestedOn }), '#8a5a00');
  if (r.status === 'confirmed')
    return line(t('maintenanceVisits.portal.confirmed', { date: r.currentOn }), '#166534');
  return line(t('maintenanceVisits.portal.declined', { reason: r.decisionReason ?? '' }), '#a8071a');
}

function DateRequestModal({ visit, onClose }: { visit: TUpcomingVisit; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ requestedOn: Dayjs; reason: string }>();
  const create = useDateRequestCreate();
  return (
    <Modal
      open
      title={t('maintenanceVisits.portal.requestTitle')}
      okText={t('maintenanceVisits.portal.request')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <p>
        {visit.dueOn} · {visit.projectName}
      </p>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { visitId: visit.id, requestedOn: v.requestedOn.format('YYYY-MM-DD'), reason: v.reason },
            {
              onSuccess: () => {
                void message.success(t('maintenanceVisits.portal.sent'));
                onClose();
              },
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item
          name="requestedOn"
          label={t('maintenanceVisits.portal.requestedOn')}
          rules={[{ required: true }]}
        >
          <DatePicker disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('maintenanceVisits.portal.reason')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

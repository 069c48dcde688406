import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TWorkOrderDetail } from '../../../../common/field-api.ts';
import { api } from '../../api/client.ts';
import { Attachments } from '../files/Attachments.tsx';
import { useWorkOrders, workOrdersKey } from './work-orders-query.ts';

const KINDS = ['repair', 'maintenance', 'inspection', 'installation'] as const;

/** The ticket's work orders, and a new one in one click. */
export function TicketWorkOrders({
  ticketId,
  canDispatch,
  canDeduct = false,
}: {
  ticketId: string;
  canDispatch: boolean;
  canDeduct?: boolean;
}) {
  const [deducting, setDeducting] = useState<string | null>(null);
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useWorkOrders({ queue: 'all', ticketId });
  const [kind, setKind] = useState<(typeof KINDS)[number]>('repair');
  const create = useMutation({
    mutationFn: () => api.post<TWorkOrderDetail>(`/api/v1/tickets/${ticketId}/work-orders`, { kind }),
    onSuccess: (w) => {
      message.success(t('field.created', { number: w.number }));
      void client.invalidateQueries({ queryKey: [workOrdersKey] });
      void client.invalidateQueries({ queryKey: ['tickets'] });
    },
    onError: (err) => message.error((err as Error).message),
  });
  return (
    <Card
      title={t('field.workOrders')}
      size="small"
      extra={
        canDispatch && (
          <Space>
            <Select
              size="small"
              aria-label={t('tickets.kind')}
              value={kind}
              onChange={setKind}
              style={{ width: 110 }}
              options={KINDS.map((k) => ({ value: k, label: t(`field.kinds.${k}`) }))}
            />
            <Button
              size="small"
              type="primary"
              onClick={() => create.mutate()}
              loading={create.isPending}
              data-testid="wo-create"
            >
              {t('field.create')}
            </Button>
          </Space>
        )
      }
    >
      <List
        size="small"
        dataSource={list.data ?? []}
        locale={{ emptyText: t('field.none') }}
        renderItem={(w) => (
          <List.Item data-testid={`wo-${w.number}`}>
            <Space wrap>
              <b>{w.number}</b>
              <Tag>{t(`field.kinds.${w.kind}`)}</Tag>
              <Tag color="blue">{t(`field.statuses.${w.status}`)}</Tag>
              {w.engineerName ?? t('field.unassigned')}
              {w.scheduledAt && new Date(w.scheduledAt).toLocaleString(i18n.language)}
              {w.status === 'completed' && (
                <a href={`/api/v1/work-orders/${w.id}/report.pdf`}>{t('field.report')}</a>
              )}
              {canDeduct && (
                <Button size="small" onClick={() => setDeducting(w.id)} data-testid="wo-third-party">
                  {t('field.thirdParty')}
                </Button>
              )}
            </Space>
          </List.Item>
        )}
      />
      {deducting && <ThirdPartyDeduction workOrderId={deducting} onClose={() => setDeducting(null)} />}
    </Card>
  );
}

/** 篇4 f.3: the customer had a third party repair after a missed on-site deadline; deduct it, with evidence. */
function ThirdPartyDeduction({ workOrderId, onClose }: { workOrderId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<string[]>([]);
  const run = useMutation({
    mutationFn: (v: { amount: number; reason: string }) =>
      api.post(`/api/v1/work-orders/${workOrderId}/third-party-deduction`, {
        amountFen: Math.round(v.amount * 100),
        reason: v.reason,
        evidenceFileId: files[0],
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      onClose();
    },
    onError: (err) => message.error((err as Error).message),
  });
  return (
    <Modal
      open
      title={t('field.thirdParty')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: !files.length }}
    >
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="amount" label={t('field.amount')} rules={[{ required: true }]}>
          <InputNumber min={0.01} step={0.01} />
        </Form.Item>
        <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={t('field.evidence')} required>
          <Attachments
            fileIds={files}
            customerId={null}
            canEdit
            max={1}
            onChange={async (ids) => setFiles(ids)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The customer's repair reports for its ticket (portal). */
export function TicketReports({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const reports = useQuery({
    queryKey: [workOrdersKey, 'reports', ticketId],
    queryFn: () =>
      api.get<{ id: string; number: string; completedAt: string | null }[]>(
        `/api/v1/tickets/${ticketId}/reports`,
      ),
  });
  if (!reports.data?.length) return null;
  return (
    <Card title={t('field.reports')} size="small" data-testid="ticket-reports">
      <List
        size="small"
        dataSource={reports.data}
        renderItem={(r) => (
          <List.Item>
            <a
              href={`/api/v1/work-orders/${r.id}/report.pdf?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}`}
            >
              {r.number} {t('field.report')}
            </a>
            {r.completedAt && new Date(r.completedAt).toLocaleString(i18n.language)}
          </List.Item>
        )}
      />
    </Card>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useWorkOrders, type WorkOrder, workOrdersKey } from './work-orders-query.ts';

const KINDS = ['repair', 'maintenance', 'inspection', 'installation'] as const;

/** The ticket's work orders, and a new one in one click. */
export function TicketWorkOrders({ ticketId, canDispatch }: { ticketId: string; canDispatch: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useWorkOrders({ queue: 'all', ticketId });
  const [kind, setKind] = useState<(typeof KINDS)[number]>('repair');
  const create = useMutation({
    mutationFn: () => api.post<WorkOrder>(`/api/v1/tickets/${ticketId}/work-orders`, { kind }),
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
            </Space>
          </List.Item>
        )}
      />
    </Card>
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

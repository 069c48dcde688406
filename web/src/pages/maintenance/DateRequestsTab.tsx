import { App, Button, Empty, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_REQUEST_STATUSES, type TDateRequest } from '../../../../common/maintenance-visits-api.ts';
import { ApiError } from '../../api/client.ts';
import { useDateRequestDecide } from '../../features/maintenance/date-request-decide-mutation.ts';
import { useDateRequests } from '../../features/maintenance/date-requests-query.ts';

const nowrap = (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span>;
/** Names keep a readable width when the table is squeezed on a phone (it scrolls instead). */
const wide = (text: string) => <div style={{ minWidth: 120 }}>{text}</div>;
const COLOURS = { pending: 'gold', confirmed: 'green', declined: 'default' } as const;

/** Customers' requests for another visit date: the dispatcher confirms or declines with a reason. */
export function DateRequestsTab({ dispatch }: { dispatch: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>('pending');
  const requests = useDateRequests(status);
  const decide = useDateRequestDecide();
  const [declining, setDeclining] = useState<TDateRequest | null>(null);
  const [reason, setReason] = useState('');
  const fail = (err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err));
  return (
    <>
      <Select
        allowClear
        style={{ minWidth: 160, marginBottom: 12 }}
        aria-label={t('maintenanceVisits.requests.filterStatus')}
        placeholder={t('maintenanceVisits.campaign.allStates')}
        value={status}
        onChange={setStatus}
        options={DATE_REQUEST_STATUSES.map((s) => ({
          value: s,
          label: t(`maintenanceVisits.requests.statuses.${s}`),
        }))}
      />
      <Table<TDateRequest>
        rowKey="id"
        data-testid="date-requests"
        size="small"
        loading={requests.isLoading}
        dataSource={requests.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('maintenanceVisits.requests.none')} /> }}
        columns={[
          { title: t('maintenanceVisits.requests.customer'), dataIndex: 'customerName', render: wide },
          { title: t('maintenanceVisits.requests.project'), dataIndex: 'projectName', render: wide },
          {
            title: t('maintenanceVisits.requests.workOrder'),
            dataIndex: 'workOrderNumber',
            render: nowrap,
          },
          {
            title: t('maintenanceVisits.requests.currentOn'),
            dataIndex: 'currentOn',
            render: nowrap,
          },
          {
            title: t('maintenanceVisits.requests.requestedOn'),
            dataIndex: 'requestedOn',
            render: nowrap,
          },
          { title: t('maintenanceVisits.requests.reason'), dataIndex: 'reason', render: wide },
          {
            title: t('maintenanceVisits.requests.status'),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={COLOURS[r.status]}>{t(`maintenanceVisits.requests.statuses.${r.status}`)}</Tag>
                {r.decisionReason && <span>{r.decisionReason}</span>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_, r) =>
              dispatch &&
              r.status === 'pending' && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    data-testid="date-request-confirm"
                    loading={decide.isPending}
                    onClick={() =>
                      decide.mutate(
                        { id: r.id, decision: 'confirm', version: r.version },
                        {
                          onSuccess: () => void message.success(t('maintenanceVisits.requests.confirmed')),
                          onError: fail,
                        },
                      )
                    }
                  >
                    {t('maintenanceVisits.requests.confirm')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      setReason('');
                      setDeclining(r);
                    }}
                  >
                    {t('maintenanceVisits.requests.decline')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={Boolean(declining)}
        title={t('maintenanceVisits.requests.decline')}
        okText={t('maintenanceVisits.requests.decline')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !reason.trim(), loading: decide.isPending }}
        onCancel={() => setDeclining(null)}
        onOk={() =>
          declining &&
          decide.mutate(
            { id: declining.id, decision: 'decline', reason: reason.trim(), version: declining.version },
            {
              onSuccess: () => {
                setDeclining(null);
                void message.success(t('maintenanceVisits.requests.declined'));
              },
              onError: fail,
            },
          )
        }
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          aria-label={t('maintenanceVisits.requests.declineReason')}
          placeholder={t('maintenanceVisits.requests.declineReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

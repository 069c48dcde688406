import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRecord, TRecordStatus } from '../../../../common/maintenance-visit-api.ts';
import { api } from '../../api/client.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { zonedTime } from '../../features/field/field-words.ts';
import { useMaintenanceRecords } from '../../features/maintenance/maintenance-records-query.ts';
import { maintenanceVisitKey } from '../../features/maintenance/visit-checklist-query.ts';

/** The service centre's review of signed maintenance records: approve, or return with the reason. */
export function RecordsTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const client = useQueryClient();
  const [status, setStatus] = useState<TRecordStatus>('signed');
  const records = useMaintenanceRecords(status);
  const [returning, setReturning] = useState<TRecord | null>(null);
  const [reason, setReason] = useState('');
  const reviewer = Boolean(me?.permissions.includes('maintenance.review'));
  const review = async (r: TRecord, decision: 'approve' | 'return', why?: string) => {
    try {
      await api.post(`/api/v1/maintenance/records/${r.visitId}/${decision}`, {
        version: r.version,
        reason: why,
      });
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: [maintenanceVisitKey] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as TRecordStatus)}
        options={(['signed', 'returned', 'approved'] as const).map((s) => ({
          value: s,
          label: t(`mvisit.statuses.${s}`),
        }))}
        style={{ marginBottom: 12 }}
      />
      <Table<TRecord>
        rowKey="visitId"
        size="small"
        loading={records.isLoading}
        dataSource={records.data ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('mvisit.workOrder'), dataIndex: 'workOrderNumber' },
          { title: t('mvisit.customer'), dataIndex: 'customerName' },
          { title: t('mvisit.project'), dataIndex: 'projectName' },
          { title: t('mvisit.engineer'), dataIndex: 'engineerName' },
          { title: t('mvisit.signedBy'), dataIndex: 'signedBy' },
          {
            title: t('mvisit.signedAt'),
            dataIndex: 'signedAt',
            render: (v: string) => zonedTime(v, i18n.language, me?.organisationTimeZone),
          },
          {
            title: t('mvisit.status'),
            render: (_, r) => (
              <Space wrap>
                <Tag>{t(`mvisit.statuses.${r.status}`)}</Tag>
                {r.dangers > 0 && <Tag color="red">{t('mvisit.dangers', { count: r.dangers })}</Tag>}
                {r.returnReason && <span>{r.returnReason}</span>}
              </Space>
            ),
          },
          {
            title: t('mvisit.review'),
            render: (_, r) => (
              <Space wrap>
                <Button size="small" href={`/api/v1/maintenance/records/${r.visitId}/pdf`}>
                  {t('mvisit.pdf')}
                </Button>
                {reviewer && r.status === 'signed' && (
                  <>
                    <Button size="small" type="primary" onClick={() => void review(r, 'approve')}>
                      {t('mvisit.approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => {
                        setReason('');
                        setReturning(r);
                      }}
                    >
                      {t('mvisit.return')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={returning !== null}
        title={t('mvisit.return')}
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onOk={() => {
          const r = returning!;
          setReturning(null);
          void review(r, 'return', reason.trim());
        }}
        onCancel={() => setReturning(null)}
        okText={t('mvisit.return')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('mvisit.returnReason')}
          placeholder={t('mvisit.returnReason')}
        />
      </Modal>
    </>
  );
}

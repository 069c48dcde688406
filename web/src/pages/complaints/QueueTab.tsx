import { Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TComplaintListItem } from '../../../../common/complaints-api.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useComplaints } from '../../features/complaints/complaints-query.ts';
import { NewComplaintModal } from './NewComplaintModal.tsx';
import { statusColor } from './status-colors.ts';

/** The complaint queue: open ones first by default, with the deadline marks. */
export function QueueTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const [open, setOpen] = useState<'true' | 'all'>('true');
  const [creating, setCreating] = useState(false);
  const list = useComplaints({ open: open === 'all' ? undefined : open });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={open}
          onChange={(v) => setOpen(v as 'true' | 'all')}
          options={[
            { value: 'true', label: t('complaints.openOnly') },
            { value: 'all', label: t('complaints.all') },
          ]}
        />
        {manage && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="complaint-new">
            {t('complaints.newComplaint')}
          </Button>
        )}
      </Space>
      <Table<TComplaintListItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('complaints.empty') }}
        data-testid="complaint-queue"
        columns={[
          {
            title: t('complaints.number'),
            render: (_, c) => <Link to={`/console/complaints/${c.id}`}>{c.number}</Link>,
          },
          { title: t('complaints.customer'), dataIndex: 'customerName' },
          { title: t('complaints.complainant'), dataIndex: 'complainantName' },
          { title: t('complaints.category'), render: (_, c) => t(`complaints.categories.${c.category}`) },
          {
            title: t('complaints.status'),
            render: (_, c) => (
              <Space size={4} wrap>
                <Tag color={statusColor[c.status]}>{t(`complaints.statuses.${c.status}`)}</Tag>
                {c.round > 1 && <Tag>{t('complaints.round', { round: c.round })}</Tag>}
                {c.breached ? (
                  <Tag color="red">{t('complaints.breached')}</Tag>
                ) : c.warning ? (
                  <Tag color="orange">{t('complaints.warning')}</Tag>
                ) : null}
              </Space>
            ),
          },
          { title: t('complaints.responsible'), render: (_, c) => c.responsibleName ?? '—' },
          { title: t('complaints.receivedAt'), render: (_, c) => time.dateTime(c.receivedAt) },
          { title: t('complaints.expectedAnswer'), render: (_, c) => time.dateTime(c.expectedAnswerAt) },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
      />
      {creating && <NewComplaintModal onClose={() => setCreating(false)} />}
    </>
  );
}

import { Button, Drawer, Empty, Progress, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAMPAIGN_VISIT_STATES,
  type TCampaign,
  type TCampaignVisit,
} from '../../../../common/maintenance-visits-api.ts';
import { useCampaign } from '../../features/maintenance/campaign-query.ts';
import { useCampaigns } from '../../features/maintenance/campaigns-query.ts';
import { CampaignFormModal } from './CampaignFormModal.tsx';

/** Names keep a readable width when the table is squeezed on a phone (it scrolls instead). */
const wide = (text: string) => <div style={{ minWidth: 120 }}>{text}</div>;
const STATE_COLOURS = { planned: 'blue', done: 'green', overdue: 'red', cancelled: 'default' } as const;

/** The campaign board: planned / done / findings / overdue per campaign, with the visits behind each. */
export function CampaignsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [state, setState] = useState<string | undefined>();
  const drill = (id: string, s?: string) => {
    setOpen(id);
    setState(s);
  };
  const count = (key: keyof TCampaign['counts'], colour?: string) => ({
    title: t(`maintenanceVisits.campaign.${key}`),
    render: (_: unknown, r: TCampaign) => (
      <Button
        type="link"
        style={{ padding: 0, color: colour && r.counts[key] ? colour : undefined }}
        onClick={() => drill(r.id, key === 'planned' || key === 'findings' ? undefined : key)}
      >
        {r.counts[key]}
      </Button>
    ),
  });
  return (
    <>
      {manage && (
        <Button
          type="primary"
          style={{ marginBottom: 12 }}
          onClick={() => setCreating(true)}
          data-testid="campaign-new"
        >
          {t('maintenanceVisits.campaign.new')}
        </Button>
      )}
      <Table<TCampaign>
        rowKey="id"
        data-testid="campaign-board"
        size="small"
        loading={campaigns.isLoading}
        dataSource={campaigns.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('maintenanceVisits.campaign.none')} /> }}
        columns={[
          {
            title: t('maintenanceVisits.campaign.name'),
            render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => drill(r.id)}>
                {r.name}
              </Button>
            ),
          },
          {
            title: t('maintenanceVisits.campaign.occasion'),
            render: (_, r) => <Tag>{t(`maintenanceVisits.campaign.occasions.${r.occasion}`)}</Tag>,
          },
          {
            title: t('maintenanceVisits.campaign.deadline'),
            dataIndex: 'deadline',
            render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span>,
          },
          { title: t('maintenanceVisits.campaign.sites'), dataIndex: 'siteCount' },
          count('planned'),
          count('done'),
          count('findings', '#ad4e00'),
          count('overdue', '#a8071a'),
          {
            title: t('maintenanceVisits.campaign.progress'),
            render: (_, r) => (
              <Progress
                size="small"
                style={{ minWidth: 120 }}
                percent={r.counts.planned ? Math.round((100 * r.counts.done) / r.counts.planned) : 0}
                aria-label={t('maintenanceVisits.campaign.progress')}
              />
            ),
          },
        ]}
      />
      {creating && (
        <CampaignFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            drill(id);
          }}
        />
      )}
      {open && <CampaignDrawer id={open} state={state} onState={setState} onClose={() => setOpen(null)} />}
    </>
  );
}

function CampaignDrawer({
  id,
  state,
  onState,
  onClose,
}: {
  id: string;
  state?: string;
  onState: (s?: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const campaign = useCampaign(id, state);
  const c = campaign.data;
  return (
    <Drawer
      open
      width={Math.min(860, window.innerWidth)}
      title={c?.name ?? t('common.loading')}
      onClose={onClose}
    >
      {c && (
        <>
          <p>
            {t(`maintenanceVisits.campaign.occasions.${c.occasion}`)} ·{' '}
            {t('maintenanceVisits.campaign.deadline')} {c.deadline} · {c.reason}
          </p>
          <Space style={{ marginBottom: 12 }}>
            <Select
              allowClear
              style={{ minWidth: 160 }}
              placeholder={t('maintenanceVisits.campaign.allStates')}
              aria-label={t('maintenanceVisits.campaign.state')}
              value={state}
              onChange={onState}
              options={CAMPAIGN_VISIT_STATES.map((s) => ({
                value: s,
                label: t(`maintenanceVisits.campaign.states.${s}`),
              }))}
            />
          </Space>
          <Table<TCampaignVisit>
            rowKey="visitId"
            data-testid="campaign-visits"
            size="small"
            loading={campaign.isFetching}
            dataSource={c.visits}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('maintenanceVisits.campaign.customer'), dataIndex: 'customerName', render: wide },
              { title: t('maintenanceVisits.campaign.project'), dataIndex: 'projectName', render: wide },
              { title: t('maintenanceVisits.campaign.assets'), render: (_, v) => v.assetIds.length },
              { title: t('maintenanceVisits.campaign.workOrder'), dataIndex: 'workOrderNumber' },
              {
                title: t('maintenanceVisits.campaign.engineer'),
                render: (_, v) => v.engineerName ?? t('maintenanceVisits.campaign.unassigned'),
              },
              {
                title: t('maintenanceVisits.campaign.state'),
                render: (_, v) => (
                  <Space size={4}>
                    <Tag color={STATE_COLOURS[v.state]}>
                      {t(`maintenanceVisits.campaign.states.${v.state}`)}
                    </Tag>
                    {v.finding && <Tag color="orange">{t('maintenanceVisits.campaign.finding')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

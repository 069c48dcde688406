import { App, Button, DatePicker, List, Popover, Select, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TWorkOrderListItem } from '../../../../common/field-api.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useEngineerSuggestions } from '../../features/field/engineer-suggestions-query.ts';
import { useEngineers } from '../../features/field/engineers-query.ts';
import { useFollowUps } from '../../features/field/follow-ups-query.ts';
import { useDispatchWorkOrder } from '../../features/field/work-order-dispatch-mutation.ts';
import { useWorkOrders } from '../../features/field/work-orders-query.ts';
import { SlaCountdown } from '../../features/sla/SlaCountdown.tsx';
import { ScheduleBoard } from './ScheduleBoard.tsx';

const TABS = ['unassigned', 'open', 'schedule', 'followups'];

/** 派工台: open work with its on-site deadline; assign or reschedule; engineers by current load. */
export function DispatchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // ?tab=followups opens a tab directly (the workbench's figures link here).
  const [params] = useSearchParams();
  const [queue, setQueue] = useState(() => {
    const tab = params.get('tab');
    return tab && TABS.includes(tab) ? tab : 'unassigned';
  });
  const list = useWorkOrders({ queue: queue === 'unassigned' ? 'unassigned' : 'open' });
  const engineers = useEngineers();
  const save = useDispatchWorkOrder((err) => message.error(err.message));
  return (
    <>
      <h1 className="page-title">{t('nav.dispatch')}</h1>
      <Tabs
        activeKey={queue}
        onChange={setQueue}
        items={TABS.map((q) => ({
          key: q,
          label: <span data-testid={`dispatch-${q}`}>{t(`field.queues.${q}`)}</span>,
        }))}
      />
      {(queue === 'unassigned' || queue === 'open') && (
        <div className="toolbar">
          <ExportButton entity="work-orders" path="/api/v1/work-orders/export" filters={{ queue }} />
        </div>
      )}
      {queue === 'followups' && <FollowUps />}
      {queue === 'schedule' && <ScheduleBoard />}
      <Table<TWorkOrderListItem>
        style={queue === 'followups' || queue === 'schedule' ? { display: 'none' } : undefined}
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 1430 }}
        data-testid="dispatch-table"
        columns={[
          { title: t('field.number'), dataIndex: 'number', width: 150 },
          {
            title: t('field.summary'),
            dataIndex: 'summary',
            width: 260,
            render: (s: string, w) => (
              <>
                {w.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
                {s}
              </>
            ),
          },
          { title: t('tickets.customer'), dataIndex: 'customerName', width: 170 },
          { title: t('field.address'), dataIndex: 'address', width: 180 },
          {
            title: t('field.onSiteDue'),
            dataIndex: 'onSiteDueAt',
            width: 150,
            render: (d: string | null) => (d ? <SlaCountdown dueAt={d} /> : '—'),
          },
          {
            title: t('field.engineer'),
            key: 'engineer',
            width: 200,
            render: (_: unknown, w) => (
              <Select
                style={{ width: 190 }}
                allowClear
                value={w.engineerId ?? undefined}
                placeholder={t('field.assign')}
                onChange={(engineerId) =>
                  save.mutate({ id: w.id, version: w.version, engineerId: engineerId ?? null })
                }
                options={(engineers.data ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.displayName} (${t('field.load', { count: e.openWorkOrders })})`,
                }))}
                data-testid={`dispatch-assign-${w.number}`}
              />
            ),
          },
          {
            title: t('field.suggested'),
            key: 'suggest',
            width: 110,
            render: (_: unknown, w) => (
              <Suggestions
                workOrder={w}
                onPick={(engineerId) => save.mutate({ id: w.id, version: w.version, engineerId })}
              />
            ),
          },
          {
            title: t('field.scheduled'),
            key: 'scheduled',
            width: 200,
            render: (_: unknown, w) => (
              <DatePicker
                showTime
                value={w.scheduledAt ? dayjs(w.scheduledAt) : null}
                onChange={(d) =>
                  save.mutate({ id: w.id, version: w.version, scheduledAt: d ? d.toISOString() : null })
                }
              />
            ),
          },
        ]}
      />
    </>
  );
}

/** Follow-up visits due after completed work (篇1 四.3). */
function FollowUps() {
  const { t, i18n } = useTranslation();
  const list = useFollowUps();
  return (
    <>
      <div className="toolbar">
        <ExportButton entity="follow-ups" path="/api/v1/follow-ups/export" />
      </div>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data ?? []}
        columns={[
          {
            title: t('field.dueAt'),
            dataIndex: 'dueAt',
            render: (d: string) => new Date(d).toLocaleString(i18n.language),
          },
          { title: t('field.number'), dataIndex: 'workOrderNumber' },
          { title: t('tickets.customer'), dataIndex: 'customerName' },
        ]}
      />
    </>
  );
}

/** Who should go: the engineers ranked for this work, with the reasons; one click assigns. */
function Suggestions({
  workOrder,
  onPick,
}: {
  workOrder: TWorkOrderListItem;
  onPick: (engineerId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const list = useEngineerSuggestions(workOrder.id, open);
  const reason = (r: string) => {
    const [key, ...rest] = r.split(':');
    const value = rest.join(':');
    return key === 'can_start'
      ? `${t('field.reasons.can_start')} ${new Date(value).toLocaleString(i18n.language)}`
      : t(`field.reasons.${key}`, { value, defaultValue: r });
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('field.suggested')}
      content={
        <List
          size="small"
          style={{ width: 340 }}
          loading={list.isLoading}
          dataSource={list.data ?? []}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button
                  key="assign"
                  size="small"
                  type="primary"
                  disabled={!s.available}
                  onClick={() => {
                    setOpen(false);
                    onPick(s.engineerId);
                  }}
                >
                  {t('field.assignShort')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={`${s.displayName} · ${s.score}`}
                description={s.reasons.map(reason).join('，')}
              />
            </List.Item>
          )}
        />
      }
    >
      <Button size="small" data-testid={`dispatch-suggest-${workOrder.number}`}>
        {t('field.suggest')}
      </Button>
    </Popover>
  );
}

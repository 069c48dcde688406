import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, DatePicker, List, Popover, Select, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TWorkOrderListItem } from '../../../../common/field-api.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useEngineerSuggestions } from '../../features/field/engineer-suggestions-query.ts';
import { useEngineers } from '../../features/field/engineers-query.ts';
import { suggestionReasonText } from '../../features/field/field-words.ts';
import { useFollowUps } from '../../features/field/follow-ups-query.ts';
import { useSchedule } from '../../features/field/use-schedule.ts';
import { useWorkOrders } from '../../features/field/work-orders-query.ts';
import { SlaCountdown } from '../../features/sla/SlaCountdown.tsx';
import { ScheduleBoard } from './ScheduleBoard.tsx';

const TABS = ['unassigned', 'open', 'schedule', 'followups'];

/** 派工台: open work with its on-site deadline; assign or reschedule; engineers by current load. */
export function DispatchPage() {
  const { t } = useTranslation();
  // ?tab=followups opens a tab directly (the workbench's figures link here).
  const [params] = useSearchParams();
  const [queue, setQueue] = useState(() => {
    const tab = params.get('tab');
    return tab && TABS.includes(tab) ? tab : 'unassigned';
  });
  const list = useWorkOrders({ queue: queue === 'unassigned' ? 'unassigned' : 'open' });
  const engineers = useEngineers();
  const { schedule } = useSchedule();
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
      {/* Fixed layout over the page's width: the long texts are cut with an ellipsis (full on hover), never the table. */}
      <Table<TWorkOrderListItem>
        style={queue === 'followups' || queue === 'schedule' ? { display: 'none' } : undefined}
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="dispatch-table"
        columns={[
          { title: t('field.number'), dataIndex: 'number', width: 136 },
          {
            title: t('field.summary'),
            dataIndex: 'summary',
            ellipsis: { showTitle: true },
            render: (s: string, w) => (
              <>
                {w.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
                {s}
              </>
            ),
          },
          { title: t('tickets.customer'), dataIndex: 'customerName', width: '13%', ellipsis: true },
          { title: t('field.address'), dataIndex: 'address', width: '13%', ellipsis: true },
          {
            title: t('field.onSiteDue'),
            dataIndex: 'onSiteDueAt',
            width: 118,
            render: (d: string | null, w) =>
              d ? (
                <SlaCountdown dueAt={d} />
              ) : w.dueWindow ? (
                <span data-testid={`due-window-${w.number}`}>
                  {t('field.dueWindow', { from: w.dueWindow.from, by: w.dueWindow.by })}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('field.engineer'),
            key: 'engineer',
            width: 168,
            render: (_: unknown, w) => (
              <Select
                style={{ width: '100%' }}
                allowClear
                value={w.engineerId ?? undefined}
                placeholder={t('field.assign')}
                aria-label={`${t('field.engineer')} ${w.number}`}
                onChange={(engineerId) => schedule(w, { engineerId: engineerId ?? null })}
                options={(engineers.data ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.displayName} (${t('field.load', { count: e.openWorkOrders })})`,
                }))}
                popupMatchSelectWidth={240}
                data-testid={`dispatch-assign-${w.number}`}
              />
            ),
          },
          {
            title: t('field.suggested'),
            key: 'suggest',
            width: 104,
            render: (_: unknown, w) => (
              <Suggestions workOrder={w} onPick={(engineerId) => schedule(w, { engineerId })} />
            ),
          },
          {
            title: t('field.scheduled'),
            key: 'scheduled',
            width: 176,
            render: (_: unknown, w) => (
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                value={w.scheduledAt ? dayjs(w.scheduledAt) : null}
                aria-label={`${t('field.scheduled')} ${w.number}`}
                onChange={(d) => schedule(w, { scheduledAt: d ? d.toISOString() : null })}
                data-testid={`dispatch-schedule-${w.number}`}
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
          { title: t('field.number'), dataIndex: 'reference' },
          { title: t('tickets.customer'), dataIndex: 'customerName' },
        ]}
      />
    </>
  );
}

/** Who should go: the engineers ranked for this work with a fit out of 100 and its reasons in words; one click assigns. */
function Suggestions({
  workOrder,
  onPick,
}: {
  workOrder: TWorkOrderListItem;
  onPick: (engineerId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = useMe().data?.organisationTimeZone;
  const [open, setOpen] = useState(false);
  const list = useEngineerSuggestions(workOrder.id, open);
  const color = { plus: '#389e0d', minus: '#cf1322', info: '#595959' } as const;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={
        <Space>
          {t('field.suggested')}
          <Tooltip title={t('field.fitHelp')}>
            <QuestionCircleOutlined aria-label={t('field.fitHelp')} />
          </Tooltip>
        </Space>
      }
      content={
        <List
          size="small"
          style={{ width: 400, maxHeight: 460, overflowY: 'auto' }}
          loading={list.isLoading}
          dataSource={list.data ?? []}
          data-testid="dispatch-suggestions"
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
                title={
                  <Space>
                    {s.displayName}
                    <Tooltip title={t('field.fitHelp')}>
                      <Tag color={s.score >= 70 ? 'green' : s.score >= 40 ? 'gold' : 'default'}>
                        {t('field.fit', { score: s.score })}
                      </Tag>
                    </Tooltip>
                  </Space>
                }
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="suggestion-reasons">
                    {s.reasons.map((r) => (
                      <li key={r.code} style={{ color: color[r.effect] }}>
                        {suggestionReasonText(t, r, i18n.language, zone)}
                      </li>
                    ))}
                  </ul>
                }
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

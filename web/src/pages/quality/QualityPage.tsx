import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  ALERT_STATUSES,
  CASE_STATUSES,
  type TFeedbackForm,
  type TQualityAlert,
  type TQualityCase,
  type TUpdateQualitySettingsRequest,
} from '../../../../common/quality-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { AlertInspectionsCard } from '../../features/quality/AlertInspectionsCard.tsx';
import { useQualityAlerts } from '../../features/quality/alerts-query.ts';
import { useCreateQualityCase } from '../../features/quality/case-create-mutation.ts';
import { useQualityCases } from '../../features/quality/cases-query.ts';
import { useDetectNow } from '../../features/quality/detect-mutation.ts';
import { useFeedbackForms } from '../../features/quality/feedback-list-query.ts';
import { useQualitySettings } from '../../features/quality/settings-query.ts';
import { useQualitySettingsSave } from '../../features/quality/settings-save-mutation.ts';

/** Quality (质量): early warnings, quality cases, field feedback forms and the warning settings. */
export function QualityPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = (p: string) => Boolean(me?.permissions.includes(p as never));
  return (
    <>
      <h1 className="page-title">{t('quality.title')}</h1>
      <Tabs
        items={[
          {
            key: 'alerts',
            label: t('quality.tabs.alerts'),
            children: <AlertsTab manage={can('quality.manage')} />,
          },
          { key: 'cases', label: t('quality.tabs.cases'), children: <CasesTab /> },
          {
            key: 'feedback',
            label: t('quality.tabs.feedback'),
            children: <FeedbackTab manage={can('quality.manage')} />,
          },
          {
            key: 'settings',
            label: t('quality.tabs.settings'),
            children: <SettingsForm manage={can('quality.settings')} />,
          },
        ]}
      />
    </>
  );
}

const categoryOf = (c: string, unclassified: string) => c || unclassified;

function AlertsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const time = useOrganisationTime();
  const [status, setStatus] = useState<string>();
  const [open, setOpen] = useState<TQualityAlert | null>(null);
  const list = useQualityAlerts({ status });
  const detectNow = useDetectNow();
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('quality.allStatuses')}
          aria-label={t('quality.alerts.status')}
          value={status}
          onChange={setStatus}
          options={ALERT_STATUSES.map((s) => ({ value: s, label: t(`quality.alerts.statuses.${s}`) }))}
        />
        {manage && (
          <Button
            loading={detectNow.isPending}
            onClick={() =>
              detectNow.mutate(undefined, {
                onSuccess: (r) => void message.success(t('quality.detected', r)),
                onError: (err) => void message.error(err.message),
              })
            }
            data-testid="quality-detect"
          >
            {t('quality.detectNow')}
          </Button>
        )}
      </Space>
      <Table<TQualityAlert>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('quality.alerts.empty') }}
        data-testid="quality-alerts"
        columns={[
          {
            title: t('quality.alerts.number'),
            dataIndex: 'number',
            render: (v: string, a) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(a)} data-testid="alert-open">
                {v}
              </Button>
            ),
          },
          {
            title: t('quality.alerts.group'),
            render: (_, a) => (
              <>
                {a.groupName}
                <div style={{ color: '#4b5563', fontSize: 12 }}>
                  {t(`quality.alerts.groupKinds.${a.groupKind}`)}
                </div>
              </>
            ),
          },
          {
            title: t('quality.alerts.faultCategory'),
            dataIndex: 'faultCategory',
            render: (c: string) => categoryOf(c, t('quality.alerts.unclassified')),
          },
          {
            title: t('quality.alerts.level'),
            dataIndex: 'level',
            render: (l: string) => (
              <Tag color={l === 'year' ? 'red' : l === 'quarter' ? 'orange' : 'gold'}>
                {t(`quality.alerts.levels.${l}`)}
              </Tag>
            ),
          },
          {
            title: t('quality.alerts.reason'),
            dataIndex: 'reason',
            render: (r: string) => t(`quality.alerts.reasons.${r}`),
          },
          { title: t('quality.alerts.count'), dataIndex: 'count' },
          { title: t('quality.alerts.expected'), dataIndex: 'expected', render: (e: number) => e.toFixed(1) },
          {
            title: t('quality.alerts.status'),
            dataIndex: 'status',
            render: (s: string) => t(`quality.alerts.statuses.${s}`),
          },
          {
            title: t('quality.alerts.raisedAt'),
            dataIndex: 'raisedAt',
            render: (v: string) => time.dateTime(v),
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <Drawer
        open={Boolean(open)}
        onClose={() => setOpen(null)}
        title={open ? `${t('quality.alerts.number')} ${open.number}` : ''}
        width={560}
        destroyOnHidden
      >
        {open && <AlertDetail alert={open} manage={manage} />}
      </Drawer>
    </>
  );
}

function AlertDetail({ alert: a, manage }: { alert: TQualityAlert; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const time = useOrganisationTime();
  const create = useCreateQualityCase();
  const [form] = Form.useForm<{ description: string }>();
  return (
    <div data-testid="alert-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('quality.alerts.group')}>
          {a.groupName}（{t(`quality.alerts.groupKinds.${a.groupKind}`)}）
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.faultCategory')}>
          {categoryOf(a.faultCategory, t('quality.alerts.unclassified'))}
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.level')}>
          {t(`quality.alerts.levels.${a.level}`)} · {t(`quality.alerts.reasons.${a.reason}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.period')}>
          {a.periodStart} – {a.periodEnd}
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.count')}>{a.count}</Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.expected')}>{a.expected.toFixed(2)}</Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.probability')}>
          {a.pValue.toPrecision(2)}
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.units')}>{a.units}</Descriptions.Item>
      </Descriptions>
      <h3 style={{ marginTop: 16 }}>{t('quality.alerts.evidence')}</h3>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('quality.alerts.tickets')}>
          <Space wrap data-testid="alert-evidence-tickets">
            {a.evidence.tickets.map((x) => (
              <Link key={x.id} to={`/console/tickets/${x.id}`} title={time.dateTime(x.createdAt)}>
                {x.number}
              </Link>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('quality.alerts.assets')}>
          <Space wrap>
            {a.evidence.assets.map((x) => (
              <Link key={x.id} to={`/console/assets/${x.id}`}>
                {x.serial}（{x.productModel}）
              </Link>
            ))}
          </Space>
        </Descriptions.Item>
        {a.evidence.batches.length > 0 && (
          <Descriptions.Item label={t('quality.alerts.batches')}>
            {a.evidence.batches.join('、')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <AlertInspectionsCard alertId={a.id} canStart={manage} />
      {a.caseId ? (
        <Link to={`/console/quality/cases/${a.caseId}`} data-testid="alert-case-link">
          {t('quality.alerts.viewCase', { number: a.caseNumber })}
        </Link>
      ) : (
        manage && (
          <Form
            form={form}
            layout="vertical"
            style={{ marginTop: 16 }}
            onFinish={(v) =>
              create.mutate(
                {
                  sourceKind: 'alert',
                  sourceId: a.id,
                  assetIds: a.evidence.assets.slice(0, 50).map((x) => x.id),
                  batches: a.evidence.batches,
                  description: v.description,
                },
                {
                  onSuccess: (c) => navigate(`/console/quality/cases/${c.id}`),
                  onError: (err) => void message.error(applyServerErrors(form, err)),
                },
              )
            }
          >
            <Form.Item name="description" label={t('quality.cases.description')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="alert-case-description" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending}
              data-testid="alert-create-case"
            >
              {t('quality.alerts.openCase')}
            </Button>
          </Form>
        )
      )}
    </div>
  );
}

function CasesTab() {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const [status, setStatus] = useState<string>();
  const list = useQualityCases({ status });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('quality.allStatuses')}
          aria-label={t('quality.cases.status')}
          value={status}
          onChange={setStatus}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`quality.cases.statuses.${s}`) }))}
        />
      </Space>
      <Table<TQualityCase>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('quality.cases.empty') }}
        data-testid="quality-cases"
        columns={[
          {
            title: t('quality.cases.number'),
            dataIndex: 'number',
            render: (v: string, c) => <Link to={`/console/quality/cases/${c.id}`}>{v}</Link>,
          },
          {
            title: t('quality.cases.status'),
            dataIndex: 'status',
            render: (s: string) => t(`quality.cases.statuses.${s}`),
          },
          {
            title: t('quality.cases.source'),
            render: (_, c) => `${t(`quality.cases.sources.${c.sourceKind}`)} ${c.sourceNumber}`,
          },
          {
            title: t('quality.cases.productModel'),
            dataIndex: 'productModel',
            render: (v: string | null) => v ?? '—',
          },
          { title: t('quality.cases.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('quality.cases.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => time.dateTime(v),
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}

function FeedbackTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const time = useOrganisationTime();
  const list = useFeedbackForms();
  const create = useCreateQualityCase();
  return (
    <>
      <Table<TFeedbackForm>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('quality.feedback.empty') }}
        data-testid="quality-feedback"
        columns={[
          {
            title: t('quality.feedback.workOrder'),
            dataIndex: 'workOrderNumber',
          },
          { title: t('quality.feedback.engineer'), dataIndex: 'engineerName' },
          { title: t('quality.feedback.faultFound'), dataIndex: 'faultFound', ellipsis: true },
          { title: t('quality.feedback.cause'), dataIndex: 'cause', ellipsis: true },
          { title: t('quality.feedback.customerOpinion'), dataIndex: 'customerOpinion', ellipsis: true },
          {
            title: t('quality.feedback.submittedAt'),
            dataIndex: 'submittedAt',
            render: (v: string) => time.dateTime(v),
          },
          {
            title: t('quality.cases.number'),
            render: (_, f) =>
              f.caseId ? (
                <Link to={`/console/quality/cases/${f.caseId}`}>{t('quality.feedback.hasCase')}</Link>
              ) : (
                manage && (
                  <Button
                    size="small"
                    loading={create.isPending}
                    onClick={() =>
                      create.mutate(
                        {
                          sourceKind: 'feedback',
                          sourceId: f.id,
                          assetIds: [],
                          batches: [],
                          description: `${f.faultFound}：${f.cause}`,
                        },
                        {
                          onSuccess: (c) => navigate(`/console/quality/cases/${c.id}`),
                          onError: (err) => void message.error(err.message),
                        },
                      )
                    }
                  >
                    {t('quality.cases.new')}
                  </Button>
                )
              ),
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}

function SettingsForm({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useQualitySettings();
  const save = useQualitySettingsSave();
  const [form] = Form.useForm<TUpdateQualitySettingsRequest>();
  if (!settings.data) return null;
  const s = settings.data;
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      key={s.version}
      initialValues={{
        level: s.level,
        minCount: s.minCount,
        consecutivePeriods: s.consecutivePeriods,
        historyMonths: s.historyMonths,
      }}
      disabled={!manage}
      onFinish={(v) =>
        save.mutate(
          { ...v, version: s.version },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (err) => void message.error(applyServerErrors(form, err)),
          },
        )
      }
    >
      <Alert type="info" showIcon message={t('quality.settings.help')} style={{ marginBottom: 16 }} />
      <Form.Item name="level" label={t('quality.settings.level')} rules={[{ required: true }]}>
        <InputNumber min={0.000001} max={0.2} step={0.001} />
      </Form.Item>
      <Form.Item name="minCount" label={t('quality.settings.minCount')} rules={[{ required: true }]}>
        <InputNumber min={1} max={1000} precision={0} />
      </Form.Item>
      <Form.Item
        name="consecutivePeriods"
        label={t('quality.settings.consecutivePeriods')}
        rules={[{ required: true }]}
      >
        <InputNumber min={2} max={12} precision={0} />
      </Form.Item>
      <Form.Item
        name="historyMonths"
        label={t('quality.settings.historyMonths')}
        rules={[{ required: true }]}
      >
        <InputNumber min={3} max={60} precision={0} />
      </Form.Item>
      {manage && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

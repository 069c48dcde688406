import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  RETURN_OUTCOMES,
  RETURN_STATUSES,
  RETURN_WINDOW_FROM,
  type TReturn,
  type TUpdateReturnSettingsRequest,
} from '../../../../common/returns-api.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { ReturnRequestForm } from '../../features/returns/ReturnRequestForm.tsx';
import { ReturnStatusTag } from '../../features/returns/ReturnStatusTag.tsx';
import { useReturnSettings } from '../../features/returns/return-settings-query.ts';
import { useReturnSettingsSave } from '../../features/returns/return-settings-save-mutation.ts';
import { useReturns } from '../../features/returns/returns-query.ts';

/** Returns (退货 / RMA): the list with its filters and Excel export, a new request, the settings. */
export function ReturnsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = (p: string) => Boolean(me?.permissions.includes(p as never));
  return (
    <>
      <h1 className="page-title">{t('returns.title')}</h1>
      <Tabs
        items={[
          {
            key: 'list',
            label: t('returns.list'),
            children: (
              <ReturnsList canRequest={can('returns.request')} canOverride={can('returns.approve')} />
            ),
          },
          {
            key: 'settings',
            label: t('returns.settingsTab'),
            children: <ReturnSettingsForm manage={can('returns.manage')} />,
          },
        ]}
      />
    </>
  );
}

function ReturnsList({ canRequest, canOverride }: { canRequest: boolean; canOverride: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const time = useOrganisationTime();
  const [status, setStatus] = useState<string>();
  const [outcome, setOutcome] = useState<string>();
  const [q, setQ] = useState<string>();
  const [open, setOpen] = useState(false);
  const filters = { status, outcome, q };
  const list = useReturns(filters);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('returns.allStatuses')}
          aria-label={t('returns.status')}
          value={status}
          onChange={setStatus}
          options={RETURN_STATUSES.map((s) => ({ value: s, label: t(`returns.statuses.${s}`) }))}
          data-testid="returns-status-filter"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('returns.allOutcomes')}
          aria-label={t('returns.outcome')}
          value={outcome}
          onChange={setOutcome}
          options={RETURN_OUTCOMES.map((s) => ({ value: s, label: t(`returns.outcomes.${s}`) }))}
        />
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('returns.search')}
          aria-label={t('returns.search')}
          onSearch={(v) => setQ(v || undefined)}
        />
        <ExportButton entity="returns" path="/api/v1/returns/export" filters={filters} />
        {canRequest && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="return-new"
          >
            {t('returns.newReturn')}
          </Button>
        )}
      </Space>
      <Table<TReturn>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('returns.empty') }}
        data-testid="returns-table"
        columns={[
          {
            title: t('returns.number'),
            dataIndex: 'number',
            render: (v: string, r) => <Link to={`/console/returns/${r.id}`}>{v}</Link>,
          },
          { title: t('returns.status'), dataIndex: 'status', render: (s) => <ReturnStatusTag status={s} /> },
          { title: t('returns.customer'), dataIndex: 'customerName' },
          { title: t('returns.product'), render: (_, r) => `${r.productName} (${r.productModel})` },
          { title: t('returns.serial'), dataIndex: 'serial' },
          {
            title: t('returns.outcome'),
            dataIndex: 'outcome',
            render: (o: string | null) => (o ? t(`returns.outcomes.${o}`) : '—'),
          },
          {
            title: t('returns.requestedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => time.dateTime(v),
          },
          {
            title: t('returns.deadline'),
            dataIndex: 'deadline',
            render: (v: string | null, r) => (
              <>
                {v ?? '—'} {!r.withinWindow && <span style={{ color: '#b91c1c' }}>{t('returns.late')}</span>}
              </>
            ),
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <Modal
        open={open}
        title={t('returns.newReturn')}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ReturnRequestForm
          staff
          canOverride={canOverride}
          onCreated={(r) => {
            setOpen(false);
            navigate(`/console/returns/${r.id}`);
          }}
        />
      </Modal>
    </>
  );
}

function ReturnSettingsForm({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useReturnSettings();
  const save = useReturnSettingsSave();
  const [form] = Form.useForm<TUpdateReturnSettingsRequest>();
  if (!settings.data) return null;
  const s = settings.data;
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      key={s.version}
      initialValues={{ defaultReturnDays: s.defaultReturnDays, windowFrom: s.windowFrom }}
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
      <Alert type="info" showIcon message={t('returns.settings.help')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="defaultReturnDays"
        label={t('returns.settings.defaultReturnDays')}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={3650} precision={0} />
      </Form.Item>
      <Form.Item name="windowFrom" label={t('returns.settings.windowFrom')}>
        <Select
          options={RETURN_WINDOW_FROM.map((v) => ({
            value: v,
            label: t(`returns.settings.windowFroms.${v}`),
          }))}
        />
      </Form.Item>
      {manage && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUGGESTION_SOURCES, type TSuggestion } from '../../../../common/complaints-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useSuggestionCreate } from '../../features/complaints/suggestion-create-mutation.ts';
import { useSuggestionStep } from '../../features/complaints/suggestion-step-mutation.ts';
import { useSuggestions } from '../../features/complaints/suggestions-query.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';

const STATUS_COLOR = {
  registered: 'blue',
  evaluated: 'gold',
  planned: 'green',
  declined: 'default',
} as const;
type Dialog = { kind: 'new' } | { kind: 'evaluate' | 'decide' | 'effect'; s: TSuggestion } | null;

/** 改进建议: the list, and for those who manage them evaluation, decision and the effect. */
export function SuggestionsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const list = useSuggestions({});
  const [dialog, setDialog] = useState<Dialog>(null);
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setDialog({ kind: 'new' })}>
        {t('complaints.suggestions.new')}
      </Button>
      <Table<TSuggestion>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('complaints.suggestions.empty') }}
        columns={[
          { title: t('complaints.suggestions.number'), dataIndex: 'number' },
          { title: t('complaints.customer'), dataIndex: 'customerName' },
          { title: t('complaints.suggestions.titleField'), dataIndex: 'title' },
          {
            title: t('complaints.suggestions.source'),
            render: (_, s) => t(`complaints.suggestions.sources.${s.sourceKind}`),
          },
          {
            title: t('complaints.suggestions.status'),
            render: (_, s) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[s.status]}>{t(`complaints.suggestions.statuses.${s.status}`)}</Tag>
                {s.feasible !== null && (
                  <Tag>
                    {s.feasible
                      ? t('complaints.suggestions.feasible')
                      : t('complaints.suggestions.notFeasible')}
                  </Tag>
                )}
                {s.customerToldAt && <Tag color="cyan">{t('complaints.suggestions.customerTold')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('complaints.suggestions.effect'),
            render: (_, s) => (s.effectNote ? `${s.effectOn} ${s.effectNote}` : '—'),
          },
          { title: t('complaints.receivedAt'), render: (_, s) => time.date(s.createdAt) },
          ...(manage
            ? [
                {
                  title: '',
                  render: (_: unknown, s: TSuggestion) => (
                    <Space size={4}>
                      {(s.status === 'registered' || s.status === 'evaluated') && (
                        <Button size="small" onClick={() => setDialog({ kind: 'evaluate', s })}>
                          {t('complaints.suggestions.evaluate')}
                        </Button>
                      )}
                      {s.status === 'evaluated' && (
                        <Button size="small" onClick={() => setDialog({ kind: 'decide', s })}>
                          {t('complaints.suggestions.decide')}
                        </Button>
                      )}
                      {s.status === 'planned' && (
                        <Button size="small" onClick={() => setDialog({ kind: 'effect', s })}>
                          {t('complaints.suggestions.recordEffect')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
      />
      {dialog?.kind === 'new' && <NewSuggestion onClose={() => setDialog(null)} />}
      {dialog && dialog.kind !== 'new' && <SuggestionStep dialog={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

function NewSuggestion({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const customers = useCustomers({ q: q || undefined });
  const create = useSuggestionCreate();
  return (
    <Modal open title={t('complaints.suggestions.new')} onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ sourceKind: 'staff', language: 'zh-CN' }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: onClose,
            onError: (err) => void message.error(applyServerErrors(form, err)),
          })
        }
      >
        <Form.Item label={t('complaints.customer')} name="customerId" rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            options={customers.items.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.suggestions.source')} name="sourceKind">
          <Select
            options={SUGGESTION_SOURCES.map((s) => ({
              value: s,
              label: t(`complaints.suggestions.sources.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.suggestions.titleField')} name="title" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          label={t('complaints.suggestions.description')}
          name="description"
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label={t('complaints.contactEmail')} name="contactEmail" rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('complaints.language')} name="language">
          <Select
            options={(['zh-CN', 'en'] as const).map((l) => ({
              value: l,
              label: t(`complaints.languages.${l}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SuggestionStep({
  dialog,
  onClose,
}: {
  dialog: { kind: 'evaluate' | 'decide' | 'effect'; s: TSuggestion };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const step = useSuggestionStep();
  const { kind, s } = dialog;
  const submit = (body: Record<string, unknown>) =>
    step.mutate(
      { id: s.id, step: kind, body: { ...body, version: s.version } },
      { onSuccess: onClose, onError: (err) => void message.error(applyServerErrors(form, err)) },
    );
  return (
    <Modal
      open
      title={`${s.number} · ${t(`complaints.suggestions.${kind === 'effect' ? 'recordEffect' : kind}`)}`}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <p>{s.title}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ feasible: true, decision: 'planned', tellCustomer: true }}
        onFinish={(v) =>
          kind === 'evaluate'
            ? submit({
                feasible: v.feasible,
                costEstimateFen: v.cost == null ? null : Math.round(v.cost * 100),
                evaluationNote: v.evaluationNote || null,
              })
            : kind === 'decide'
              ? submit({ decision: v.decision, reason: v.reason || null, tellCustomer: v.tellCustomer })
              : submit({ effectNote: v.effectNote, effectOn: (v.effectOn as Dayjs).format('YYYY-MM-DD') })
        }
      >
        {kind === 'evaluate' && (
          <>
            <Form.Item name="feasible">
              <Radio.Group
                options={[
                  { value: true, label: t('complaints.suggestions.feasible') },
                  { value: false, label: t('complaints.suggestions.notFeasible') },
                ]}
              />
            </Form.Item>
            <Form.Item name="cost" label={t('complaints.suggestions.cost')}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="evaluationNote" label={t('complaints.suggestions.evaluationNote')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {kind === 'decide' && (
          <>
            <Form.Item name="decision">
              <Radio.Group
                options={[
                  { value: 'planned', label: t('complaints.suggestions.plan') },
                  { value: 'declined', label: t('complaints.suggestions.decline') },
                ]}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('complaints.suggestions.reason')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="tellCustomer" valuePropName="checked">
              <Checkbox>{t('complaints.suggestions.tellCustomer')}</Checkbox>
            </Form.Item>
          </>
        )}
        {kind === 'effect' && (
          <>
            <Form.Item
              name="effectNote"
              label={t('complaints.suggestions.effectNote')}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item
              name="effectOn"
              label={t('complaints.suggestions.effectOn')}
              rules={[{ required: true }]}
            >
              <DatePicker />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

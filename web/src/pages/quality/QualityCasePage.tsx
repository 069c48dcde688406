import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Timeline,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  CASE_DECISIONS,
  type TCaseDecision,
  type TQualityCaseDetail,
  TRAINING_TOPICS,
} from '../../../../common/quality-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useQualityCase } from '../../features/quality/case-query.ts';
import { useQualityCaseChange } from '../../features/quality/case-update-mutation.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';

/** A product quality case (产品质量处理单): its facts, analysis and decision, actions, closing, history. */
export function QualityCasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  const { data: me } = useMe();
  const q = useQualityCase(id);
  if (!q.data) return null;
  const c = q.data;
  const manage = Boolean(me?.permissions.includes('quality.manage')) && c.status === 'open';
  return (
    <div style={{ display: 'grid', gap: 16 }} data-testid="quality-case">
      <h1 className="page-title">
        {t('quality.cases.number')} {c.number}
      </h1>
      {c.reopenCount > 0 && c.status === 'open' && (
        <Alert type="warning" showIcon message={t('quality.cases.reopened', { count: c.reopenCount })} />
      )}
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('quality.cases.status')}>
            <span data-testid="case-status">{t(`quality.cases.statuses.${c.status}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.cases.source')}>
            {t(`quality.cases.sources.${c.sourceKind}`)} {c.sourceNumber}
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.cases.productModel')}>
            {c.productModel ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.cases.assets')}>
            {c.assets.map((a) => a.serial).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.cases.batches')}>
            {c.batches.join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.cases.createdBy')}>
            {c.createdByName} · {time.dateTime(c.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.cases.description')} span={2}>
            {c.description}
          </Descriptions.Item>
          {c.improvementNumber && (
            <Descriptions.Item label={t('quality.cases.decision')}>
              {t('quality.cases.improvementNumber', { number: c.improvementNumber })}
            </Descriptions.Item>
          )}
          {c.trainingNumber && (
            <Descriptions.Item label={t('quality.cases.decision')}>
              {t('quality.cases.trainingNumber', { number: c.trainingNumber })}
            </Descriptions.Item>
          )}
          {c.closedAt && (
            <>
              <Descriptions.Item label={t('quality.cases.closingCause')}>{c.closingCause}</Descriptions.Item>
              <Descriptions.Item label={t('quality.cases.closingAction')}>
                {c.closingAction}
              </Descriptions.Item>
              <Descriptions.Item label={t('quality.cases.closedAt')}>
                {time.dateTime(c.closedAt)}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        <Button href={`/api/v1/quality/cases/${c.id}/pdf?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}`}>
          {t('quality.cases.pdf')}
        </Button>
      </Card>
      <AnalysisForm c={c} manage={manage} />
      {manage && <CloseForm c={c} />}
      <Card size="small" title={t('quality.cases.timeline')}>
        <Timeline
          items={c.events.map((e) => ({
            children: `${time.dateTime(e.at)} · ${e.actorName} · ${t(`quality.cases.events.${e.kind}`)}${
              e.note && e.kind !== 'decided' ? `：${e.note}` : ''
            }`,
          }))}
        />
      </Card>
    </div>
  );
}

interface AnalysisValues {
  causeAnalysis?: string;
  decision?: TCaseDecision;
  trainingTopic?: (typeof TRAINING_TOPICS)[number];
  actions: { description: string; ownerId: string; dueOn: Dayjs; done: boolean }[];
}

function AnalysisForm({ c, manage }: { c: TQualityCaseDetail; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = useQualityCaseChange(c.id);
  const staff = useStaffDirectory({ enabled: manage });
  const [form] = Form.useForm<AnalysisValues>();
  const decision = Form.useWatch('decision', form);
  return (
    <Card
      size="small"
      title={`${t('quality.cases.causeAnalysis')} · ${t('quality.cases.decision')} · ${t('quality.cases.actions')}`}
    >
      <Form<AnalysisValues>
        form={form}
        layout="vertical"
        key={c.version}
        disabled={!manage}
        initialValues={{
          causeAnalysis: c.causeAnalysis ?? undefined,
          decision: c.decision ?? undefined,
          trainingTopic: c.trainingTopic ?? undefined,
          actions: c.actions.map((a) => ({
            description: a.description,
            ownerId: a.ownerId,
            dueOn: dayjs(a.dueOn),
            done: Boolean(a.doneAt),
          })),
        }}
        onFinish={(v) =>
          change.mutate(
            {
              step: 'update',
              body: {
                version: c.version,
                causeAnalysis: v.causeAnalysis?.trim() ? v.causeAnalysis : null,
                ...(v.decision ? { decision: v.decision } : {}),
                ...(v.decision === 'service' && v.trainingTopic ? { trainingTopic: v.trainingTopic } : {}),
                actions: (v.actions ?? []).map((a) => ({
                  description: a.description,
                  ownerId: a.ownerId,
                  dueOn: a.dueOn.format('YYYY-MM-DD'),
                  done: Boolean(a.done),
                })),
              },
            },
            {
              onSuccess: () => void message.success(t('common.saved')),
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="causeAnalysis" label={t('quality.cases.causeAnalysis')}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="case-analysis" />
        </Form.Item>
        <Form.Item name="decision" label={t('quality.cases.decision')}>
          <Radio.Group>
            <Space direction="vertical">
              {CASE_DECISIONS.map((d) => (
                <Radio key={d} value={d} data-testid={`case-decision-${d}`}>
                  {t(`quality.cases.decisions.${d}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {decision === 'service' && (
          <Form.Item
            name="trainingTopic"
            label={t('quality.cases.trainingTopic')}
            rules={[{ required: true }]}
          >
            <Select
              options={TRAINING_TOPICS.map((x) => ({ value: x, label: t(`quality.cases.topics.${x}`) }))}
            />
          </Form.Item>
        )}
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <div style={{ display: 'grid', gap: 8 }}>
              <strong>{t('quality.cases.actions')}</strong>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" data-testid="case-action">
                  <Form.Item name={[f.name, 'description']} rules={[{ required: true }]} noStyle>
                    <Input
                      placeholder={t('quality.cases.action')}
                      aria-label={t('quality.cases.action')}
                      style={{ width: 260 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerId']} rules={[{ required: true }]} noStyle>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('quality.cases.owner')}
                      aria-label={t('quality.cases.owner')}
                      style={{ width: 160 }}
                      options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]} noStyle>
                    <DatePicker
                      placeholder={t('quality.cases.dueOn')}
                      aria-label={t('quality.cases.dueOn')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'done']} valuePropName="checked" noStyle>
                    <Checkbox data-testid="case-action-done">{t('quality.cases.done')}</Checkbox>
                  </Form.Item>
                  {manage && (
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(f.name)}
                    />
                  )}
                </Space>
              ))}
              {manage && (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ done: false })}
                  style={{ width: 'fit-content' }}
                  data-testid="case-add-action"
                >
                  {t('quality.cases.addAction')}
                </Button>
              )}
            </div>
          )}
        </Form.List>
        {manage && (
          <Button
            type="primary"
            htmlType="submit"
            loading={change.isPending}
            style={{ marginTop: 16 }}
            data-testid="case-save"
          >
            {t('quality.cases.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function CloseForm({ c }: { c: TQualityCaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = useQualityCaseChange(c.id);
  const [form] = Form.useForm<{ closingCause: string; closingAction: string }>();
  return (
    <Card size="small" title={t('quality.cases.close')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          change.mutate(
            { step: 'close', body: { version: c.version, ...v } },
            {
              onSuccess: () => void message.success(t('common.saved')),
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="closingCause" label={t('quality.cases.closingCause')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="case-closing-cause" />
        </Form.Item>
        <Form.Item name="closingAction" label={t('quality.cases.closingAction')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="case-closing-action" />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={change.isPending} data-testid="case-close">
          {t('quality.cases.close')}
        </Button>
      </Form>
    </Card>
  );
}

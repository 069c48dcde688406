import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CONTRACT_KINDS_FOR_RULES,
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_RULES,
  PERIODIC_RULES,
  type TFollowUpRule,
  type TFollowUpSettingsValues,
} from '../../../../common/followups-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useCreateDueFollowUps } from '../../features/followups/create-due-mutation.ts';
import { useFollowUpSettings } from '../../features/followups/settings-query.ts';
import { useFollowUpSettingsSave } from '../../features/followups/settings-save-mutation.ts';

type RuleForm = Omit<TFollowUpSettingsValues['rules'][TFollowUpRule], 'questions'> & { questions: string };
type Values = Omit<TFollowUpSettingsValues, 'rules'> & { rules: Record<TFollowUpRule, RuleForm> };

const isPeriodic = (r: TFollowUpRule) => (PERIODIC_RULES as readonly string[]).includes(r);

/** The rules that create follow-ups, each with the seed's default, its channel and its questions. */
export function RulesTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useFollowUpSettings();
  const save = useFollowUpSettingsSave();
  const run = useCreateDueFollowUps();
  const [form] = Form.useForm<Values>();
  if (!settings.data) return null;
  const { version, updatedAt: _u, ...values } = settings.data;
  const initial: Values = {
    ...values,
    rules: Object.fromEntries(
      FOLLOW_UP_RULES.map((r) => [
        r,
        { ...values.rules[r], questions: values.rules[r].questions.join('\n') },
      ]),
    ) as Values['rules'],
  };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      key={version}
      disabled={!manage}
      onFinish={(v) =>
        save.mutate(
          {
            ...v,
            version,
            rules: Object.fromEntries(
              FOLLOW_UP_RULES.map((r) => [
                r,
                {
                  ...v.rules[r],
                  questions: v.rules[r].questions
                    .split('\n')
                    .map((q) => q.trim())
                    .filter(Boolean),
                },
              ]),
            ) as TFollowUpSettingsValues['rules'],
          },
          {
            onSuccess: () => void message.success(t('followups.settings.saved')),
            onError: (err) => void message.error(applyServerErrors(form, err)),
          },
        )
      }
    >
      <Alert type="info" showIcon message={t('followups.settings.help')} style={{ marginBottom: 16 }} />
      {FOLLOW_UP_RULES.map((r) => (
        <Card key={r} size="small" title={t(`followups.rules.${r}`)} style={{ marginBottom: 12 }}>
          <Space wrap align="start">
            <Form.Item
              name={['rules', r, 'enabled']}
              label={t('followups.settings.enabled')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name={['rules', r, 'channel']} label={t('followups.settings.channel')}>
              <Select
                style={{ width: 120 }}
                options={FOLLOW_UP_CHANNELS.filter(
                  (c) => c !== 'on_site' || (isPeriodic(r) && r !== 'periodic_call'),
                ).map((c) => ({ value: c, label: t(`followups.channels.${c}`) }))}
              />
            </Form.Item>
            {isPeriodic(r) ? (
              <Form.Item name={['rules', r, 'intervalMonths']} label={t('followups.settings.intervalMonths')}>
                <InputNumber min={1} max={60} precision={0} />
              </Form.Item>
            ) : (
              <Form.Item name={['rules', r, 'delayDays']} label={t('followups.settings.delayDays')}>
                <InputNumber min={0} max={60} precision={0} />
              </Form.Item>
            )}
            <Form.Item
              name={['rules', r, 'workingDays']}
              label={t('followups.settings.workingDays')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            {r === 'onsite_monthly' && (
              <Form.Item name={['rules', r, 'contractKinds']} label={t('followups.settings.contractKinds')}>
                <Checkbox.Group
                  options={CONTRACT_KINDS_FOR_RULES.map((k) => ({
                    value: k,
                    label: t(`followups.settings.contractKindNames.${k}`),
                  }))}
                />
              </Form.Item>
            )}
          </Space>
          <Form.Item name={['rules', r, 'questions']} label={t('followups.settings.questions')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Card>
      ))}
      <Space wrap>
        {(['maxTries', 'retrySpanHours', 'dueSoonHours', 'overdueHours', 'horizonDays'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`followups.settings.${k}`)} rules={[{ required: true }]}>
            <InputNumber min={k === 'maxTries' || k === 'retrySpanHours' ? 1 : 0} precision={0} />
          </Form.Item>
        ))}
      </Space>
      {manage && (
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('followups.settings.save')}
          </Button>
          <Button
            loading={run.isPending}
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: (r) => void message.success(t('followups.settings.created', { count: r.created })),
              })
            }
          >
            {t('followups.settings.run')}
          </Button>
        </Space>
      )}
    </Form>
  );
}

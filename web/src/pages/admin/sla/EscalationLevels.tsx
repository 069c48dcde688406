import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NOTIFY_CHANNELS, NOTIFY_RECIPIENTS } from '../../../../../common/sla-rules.ts';
import { useStaffDirectory } from '../../../features/users/staff-directory-query.ts';
import type { ActionForm, LevelForm } from './escalation-form.ts';

const ACTION_KINDS = ['notify', 'reassign', 'raise_priority'] as const;

/** A target's escalation levels: when (minutes before or after the deadline) and what happens. */
export function EscalationLevels({ target }: { target: number }) {
  const { t } = useTranslation();
  const staff = useStaffDirectory({ staleTime: 60_000 });
  const form = Form.useFormInstance();
  const staffOptions = (staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }));
  return (
    <Form.List name={[target, 'escalations']}>
      {(levels, { add, remove }) => (
        <>
          <Typography.Text strong>{t('escalation.title')}</Typography.Text>
          {levels.map((level, i) => (
            <Card
              key={level.key}
              size="small"
              type="inner"
              title={t('escalation.level', { n: i + 1 })}
              style={{ marginBlock: 8 }}
              data-testid="sla-escalation-level"
              extra={
                <Button size="small" type="link" danger onClick={() => remove(level.name)}>
                  {t('escalation.removeLevel')}
                </Button>
              }
            >
              <Space wrap align="start">
                <Form.Item
                  name={[level.name, 'minutes']}
                  label={t('escalation.minutes')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} max={30 * 24 * 60} data-testid="sla-escalation-minutes" />
                </Form.Item>
                <Form.Item
                  name={[level.name, 'when']}
                  label={t('escalation.when')}
                  rules={[{ required: true }]}
                >
                  <Select
                    style={{ width: 170 }}
                    options={(['before', 'after'] as const).map((w) => ({
                      value: w,
                      label: t(`escalation.whens.${w}`),
                    }))}
                  />
                </Form.Item>
              </Space>
              <Form.List name={[level.name, 'actions']}>
                {(actions, ops) => (
                  <>
                    {actions.map((action) => (
                      <Space key={action.key} wrap align="start">
                        <Form.Item
                          name={[action.name, 'type']}
                          label={t('escalation.action')}
                          rules={[{ required: true }]}
                        >
                          <Select
                            style={{ width: 170 }}
                            options={ACTION_KINDS.map((k) => ({
                              value: k,
                              label: t(`escalation.actions.${k}`),
                            }))}
                          />
                        </Form.Item>
                        <Form.Item
                          noStyle
                          shouldUpdate={(a, b) =>
                            actionOf(a, target, level.name, action.name)?.type !==
                            actionOf(b, target, level.name, action.name)?.type
                          }
                        >
                          {() => {
                            const type = actionOf(
                              form.getFieldsValue(true),
                              target,
                              level.name,
                              action.name,
                            )?.type;
                            if (type === 'notify')
                              return (
                                <>
                                  <Form.Item
                                    name={[action.name, 'to']}
                                    label={t('escalation.to')}
                                    rules={[{ required: true }]}
                                  >
                                    <Select
                                      style={{ width: 170 }}
                                      options={NOTIFY_RECIPIENTS.map((r) => ({
                                        value: r,
                                        label: t(`escalation.recipients.${r}`),
                                      }))}
                                    />
                                  </Form.Item>
                                  <Form.Item
                                    name={[action.name, 'channels']}
                                    label={t('escalation.channels')}
                                    rules={[{ required: true }]}
                                  >
                                    <Select
                                      mode="multiple"
                                      style={{ minWidth: 200 }}
                                      options={NOTIFY_CHANNELS.map((c) => ({
                                        value: c,
                                        label: t(`escalation.channelNames.${c}`),
                                      }))}
                                    />
                                  </Form.Item>
                                </>
                              );
                            if (type === 'reassign')
                              return (
                                <Form.Item
                                  name={[action.name, 'userId']}
                                  label={t('escalation.reassignTo')}
                                  rules={[{ required: true }]}
                                >
                                  <Select
                                    showSearch={{ optionFilterProp: 'label' }}
                                    style={{ width: 220 }}
                                    loading={staff.isLoading}
                                    options={staffOptions}
                                  />
                                </Form.Item>
                              );
                            return null;
                          }}
                        </Form.Item>
                        <Button
                          size="small"
                          type="link"
                          danger
                          style={{ marginTop: 30 }}
                          onClick={() => ops.remove(action.name)}
                        >
                          {t('common.remove')}
                        </Button>
                      </Space>
                    ))}
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() =>
                        ops.add({ type: 'notify', to: 'managers', channels: ['in_app'] } satisfies ActionForm)
                      }
                    >
                      {t('escalation.addAction')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
          ))}
          <div style={{ marginBlock: 8 }}>
            <Button
              size="small"
              icon={<PlusOutlined />}
              data-testid="sla-escalation-add"
              onClick={() =>
                add({
                  when: 'after',
                  minutes: 30,
                  actions: [{ type: 'notify', to: 'managers', channels: ['in_app'] }],
                } satisfies LevelForm)
              }
            >
              {t('escalation.addLevel')}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}

type Values = { targets?: { escalations?: LevelForm[] }[] };

function actionOf(values: Values, target: number, level: number, action: number): ActionForm | undefined {
  return values.targets?.[target]?.escalations?.[level]?.actions?.[action];
}

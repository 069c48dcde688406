import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPolicy } from '../../../../../common/sla-api.ts';
import { SLA_EVENTS } from '../../../../../common/sla-rules.ts';
import { TICKET_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../../../../common/ticket-rules.ts';
import { ApiError } from '../../../api/client.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import type { TCalendar } from '../../../features/sla/calendars-query.ts';
import { usePolicySaveMutation } from '../../../features/sla/policy-save-mutation.ts';
import { EscalationLevels } from './EscalationLevels.tsx';
import { formFieldOf, type LevelForm, levelsFromForm } from './escalation-form.ts';
import { MetricSelect } from './MetricSelect.tsx';

interface TargetForm {
  metric: string;
  start: string;
  stop: string[];
  pauseStatuses: string[];
  durationMinutes: number;
  warnMinutes: number;
  calendarId: string | null;
  complexity: string | null;
  escalations: LevelForm[];
}

/** Creates or edits a policy: its conditions, and its targets with their escalation levels. */
export function PolicyFormModal({
  form,
  editing,
  calendars,
  onClose,
}: {
  form: FormInstance;
  editing: TPolicy | 'new' | null;
  calendars: TCalendar[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = usePolicySaveMutation();
  const submit = (v: Record<string, unknown> & { targets?: TargetForm[] }) => {
    const targets = (v.targets ?? []).map((x) => ({
      ...x,
      complexity: x.complexity ?? null,
      calendarId: x.calendarId ?? null,
      escalations: levelsFromForm(x.escalations),
    }));
    const list = (k: string) => ((v[k] as string[] | undefined)?.length ? v[k] : undefined);
    save.mutate(
      {
        existing: editing === 'new' ? null : editing,
        body: {
          name: v.name,
          position: v.position,
          active: v.active,
          isDefault: v.isDefault,
          conditions: {
            kinds: list('kinds'),
            priorities: list('priorities'),
            complexities: list('complexities'),
            contractTiers: list('contractTiers'),
            regions: list('regions'),
            emergency: v.emergency === 'yes' ? true : v.emergency === 'no' ? false : null,
          },
          targets,
        },
      },
      {
        onSuccess: onClose,
        onError: (err) => {
          if (err instanceof ApiError) {
            const fields = err.fieldErrors();
            form.setFields(
              fields
                .filter((f) => f.field.startsWith('targets.'))
                .map((f) => {
                  const name = formFieldOf(f.field);
                  return { name: name.length > 2 ? name : [...name, 'metric'], errors: [f.message] };
                }),
            );
          }
          message.error(applyServerErrors(form, err));
        },
      },
    );
  };
  const any = t('sla.any');
  const calendarOptions = [
    { value: null as string | null, label: t('sla.calendar24x7') },
    ...calendars.map((c) => ({ value: c.id as string | null, label: c.name })),
  ];
  return (
    <FormModal
      open={editing !== null}
      title={editing === 'new' ? t('sla.newPolicy') : t('sla.editPolicy')}
      form={form}
      onCancel={onClose}
      loading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ active: true, isDefault: false, position: 100, emergency: 'any', targets: [] }}
      >
        <Form.Item name="name" label={t('sla.name')} rules={[{ required: true }]}>
          <Input data-testid="sla-policy-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="position" label={t('sla.position')} rules={[{ required: true }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="active" label={t('sla.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="isDefault" label={t('sla.isDefault')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('sla.conditions')}</Typography.Title>
        <Form.Item name="kinds" label={t('sla.kinds')}>
          <Select
            mode="multiple"
            placeholder={any}
            options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKinds.${k}`) }))}
            data-testid="sla-policy-kinds"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="priorities" label={t('sla.priorities')}>
            <Select
              mode="multiple"
              placeholder={any}
              style={{ minWidth: 160 }}
              options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="emergency" label={t('sla.emergency')}>
            <Select
              style={{ width: 150 }}
              options={[
                { value: 'any', label: t('sla.emergencyAny') },
                { value: 'yes', label: t('sla.emergencyYes') },
                { value: 'no', label: t('sla.emergencyNo') },
              ]}
            />
          </Form.Item>
          <Form.Item name="complexities" label={t('sla.complexities')}>
            <Select
              mode="multiple"
              placeholder={any}
              style={{ minWidth: 140 }}
              options={['general', 'complex'].map((c) => ({
                value: c,
                label: t(`tickets.complexities.${c}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="contractTiers" label={t('sla.contractTiers')}>
          <Select mode="tags" placeholder={any} />
        </Form.Item>
        <Form.Item name="regions" label={t('sla.regions')}>
          <Select mode="tags" placeholder={any} />
        </Form.Item>
        <Typography.Title level={5}>{t('sla.targets')}</Typography.Title>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  extra={
                    <Button size="small" danger onClick={() => remove(f.name)}>
                      {t('common.remove')}
                    </Button>
                  }
                >
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'metric']} label={t('sla.metric')} rules={[{ required: true }]}>
                      <MetricSelect />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'durationMinutes']}
                      label={t('sla.duration')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={1} data-testid="sla-target-duration" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'warnMinutes']} label={t('sla.warn')}>
                      <InputNumber min={0} />
                    </Form.Item>
                  </Space>
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'start']} label={t('sla.start')} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 180 }}
                        options={SLA_EVENTS.map((e) => ({ value: e, label: t(`sla.events.${e}`) }))}
                        data-testid="sla-target-start"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'stop']} label={t('sla.stop')} rules={[{ required: true }]}>
                      <Select
                        mode="multiple"
                        style={{ minWidth: 220 }}
                        options={SLA_EVENTS.map((e) => ({ value: e, label: t(`sla.events.${e}`) }))}
                        data-testid="sla-target-stop"
                      />
                    </Form.Item>
                  </Space>
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'pauseStatuses']} label={t('sla.pauseStatuses')}>
                      <Select
                        mode="multiple"
                        style={{ minWidth: 160 }}
                        options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'calendarId']} label={t('sla.calendar')}>
                      <Select style={{ width: 200 }} options={calendarOptions} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'complexity']} label={t('sla.complexity')}>
                      <Select
                        allowClear
                        placeholder={any}
                        style={{ width: 120 }}
                        options={['general', 'complex'].map((c) => ({
                          value: c,
                          label: t(`tickets.complexities.${c}`),
                        }))}
                      />
                    </Form.Item>
                  </Space>
                  <EscalationLevels target={f.name} />
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    pauseStatuses: ['waiting_customer'],
                    warnMinutes: 0,
                    calendarId: null,
                    escalations: [],
                    stop: [],
                  })
                }
                data-testid="sla-target-add"
              >
                {t('sla.addTarget')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ROOT_CAUSES, type TComplaint } from '../../../../common/complaints-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { type ComplaintStep, useComplaintStep } from '../../features/complaints/complaint-step-mutation.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';

/** The next step of the workflow for the complaint's status, each a small form. */
export function ComplaintActions({
  complaint: c,
  manage,
  canClose,
}: {
  complaint: TComplaint;
  manage: boolean;
  canClose: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useComplaintStep(c.id);
  const run = (s: ComplaintStep, body: Record<string, unknown>, form?: ReturnType<typeof Form.useForm>[0]) =>
    step.mutate(
      { step: s, body: { ...body, version: c.version } },
      {
        onSuccess: () => {
          form?.resetFields();
          void message.success(t('common.saved'));
        },
        onError: (err) =>
          void message.error(form ? applyServerErrors(form, err) : String((err as Error).message)),
      },
    );
  const s = c.status;
  return (
    <Card size="small" title={t(`complaints.statuses.${s}`)} data-testid="complaint-actions">
      <Space direction="vertical" style={{ width: '100%' }}>
        {manage && (s === 'accepted' || s === 'investigating') && <Investigate c={c} run={run} />}
        {manage && (s === 'investigating' || s === 'handled' || s === 'feedback') && (
          <Findings c={c} run={run} />
        )}
        {manage && s === 'investigating' && <Handle run={run} />}
        {manage && (s === 'handled' || s === 'feedback') && <Progress c={c} run={run} />}
        {manage && s === 'handled' && (
          <Button onClick={() => run('ask-feedback', {})} data-testid="step-ask-feedback">
            {t('complaints.steps.askFeedback')}
          </Button>
        )}
        {manage && (s === 'handled' || s === 'feedback') && <Feedback run={run} />}
        {manage && s === 'satisfied' && (
          <Button type="primary" onClick={() => run('close', {})} data-testid="step-close">
            {t('complaints.steps.close')}
          </Button>
        )}
        {canClose && s !== 'satisfied' && <ForceClose run={run} />}
      </Space>
    </Card>
  );
}

type Run = (
  s: ComplaintStep,
  body: Record<string, unknown>,
  form?: ReturnType<typeof Form.useForm>[0],
) => void;

function Investigate({ c, run }: { c: TComplaint; run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const staff = useStaffDirectory();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="form-investigate"
      initialValues={{ responsibleUserId: c.responsibleUserId, department: c.department }}
      onFinish={(v) => run('investigate', v, form)}
    >
      <Form.Item name="responsibleUserId" label={t('complaints.responsible')} rules={[{ required: true }]}>
        <Select
          data-testid="investigate-responsible"
          showSearch={{ optionFilterProp: 'label' }}
          options={(staff.data ?? []).map((m) => ({ value: m.id, label: m.displayName }))}
        />
      </Form.Item>
      <Form.Item name="department" label={t('complaints.department')} rules={[{ required: true }]}>
        <Input data-testid="investigate-department" />
      </Form.Item>
      <Button htmlType="submit" type="primary" data-testid="step-investigate">
        {t('complaints.steps.investigate')}
      </Button>
    </Form>
  );
}

function Findings({ c, run }: { c: TComplaint; run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const iso = (d: Dayjs | null | undefined) => (d ? d.toISOString() : undefined);
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="form-findings"
      initialValues={{
        facts: c.facts,
        rootCause: c.rootCause,
        rootCauseNote: c.rootCauseNote,
        upheld: c.upheld ?? false,
      }}
      onFinish={(v) =>
        run('findings', { ...v, onSiteAt: iso(v.onSiteAt), replacedAt: iso(v.replacedAt) }, form)
      }
    >
      <Form.Item name="facts" label={t('complaints.facts')}>
        <Input.TextArea rows={2} data-testid="findings-facts" />
      </Form.Item>
      <Form.Item name="rootCause" label={t('complaints.rootCause')}>
        <Select
          allowClear
          options={ROOT_CAUSES.map((r) => ({ value: r, label: t(`complaints.rootCauses.${r}`) }))}
        />
      </Form.Item>
      <Form.Item name="rootCauseNote" label={t('complaints.rootCauseNote')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="upheld" valuePropName="checked">
        <Checkbox>{t('complaints.upheld')}</Checkbox>
      </Form.Item>
      {c.defect && (
        <Space wrap>
          <Form.Item name="onSiteAt" label={t('complaints.onSiteAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="replacedAt" label={t('complaints.replacedAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
      )}
      <Button htmlType="submit" data-testid="step-findings">
        {t('complaints.steps.findings')}
      </Button>
    </Form>
  );
}

function Handle({ run }: { run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const immediate = Form.useWatch('immediate', form) as boolean | undefined;
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="form-handle"
      initialValues={{ immediate: true, milestones: [] }}
      onFinish={(v) =>
        run(
          'handle',
          {
            immediate: v.immediate,
            solution: v.solution,
            milestones: v.immediate
              ? []
              : (v.milestones ?? []).map((m: { title: string; dueOn: Dayjs }) => ({
                  title: m.title,
                  dueOn: m.dueOn.format('YYYY-MM-DD'),
                })),
          },
          form,
        )
      }
    >
      <Form.Item name="immediate">
        <Radio.Group
          options={[
            { value: true, label: t('complaints.immediate') },
            { value: false, label: t('complaints.plan') },
          ]}
        />
      </Form.Item>
      <Form.Item name="solution" label={t('complaints.solution')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} data-testid="handle-solution" />
      </Form.Item>
      {immediate === false && (
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('complaints.milestone')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]}>
                    <DatePicker placeholder={t('complaints.milestoneDue')} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('common.remove')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add()}
                style={{ marginBottom: 12 }}
              >
                {t('complaints.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
      )}
      <Button htmlType="submit" type="primary" data-testid="step-handle">
        {t('complaints.steps.handle')}
      </Button>
    </Form>
  );
}

function Progress({ c, run }: { c: TComplaint; run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const open = c.milestones.filter((m) => !m.doneAt);
  return (
    <Form form={form} layout="vertical" onFinish={(v) => run('progress', v, form)}>
      <Form.Item name="note" label={t('complaints.progressNote')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      {open.length > 0 && (
        <Form.Item name="milestoneId" label={t('complaints.milestoneDone')}>
          <Select allowClear options={open.map((m) => ({ value: m.id, label: `${m.dueOn} ${m.title}` }))} />
        </Form.Item>
      )}
      <Button htmlType="submit">{t('complaints.steps.progress')}</Button>
    </Form>
  );
}

function Feedback({ run }: { run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  return (
    <Form form={form} layout="vertical">
      <Form.Item name="comment" label={t('complaints.feedbackComment')}>
        <Input.TextArea rows={2} data-testid="feedback-comment" />
      </Form.Item>
      <Space wrap>
        <Button
          type="primary"
          data-testid="step-satisfied"
          onClick={() =>
            run('feedback', { satisfied: true, comment: form.getFieldValue('comment') || null }, form)
          }
        >
          {t('complaints.steps.satisfied')}
        </Button>
        <Button
          danger
          data-testid="step-unsatisfied"
          onClick={() =>
            run('feedback', { satisfied: false, comment: form.getFieldValue('comment') || null }, form)
          }
        >
          {t('complaints.steps.unsatisfied')}
        </Button>
      </Space>
    </Form>
  );
}

function ForceClose({ run }: { run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  return (
    <Form form={form} layout="vertical" onFinish={(v) => run('close', v, form)}>
      <Form.Item name="reason" label={t('complaints.closeReason')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Button danger htmlType="submit">
        {t('complaints.steps.forceClose')}
      </Button>
    </Form>
  );
}

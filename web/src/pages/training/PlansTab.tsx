// Training needs and plans per project; the seed's minimums not met show as warnings (never a block).

import { useQuery } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TProject } from '../../../../common/registry-api.ts';
import { type TPlan, type TPlanWarning, TRAINING_MODES } from '../../../../common/training-api.ts';
import { api, type Page } from '../../api/client.ts';
import { useCourses } from '../../features/training/courses-query.ts';
import { usePlanCreate, usePlans } from '../../features/training/plans-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';

export function PlanWarnings({ warnings }: { warnings: TPlanWarning[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return <>{t('training.plan.none')}</>;
  return (
    <>
      {warnings.map((w) => (
        <Tag color="orange" key={w.code} data-testid="plan-warning">
          {t(`training.warnings.${w.code}`, { actual: w.actual, minimum: w.minimum })}
        </Tag>
      ))}
    </>
  );
}

export function PlansTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plans = usePlans();
  const create = usePlanCreate();
  const courses = useCourses();
  const staff = useStaffDirectory();
  const projects = useQuery({
    queryKey: ['training', 'projects'],
    queryFn: () => api.get<Page<TProject>>('/api/v1/projects', { limit: 100 }),
  });
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<TPlan | null>(null);
  const [form] = Form.useForm();
  return (
    <>
      <Button
        type="primary"
        onClick={() => setOpen(true)}
        data-testid="plan-new"
        style={{ marginBottom: 12 }}
      >
        {t('training.plan.new')}
      </Button>
      {created && (
        <Alert
          type={created.warnings.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setCreated(null)}
          style={{ marginBottom: 12 }}
          message={t('training.plan.created')}
          description={<PlanWarnings warnings={created.warnings} />}
        />
      )}
      <Table
        rowKey="id"
        loading={plans.isLoading}
        dataSource={plans.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('training.plan.project'), render: (_, p) => `${p.customerName} · ${p.projectName}` },
          { title: t('training.plan.mode'), render: (_, p) => t(`training.modes.${p.mode}`) },
          { title: t('training.plan.dates'), render: (_, p) => `${p.startsOn} – ${p.endsOn}` },
          { title: t('training.plan.workingDays'), dataIndex: 'workingDays' },
          { title: t('training.plan.traineeCount'), dataIndex: 'traineeCount' },
          { title: t('training.plan.warnings'), render: (_, p) => <PlanWarnings warnings={p.warnings} /> },
        ]}
      />
      <Modal
        open={open}
        title={t('training.plan.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: create.isPending, 'data-testid': 'plan-save' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ mode: 'on_site', traineeCount: 5 }}
          onFinish={(v: {
            projectId: string;
            startsOn: string;
            endsOn: string;
            content: string;
            mode: TPlan['mode'];
            traineeCount: number;
            courseIds: string[];
            trainerIds: string[];
          }) => {
            const project = projects.data?.items.find((p) => p.id === v.projectId);
            create.mutate(
              {
                customerId: project?.customerId ?? '',
                projectId: v.projectId,
                content: v.content,
                mode: v.mode,
                startsOn: v.startsOn,
                endsOn: v.endsOn,
                traineeCount: v.traineeCount,
                courseIds: v.courseIds,
                trainerIds: v.trainerIds,
              },
              {
                onSuccess: (plan) => (setCreated(plan), setOpen(false), form.resetFields()),
                onError: (e) => void message.error(e.message),
              },
            );
          }}
        >
          <Form.Item name="projectId" label={t('training.plan.project')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="plan-project"
              options={(projects.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${p.customerName} · ${p.name}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="content" label={t('training.plan.content')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} data-testid="plan-content" />
          </Form.Item>
          <Form.Item name="mode" label={t('training.plan.mode')}>
            <Select options={TRAINING_MODES.map((m) => ({ value: m, label: t(`training.modes.${m}`) }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startsOn" label={t('training.plan.startsOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="plan-starts-on" />
            </Form.Item>
            <Form.Item name="endsOn" label={t('training.plan.endsOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="plan-ends-on" />
            </Form.Item>
          </Space>
          <Form.Item name="traineeCount" label={t('training.plan.traineeCount')}>
            <InputNumber min={1} max={10000} data-testid="plan-trainees" />
          </Form.Item>
          <Form.Item name="courseIds" label={t('training.plan.courses')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              data-testid="plan-courses"
              optionFilterProp="label"
              options={(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
            />
          </Form.Item>
          <Form.Item name="trainerIds" label={t('training.plan.trainers')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              data-testid="plan-trainers"
              optionFilterProp="label"
              options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

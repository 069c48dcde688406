import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPolicy } from '../../../../../common/sla-api.ts';
import { useCalendars } from '../../../features/sla/calendars-query.ts';
import { usePolicies } from '../../../features/sla/policies-query.ts';
import { usePolicyToggleMutation } from '../../../features/sla/policy-toggle-mutation.ts';
import { formatDuration } from '../../../features/sla/use-now.ts';
import { useStaffDirectory } from '../../../features/users/staff-directory-query.ts';
import { describeLevel, levelsToForm } from './escalation-form.ts';
import { PolicyFormModal } from './PolicyFormModal.tsx';

/** The policies in the order they are tried, each with its conditions and targets. */
export function PoliciesTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const policies = usePolicies();
  const calendars = useCalendars();
  const [editing, setEditing] = useState<TPolicy | 'new' | null>(null);
  const [form] = Form.useForm();
  const toggle = usePolicyToggleMutation();
  const staff = useStaffDirectory({ staleTime: 60_000 });
  const staffName = (id: string) =>
    staff.data?.find((s) => s.id === id)?.displayName ?? t('escalation.someone');
  const open = (p: TPolicy | 'new') => {
    form.resetFields();
    if (p !== 'new') {
      form.setFieldsValue({
        ...p,
        emergency: p.conditions.emergency === true ? 'yes' : p.conditions.emergency === false ? 'no' : 'any',
        kinds: p.conditions.kinds,
        priorities: p.conditions.priorities,
        complexities: p.conditions.complexities,
        contractTiers: p.conditions.contractTiers,
        regions: p.conditions.regions,
        targets: p.targets.map((x) => ({ ...x, escalations: levelsToForm(x.escalations) })),
      });
    }
    setEditing(p);
  };
  const any = t('sla.any');
  const summary = (p: TPolicy) => {
    const c = p.conditions;
    const parts = [
      c.kinds?.map((k) => t(`ticketKinds.${k}`)).join('/'),
      c.priorities?.map((x) => t(`priorities.${x}`)).join('/'),
      c.emergency === true ? t('sla.emergencyYes') : c.emergency === false ? t('sla.emergencyNo') : undefined,
      c.complexities?.map((x) => t(`tickets.complexities.${x}`)).join('/'),
      // A tier is the contract's own word; the product's default ones (standard, priority) are translated.
      c.contractTiers?.map((x) => t(`sla.tierNames.${x}`, { defaultValue: x })).join('/'),
      c.regions?.join('/'),
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : any;
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('sla.intro')}</Typography.Paragraph>
      {manage && (
        <div className="toolbar">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open('new')}
            data-testid="sla-policy-new"
          >
            {t('sla.newPolicy')}
          </Button>
        </div>
      )}
      <Table<TPolicy>
        rowKey="id"
        size="small"
        loading={policies.isLoading}
        dataSource={policies.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (p) => (
            <Table
              rowKey={(x) => `${x.metric}:${x.complexity ?? ''}`}
              size="small"
              pagination={false}
              dataSource={p.targets}
              columns={[
                {
                  title: t('sla.metric'),
                  dataIndex: 'metric',
                  render: (m: string) => t(`sla.metrics.${m}`, { defaultValue: m }),
                },
                { title: t('sla.start'), dataIndex: 'start', render: (e: string) => t(`sla.events.${e}`) },
                {
                  title: t('sla.stop'),
                  dataIndex: 'stop',
                  render: (s: string[]) => s.map((e) => t(`sla.events.${e}`)).join(' / '),
                },
                {
                  title: t('sla.duration'),
                  dataIndex: 'durationMinutes',
                  render: (m: number) => formatDuration(m * 60),
                },
                {
                  title: t('sla.complexity'),
                  dataIndex: 'complexity',
                  render: (c: string | null) => (c ? t(`tickets.complexities.${c}`) : any),
                },
                {
                  title: t('escalation.title'),
                  dataIndex: 'escalations',
                  render: (levels: TPolicy['targets'][number]['escalations']) =>
                    levels.length
                      ? levels.map((l) => <div key={l.offsetMinutes}>{describeLevel(t, l, staffName)}</div>)
                      : t('escalation.none'),
                },
                {
                  title: t('sla.calendar'),
                  dataIndex: 'calendarId',
                  render: (id: string | null) =>
                    calendars.data?.find((c) => c.id === id)?.name ?? t('sla.calendar24x7'),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('sla.position'), dataIndex: 'position', width: 70 },
          {
            title: t('sla.name'),
            dataIndex: 'name',
            render: (n: string, p) => (
              <>
                {n} {p.isDefault && <Tag color="blue">{t('sla.isDefault')}</Tag>}
              </>
            ),
          },
          { title: t('sla.conditions'), key: 'conditions', render: (_: unknown, p) => summary(p) },
          { title: t('sla.targets'), key: 'targets', width: 90, render: (_: unknown, p) => p.targets.length },
          {
            title: t('sla.active'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean, p) => (
              <Switch
                size="small"
                checked={a}
                disabled={!manage}
                aria-label={`${t('sla.active')}: ${p.name}`}
                onChange={() => toggle.mutate(p)}
              />
            ),
          },
          ...(manage
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 80,
                  render: (_: unknown, p: TPolicy) => (
                    <Button
                      size="small"
                      onClick={() => open(p)}
                      data-testid={`sla-policy-edit-${p.position}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PolicyFormModal
        form={form}
        editing={editing}
        calendars={calendars.data ?? []}
        onClose={() => setEditing(null)}
      />
    </>
  );
}

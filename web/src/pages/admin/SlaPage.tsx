import { PlusOutlined } from '@ant-design/icons';
import { TZDate } from '@date-fns/tz';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CN_HOLIDAYS } from '../../../../common/cn-holidays.ts';
import type { TPolicy } from '../../../../common/sla-api.ts';
import { SLA_EVENTS } from '../../../../common/sla-rules.ts';
import { TICKET_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../../../common/ticket-rules.ts';
import { ApiError, api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { RecomputePanel } from '../../features/sla/RecomputePanel.tsx';
import { formatDuration, hhmm } from '../../features/sla/use-now.ts';

type Slot = [number, number];
interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  weekly: Record<string, Slot[]>;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
  workdaySlots: Slot[];
  version: number;
}

const calendarsKey = ['sla-calendars'];
const policiesKey = ['sla-policies'];
const useCalendars = () =>
  useQuery({ queryKey: calendarsKey, queryFn: () => api.get<Calendar[]>('/api/v1/sla/calendars') });

/** SLA settings: policies (what is promised), calendars (when the clock runs), recompute. */
export function SlaPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('sla.manage'));
  return (
    <>
      <h1 className="page-title">{t('nav.sla')}</h1>
      <Tabs
        items={[
          { key: 'policies', label: t('sla.policies'), children: <Policies manage={manage} /> },
          { key: 'calendars', label: t('sla.calendars'), children: <Calendars manage={manage} /> },
          ...(manage ? [{ key: 'recompute', label: t('sla.recompute'), children: <RecomputePanel /> }] : []),
        ]}
      />
    </>
  );
}

// ---------- policies ----------

interface TargetForm {
  metric: string;
  start: string;
  stop: string[];
  pauseStatuses: string[];
  durationMinutes: number;
  warnMinutes: number;
  calendarId: string | null;
  complexity: string | null;
  escalations: string;
}

function Policies({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const policies = useQuery({
    queryKey: policiesKey,
    queryFn: () => api.get<TPolicy[]>('/api/v1/sla/policies'),
  });
  const calendars = useCalendars();
  const [editing, setEditing] = useState<TPolicy | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing && editing !== 'new'
        ? api.patch<TPolicy>(`/api/v1/sla/policies/${editing.id}`, { ...body, version: editing.version })
        : api.post<TPolicy>('/api/v1/sla/policies', body),
    onSuccess: () => {
      setEditing(null);
      client.invalidateQueries({ queryKey: policiesKey });
    },
  });
  const toggle = useMutation({
    mutationFn: (p: TPolicy) =>
      api.patch<TPolicy>(`/api/v1/sla/policies/${p.id}`, { version: p.version, active: !p.active }),
    onSuccess: () => client.invalidateQueries({ queryKey: policiesKey }),
  });
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
        targets: p.targets.map((x) => ({ ...x, escalations: JSON.stringify(x.escalations) })),
      });
    }
    setEditing(p);
  };
  const submit = (v: Record<string, unknown> & { targets?: TargetForm[] }) => {
    const targets = [];
    for (const [i, x] of (v.targets ?? []).entries()) {
      let escalations: unknown = [];
      try {
        escalations = x.escalations?.trim() ? JSON.parse(x.escalations) : [];
      } catch {
        form.setFields([{ name: ['targets', i, 'escalations'], errors: ['JSON'] }]);
        return;
      }
      targets.push({ ...x, complexity: x.complexity ?? null, calendarId: x.calendarId ?? null, escalations });
    }
    const list = (k: string) => ((v[k] as string[] | undefined)?.length ? v[k] : undefined);
    save.mutate(
      {
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
      {
        onError: (err) => {
          if (err instanceof ApiError) {
            const fields = err.fieldErrors();
            form.setFields(
              fields
                .filter((f) => f.field.startsWith('targets.'))
                .map((f) => {
                  const [, i, field] = f.field.split('.');
                  return { name: ['targets', Number(i), field ?? 'metric'], errors: [f.message] };
                }),
            );
          }
          message.error(applyServerErrors(form, err));
        },
      },
    );
  };
  const any = t('sla.any');
  const summary = (p: TPolicy) => {
    const c = p.conditions;
    const parts = [
      c.kinds?.map((k) => t(`ticketKinds.${k}`)).join('/'),
      c.priorities?.map((x) => t(`priorities.${x}`)).join('/'),
      c.emergency === true ? t('sla.emergencyYes') : c.emergency === false ? t('sla.emergencyNo') : undefined,
      c.complexities?.map((x) => t(`tickets.complexities.${x}`)).join('/'),
      c.contractTiers?.join('/'),
      c.regions?.join('/'),
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : any;
  };
  const calendarOptions = [
    { value: null as string | null, label: t('sla.calendar24x7') },
    ...(calendars.data ?? []).map((c) => ({ value: c.id as string | null, label: c.name })),
  ];
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
              <Switch size="small" checked={a} disabled={!manage} onChange={() => toggle.mutate(p)} />
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
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('sla.newPolicy') : t('sla.editPolicy')}
        form={form}
        onCancel={() => setEditing(null)}
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
                      <Form.Item
                        name={[f.name, 'metric']}
                        label={t('sla.metric')}
                        rules={[{ required: true }]}
                      >
                        <Input style={{ width: 160 }} data-testid="sla-target-metric" />
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
                    <Form.Item
                      name={[f.name, 'escalations']}
                      label={t('sla.escalations')}
                      extra={t('sla.escalationsHelp')}
                    >
                      <Input.TextArea rows={2} style={{ fontFamily: 'monospace' }} />
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      pauseStatuses: ['waiting_customer'],
                      warnMinutes: 0,
                      calendarId: null,
                      escalations: '[]',
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
    </>
  );
}

// ---------- calendars ----------

const slotsText = (slots: Slot[] = []) => slots.map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`).join(', ');
function parseSlots(text: string): Slot[] | null {
  if (!text.trim()) return [];
  const out: Slot[] = [];
  for (const part of text.split(/[,，;]/)) {
    const m = part.trim().match(/^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/);
    if (!m) return null;
    out.push([Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])]);
  }
  return out;
}

function Calendars({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const [selected, setSelected] = useState<string | null>(null);
  const current = calendars.data?.find((c) => c.id === selected) ?? calendars.data?.[0];
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space wrap>
        <Select
          style={{ minWidth: 320 }}
          aria-label={t('sla.calendar')}
          value={current?.id}
          onChange={setSelected}
          options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid="sla-calendar-select"
        />
        {manage && <NewCalendarButton onCreated={setSelected} />}
      </Space>
      {current && (
        <CalendarEditor key={`${current.id}:${current.version}`} calendar={current} manage={manage} />
      )}
      {current && <CalendarPreview calendar={current} />}
      {current && manage && <ImportYear calendar={current} />}
    </div>
  );
}

function NewCalendarButton({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      api.post<Calendar>('/api/v1/sla/calendars', {
        name: t('sla.newCalendar'),
        timeZone: 'Asia/Shanghai',
        weekly: Object.fromEntries(
          ['1', '2', '3', '4', '5'].map((d) => [
            d,
            [
              [540, 720],
              [810, 1080],
            ],
          ]),
        ),
        holidays: [],
        workdays: [],
        workdaySlots: [
          [540, 720],
          [810, 1080],
        ],
      }),
    onSuccess: (c) => {
      client.invalidateQueries({ queryKey: calendarsKey });
      onCreated(c.id);
    },
  });
  return (
    <Button icon={<PlusOutlined />} onClick={() => create.mutate()}>
      {t('sla.newCalendar')}
    </Button>
  );
}

function CalendarEditor({ calendar, manage }: { calendar: Calendar; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const weekdays = t('sla.weekdays', { returnObjects: true }) as string[];
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.patch<Calendar>(`/api/v1/sla/calendars/${calendar.id}`, { ...body, version: calendar.version }),
    onSuccess: () => {
      message.success(t('common.saved'));
      client.invalidateQueries({ queryKey: calendarsKey });
    },
    onError: (err) => message.error(applyServerErrors(form, err)),
  });
  const submit = (v: Record<string, string>) => {
    const weekly: Record<string, Slot[]> = {};
    for (let d = 0; d < 7; d++) {
      const slots = parseSlots(v[`day${d}`] ?? '');
      if (!slots) return form.setFields([{ name: `day${d}`, errors: [t('sla.slotsHelp')] }]);
      if (slots.length) weekly[String(d)] = slots;
    }
    const workdaySlots = parseSlots(v.workdaySlots ?? '');
    if (!workdaySlots) return form.setFields([{ name: 'workdaySlots', errors: [t('sla.slotsHelp')] }]);
    save.mutate({ name: v.name, timeZone: v.timeZone, weekly, workdaySlots });
  };
  const years = [
    ...new Set([...calendar.holidays, ...calendar.workdays].map((d) => d.date.slice(0, 4))),
  ].sort();
  return (
    <Card title={calendar.name} data-testid="sla-calendar-editor">
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        disabled={!manage}
        onFinish={submit}
        initialValues={{
          name: calendar.name,
          timeZone: calendar.timeZone,
          workdaySlots: slotsText(calendar.workdaySlots),
          ...Object.fromEntries(
            [0, 1, 2, 3, 4, 5, 6].map((d) => [`day${d}`, slotsText(calendar.weekly[String(d)])]),
          ),
        }}
      >
        <Form.Item name="name" label={t('sla.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="timeZone" label={t('sla.timeZone')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        {[1, 2, 3, 4, 5, 6, 0].map((d) => (
          <Form.Item
            key={d}
            name={`day${d}`}
            label={weekdays[d]}
            extra={d === 1 ? t('sla.slotsHelp') : undefined}
          >
            <Input data-testid={`sla-day-${d}`} />
          </Form.Item>
        ))}
        <Form.Item name="workdaySlots" label={t('sla.workdaySlots')}>
          <Input />
        </Form.Item>
        {manage && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sla.holidays')} / {t('sla.workdays')}
      </Typography.Title>
      {years.map((y) => (
        <Typography.Paragraph key={y} data-testid={`sla-year-${y}`}>
          <b>{y}</b>{' '}
          {calendar.holidays
            .filter((h) => h.date.startsWith(y))
            .map((h) => (
              <Tag key={h.date} color="red" title={h.name}>
                {h.date.slice(5)}
              </Tag>
            ))}
          {calendar.workdays
            .filter((h) => h.date.startsWith(y))
            .map((h) => (
              <Tag key={h.date} color="blue" title={h.name}>
                {h.date.slice(5)}
              </Tag>
            ))}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}

function ImportYear({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const run = useMutation({
    mutationFn: (body: { year: number; days: { date: string; name: string; kind: string }[] }) =>
      api.post<Calendar>(`/api/v1/sla/calendars/${calendar.id}/import-year`, {
        ...body,
        version: calendar.version,
      }),
    onSuccess: (_c, body) => {
      message.success(
        t('sla.imported', {
          holidays: body.days.filter((d) => d.kind === 'off').length,
          workdays: body.days.filter((d) => d.kind === 'work').length,
        }),
      );
      client.invalidateQueries({ queryKey: calendarsKey });
    },
    onError: (err) => message.error((err as Error).message),
  });
  const submit = (v: { year: number; text: string }) => {
    const days = [];
    for (const line of (v.text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const [date = '', name = '', kind = 'off'] = line.split(/[,，\t]/).map((x) => x.trim());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !['off', 'work'].includes(kind)) {
        form.setFields([{ name: 'text', errors: [`${line}: ${t('sla.importHelp')}`] }]);
        return;
      }
      days.push({ date, name: name || date, kind });
    }
    run.mutate({ year: v.year, days });
  };
  const builtIn = (year: number) =>
    form.setFieldsValue({
      year,
      text: CN_HOLIDAYS.filter((s) => s.year === year)
        .flatMap((s) => [
          ...s.holidays.map((h) => `${h.date},${h.name},off`),
          ...s.workdays.map((w) => `${w.date},${w.name},work`),
        ])
        .join('\n'),
    });
  return (
    <Card title={t('sla.importYear')}>
      <Typography.Paragraph type="secondary">{t('sla.importHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        {CN_HOLIDAYS.map((s) => (
          <Button key={s.year} size="small" onClick={() => builtIn(s.year)}>
            {t('sla.importBuiltIn', { year: s.year })}
          </Button>
        ))}
      </Space>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ year: new Date().getFullYear() + 1 }}
      >
        <Form.Item name="year" label={t('sla.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="text" rules={[{ required: true }]}>
          <Input.TextArea rows={6} placeholder="2027-01-01,元旦,off" data-testid="sla-import-text" />
        </Form.Item>
        <Button htmlType="submit" loading={run.isPending} data-testid="sla-import-run">
          {t('sla.importYear')}
        </Button>
      </Form>
    </Card>
  );
}

function CalendarPreview({ calendar }: { calendar: Calendar }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const preview = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ due: string; wallClockSeconds: number }>(
        `/api/v1/sla/calendars/${calendar.id}/preview`,
        body,
        false,
      ),
  });
  // Times are typed as wall-clock times of the calendar's zone, whatever the browser's zone.
  const inZone = (local: string) => {
    const [d = '', tm = '00:00:00'] = local.split(/[ T]/);
    const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
    const [h = 0, mi = 0, se = 0] = tm.split(':').map(Number);
    return new TZDate(y, mo - 1, da, h, mi, se, calendar.timeZone).toISOString();
  };
  const submit = (v: { start: { format(f: string): string }; minutes: number; pauses?: string }) => {
    const pauses = (v.pauses ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [from = '', to = ''] = l.split(',').map((x) => x.trim());
        return { from: inZone(from), to: inZone(to) };
      });
    preview.mutate({
      start: inZone(v.start.format('YYYY-MM-DD HH:mm:ss')),
      durationSeconds: v.minutes * 60,
      pauses,
    });
  };
  return (
    <Card title={t('sla.preview')}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ minutes: 120 }}>
        <Form.Item name="start" label={t('sla.previewStart')} rules={[{ required: true }]}>
          <DatePicker showTime data-testid="sla-preview-start" />
        </Form.Item>
        <Form.Item name="minutes" label={t('sla.previewDuration')} rules={[{ required: true }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="pauses" label={t('sla.previewPauses')}>
          <Input.TextArea rows={1} placeholder="2026-11-24 12:00,2026-11-24 14:00" style={{ width: 320 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={preview.isPending} data-testid="sla-preview-run">
          {t('sla.preview')}
        </Button>
      </Form>
      {preview.data && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          data-testid="sla-preview-result"
          message={t('sla.previewResult', {
            due: new Date(preview.data.due).toLocaleString(i18n.language, { timeZone: calendar.timeZone }),
            wall: formatDuration(preview.data.wallClockSeconds),
          })}
        />
      )}
      {preview.error && (
        <Alert style={{ marginTop: 12 }} type="error" message={(preview.error as Error).message} />
      )}
    </Card>
  );
}

import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEngineer } from '../../../../common/field-api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useSaveEngineerProfile } from '../../features/field/engineer-profile-save-mutation.ts';
import { useEngineers } from '../../features/field/engineers-query.ts';
import { categoryName } from '../../features/field/field-words.ts';
import { TravelRateCard } from '../../features/field/TravelRateCard.tsx';
import { hhmm } from '../../features/sla/use-now.ts';

/** 工程师: skills, home region, hours and leave — what dispatch suggestions rank by. */
export function EngineersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useEngineers();
  const { data: me } = useMe();
  const [editing, setEditing] = useState<TEngineer | null>(null);
  const [form] = Form.useForm();
  const weekdays = t('sla.weekdays', { returnObjects: true }) as string[];
  const save = useSaveEngineerProfile(() => setEditing(null));
  return (
    <>
      <h1 className="page-title">{t('nav.engineers')}</h1>
      {me?.permissions.includes('sla.manage') && <TravelRateCard />}
      <Table<TEngineer>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('field.engineer'), dataIndex: 'displayName' },
          {
            title: t('field.skills'),
            key: 'skills',
            render: (_: unknown, e) => e.profile.skills.map((s) => <Tag key={s}>{categoryName(t, s)}</Tag>),
          },
          {
            title: t('field.homeRegion'),
            key: 'region',
            render: (_: unknown, e) => e.profile.homeRegion ?? '—',
          },
          {
            title: t('field.hours'),
            key: 'hours',
            render: (_: unknown, e) =>
              `${e.profile.workDays.map((d) => weekdays[d]).join(' ')} ${hhmm(e.profile.workStart)}–${hhmm(e.profile.workEnd)}`,
          },
          {
            title: t('field.leave'),
            key: 'leave',
            render: (_: unknown, e) => e.profile.leave.map((l) => `${l.from}~${l.to}`).join('，') || '—',
          },
          { title: t('field.openWork'), dataIndex: 'openWorkOrders', width: 90 },
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, e) => (
              <Button
                size="small"
                onClick={() => {
                  form.setFieldsValue({
                    ...e.profile,
                    hours: [
                      dayjs().startOf('day').add(e.profile.workStart, 'minute'),
                      dayjs().startOf('day').add(e.profile.workEnd, 'minute'),
                    ],
                    leave: e.profile.leave.map((l) => [dayjs(l.from), dayjs(l.to)]),
                  });
                  setEditing(e);
                }}
                data-testid={`engineer-edit-${e.displayName}`}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <FormModal
        open={editing !== null}
        title={editing?.displayName}
        form={form}
        onCancel={() => setEditing(null)}
        loading={save.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            editing &&
            save.mutate(
              {
                userId: editing.id,
                version: editing.profile.version,
                skills: v.skills ?? [],
                homeRegion: v.homeRegion || null,
                latitude: v.latitude ?? null,
                longitude: v.longitude ?? null,
                workDays: v.workDays ?? [],
                workStart: v.hours[0].hour() * 60 + v.hours[0].minute(),
                workEnd: v.hours[1].hour() * 60 + v.hours[1].minute(),
                leave: (v.leave ?? []).map((r: [dayjs.Dayjs, dayjs.Dayjs]) => ({
                  from: r[0].format('YYYY-MM-DD'),
                  to: r[1].format('YYYY-MM-DD'),
                })),
              },
              { onError: (err) => message.error(applyServerErrors(form, err)) },
            )
          }
        >
          <Form.Item name="skills" label={t('field.skills')} extra={t('field.skillsHelp')}>
            <Select
              mode="tags"
              options={Object.keys(t('field.categories', { returnObjects: true }) as object).map((c) => ({
                value: c,
                label: categoryName(t, c),
              }))}
              data-testid="engineer-skills"
            />
          </Form.Item>
          <Form.Item name="homeRegion" label={t('field.homeRegion')}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="latitude" label={t('field.latitude')}>
              <InputNumber min={-90} max={90} step={0.0001} />
            </Form.Item>
            <Form.Item name="longitude" label={t('field.longitude')}>
              <InputNumber min={-180} max={180} step={0.0001} />
            </Form.Item>
          </Space>
          <Form.Item name="workDays" label={t('field.workDays')}>
            <Checkbox.Group options={weekdays.map((w, i) => ({ value: i, label: w }))} />
          </Form.Item>
          <Form.Item name="hours" label={t('field.hours')} rules={[{ required: true }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
          </Form.Item>
          <Form.List name="leave">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key}>
                    <Form.Item name={f.name} label={t('field.leave')} rules={[{ required: true }]}>
                      <DatePicker.RangePicker />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{t('common.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add()}>{t('field.addLeave')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </FormModal>
    </>
  );
}

// Sessions on the trainers' calendar (conflicts shown), and a session's checklist, trainees,
// attendance, sign-in link and materials, and its evaluation.
import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TChecklistItem, TSession } from '../../../../common/training-api.ts';
import { ApiError } from '../../api/client.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { QrCode } from '../../components/QrCode.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useCourses } from '../../features/training/courses-query.ts';
import { usePlans } from '../../features/training/plans-query.ts';
import {
  useAttendance,
  useChecklistSave,
  useSendMaterials,
  useSession,
  useSessionCreate,
  useSessions,
  useSignInCode,
  useTraineeAdd,
  useTraineeRemove,
} from '../../features/training/sessions-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';
import { EvaluationPanel } from './EvaluationPanel.tsx';
import { TrainerLeaveButton } from './TrainerLeaveButton.tsx';

function Conflicts({ s }: { s: TSession }) {
  const { t } = useTranslation();
  const { dateTime } = useOrganisationTime();
  return (
    <>
      {s.conflicts.map((c) => (
        <Tag color="red" key={c.sessionId} data-testid="session-conflict">
          {t('training.session.conflictWith', { course: c.courseTitle, time: dateTime(c.startsAt) })}
        </Tag>
      ))}
      {s.leaveConflicts.map((l) => (
        <Tag color="orange" key={l.from} data-testid="session-leave">
          {t('training.leave.onLeave', { from: l.from, to: l.to })}
        </Tag>
      ))}
    </>
  );
}

export function SessionsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { dateTime } = useOrganisationTime();
  const sessions = useSessions();
  const create = useSessionCreate();
  const courses = useCourses();
  const plans = usePlans();
  const staff = useStaffDirectory();
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);
  // A link may name the session to open (the trainer's home: /console/training?tab=sessions&session=…).
  const [params, setParams] = useSearchParams();
  const selected = params.get('session');
  const setSelected = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('session', id);
        else next.delete('session');
        return next;
      },
      { replace: true },
    );
  const [form] = Form.useForm();
  const isPublic = Form.useWatch('isPublic', form);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setOpen(true)} data-testid="session-new">
          {t('training.session.new')}
        </Button>
        <TrainerLeaveButton />
      </Space>
      <Table
        rowKey="id"
        loading={sessions.isLoading}
        dataSource={sessions.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('training.session.time'),
            render: (_, s) => `${dateTime(s.startsAt)} – ${dateTime(s.endsAt)}`,
          },
          { title: t('training.session.course'), dataIndex: 'courseTitle' },
          { title: t('training.session.trainer'), dataIndex: 'trainerName' },
          { title: t('training.session.venue'), dataIndex: 'venue' },
          {
            title: t('training.session.enrolled'),
            render: (_, s) => (s.seatLimit ? `${s.enrolled} / ${s.seatLimit}` : s.enrolled),
          },
          { title: t('training.session.attended'), dataIndex: 'attended' },
          { title: t('training.session.conflicts'), render: (_, s) => <Conflicts s={s} /> },
          {
            title: '',
            render: (_, s) => (
              <Button size="small" onClick={() => setSelected(s.id)} data-testid="session-open">
                {t('training.session.open')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('training.session.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: create.isPending, 'data-testid': 'session-save' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ isPublic: false, trainerId: me?.id }}
          onFinish={(v: {
            courseId: string;
            planId?: string;
            trainerId: string;
            time: [Dayjs, Dayjs];
            venue: string;
            isPublic: boolean;
            seatLimit?: number;
          }) =>
            create.mutate(
              {
                courseId: v.courseId,
                planId: v.planId ?? null,
                trainerId: v.trainerId,
                startsAt: v.time[0].toISOString(),
                endsAt: v.time[1].toISOString(),
                venue: v.venue,
                isPublic: v.isPublic,
                seatLimit: v.isPublic ? (v.seatLimit ?? null) : null,
              },
              {
                onSuccess: (s) => {
                  setOpen(false);
                  form.resetFields();
                  setSelected(s.id);
                  // Scheduled anyway: an overlap or the trainer's leave is a warning, never a block.
                  if (s.conflicts.length || s.leaveConflicts.length)
                    void message.warning(t('training.session.scheduledWithConflicts'));
                },
                onError: (e) => {
                  if (e instanceof ApiError)
                    form.setFields(
                      e.fieldErrors().map((f) => ({
                        name: f.field === 'startsAt' ? 'time' : f.field,
                        errors: [f.message],
                      })),
                    );
                  void message.error(e.message);
                },
              },
            )
          }
        >
          <Form.Item name="courseId" label={t('training.session.course')} rules={[{ required: true }]}>
            <Select
              data-testid="session-course"
              options={(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
            />
          </Form.Item>
          <Form.Item name="planId" label={t('training.session.plan')}>
            <Select
              allowClear
              data-testid="session-plan"
              options={(plans.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.projectName} · ${p.startsOn}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="trainerId" label={t('training.session.trainer')} rules={[{ required: true }]}>
            <Select options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))} />
          </Form.Item>
          <Form.Item name="time" label={t('training.session.time')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              data-testid="session-time"
            />
          </Form.Item>
          <Form.Item name="venue" label={t('training.session.venue')} rules={[{ required: true }]}>
            <Input data-testid="session-venue" />
          </Form.Item>
          <Form.Item name="isPublic" label={t('training.session.isPublic')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {isPublic && (
            <Form.Item name="seatLimit" label={t('training.session.seatLimit')} rules={[{ required: true }]}>
              <InputNumber min={1} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Drawer open={Boolean(selected)} onClose={() => setSelected(null)} size="large" destroyOnHidden>
        {selected && <SessionDetail id={selected} />}
      </Drawer>
    </>
  );
}

function SessionDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { dateTime } = useOrganisationTime();
  const session = useSession(id);
  const add = useTraineeAdd(id);
  const remove = useTraineeRemove(id);
  const attendance = useAttendance(id);
  const saveChecklist = useChecklistSave(id);
  const code = useSignInCode(id);
  const materials = useSendMaterials(id);
  const [checklist, setChecklist] = useState<TChecklistItem[]>([]);
  const [form] = Form.useForm();
  const s = session.data;
  useEffect(() => {
    if (s) setChecklist(s.checklist);
  }, [s]);
  if (!s) return null;
  return (
    <>
      <h2 style={{ fontSize: 18 }}>{s.courseTitle}</h2>
      <Typography.Paragraph>
        {dateTime(s.startsAt)} – {dateTime(s.endsAt)} · {s.venue} · {s.trainerName}
      </Typography.Paragraph>
      <Conflicts s={s} />
      <h3>{t('training.session.checklist')}</h3>
      <Space direction="vertical">
        {checklist.map((item, i) => (
          <Checkbox
            key={item.label}
            checked={item.done}
            onChange={(e) =>
              setChecklist(checklist.map((c, j) => (j === i ? { ...c, done: e.target.checked } : c)))
            }
          >
            {item.label}
          </Checkbox>
        ))}
        <Button
          size="small"
          loading={saveChecklist.isPending}
          onClick={() =>
            saveChecklist.mutate(
              { version: s.version, checklist },
              { onError: (e) => void message.error(e.message) },
            )
          }
        >
          {t('training.session.saveChecklist')}
        </Button>
      </Space>
      <h3 style={{ marginTop: 16 }}>{t('training.session.signInCode')}</h3>
      <Typography.Paragraph type="secondary">{t('training.session.signInHelp')}</Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => code.mutate()} loading={code.isPending} data-testid="session-sign-in-code">
          {t('training.session.signInCode')}
        </Button>
        <Button
          loading={materials.isPending}
          onClick={() =>
            materials.mutate(undefined, {
              onSuccess: (r) =>
                void message.success(
                  t('training.session.materialsSent', r as { emailed: number; withoutEmail: number }),
                ),
            })
          }
        >
          {t('training.session.sendMaterials')}
        </Button>
      </Space>
      {code.data && (
        <div style={{ marginTop: 12 }} data-testid="session-sign-in-qr">
          <QrCode text={code.data.url} size={280} label={t('training.session.signInCode')} />
        </div>
      )}
      {code.data && (
        <Typography.Paragraph copyable style={{ marginTop: 8, fontSize: 16 }}>
          <a href={code.data.url} data-testid="session-sign-in-url" target="_blank" rel="noreferrer">
            {code.data.url}
          </a>
        </Typography.Paragraph>
      )}
      <h3 style={{ marginTop: 16 }}>{t('training.session.trainees')}</h3>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) =>
          add.mutate(
            { name: v.name, phone: v.phone, email: v.email || null },
            { onSuccess: () => form.resetFields(), onError: (e) => void message.error(e.message) },
          )
        }
      >
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input
            placeholder={t('training.session.name')}
            aria-label={t('training.session.name')}
            data-testid="trainee-name"
          />
        </Form.Item>
        <Form.Item name="phone" rules={[{ required: true }]}>
          <Input
            placeholder={t('training.session.phone')}
            aria-label={t('training.session.phone')}
            data-testid="trainee-phone"
          />
        </Form.Item>
        <Form.Item name="email">
          <Input placeholder={t('training.session.email')} aria-label={t('training.session.email')} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending} data-testid="trainee-add">
          {t('training.session.addTrainee')}
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        style={{ marginTop: 8 }}
        dataSource={s.trainees}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('training.session.name'), dataIndex: 'name' },
          { title: t('training.session.phone'), dataIndex: 'phone' },
          {
            title: t('training.session.enrolled'),
            render: (_, r) =>
              r.waitingPosition
                ? `${t('training.traineeStatus.waiting')} ${r.waitingPosition}`
                : t('training.traineeStatus.enrolled'),
          },
          {
            title: t('training.session.attendance'),
            render: (_, r) => (
              <Checkbox
                checked={Boolean(r.attendedAt)}
                disabled={r.status === 'waiting'}
                aria-label={`${t('training.session.attendance')} ${r.name}`}
                onChange={(e) => attendance.mutate({ traineeId: r.id, attended: e.target.checked })}
              >
                {r.attendedBy ? t(`training.attendedBy.${r.attendedBy}`) : ''}
              </Checkbox>
            ),
          },
          {
            title: '',
            render: (_, r) => (
              <Button
                size="small"
                danger
                onClick={() => remove.mutate(r.id, { onError: (e) => void message.error(e.message) })}
              >
                {t('training.session.remove')}
              </Button>
            ),
          },
        ]}
      />
      <EvaluationPanel session={s} />
    </>
  );
}

// A trainer's leave (请假), recorded from the sessions tab: the sessions on those days show it as a
// warning. The leave is the staff member's (the dispatcher sees the same for an engineer).
import { App, Button, DatePicker, Form, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useTrainerLeave, useTrainerLeaveSave } from '../../features/training/trainer-leave-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';

export function TrainerLeaveButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const staff = useStaffDirectory();
  const [open, setOpen] = useState(false);
  const [trainerId, setTrainerId] = useState<string | null>(null);
  const leave = useTrainerLeave(open ? trainerId : null);
  const save = useTrainerLeaveSave(trainerId ?? '');
  const [form] = Form.useForm();
  useEffect(() => {
    if (leave.data) form.setFieldsValue({ leave: leave.data.leave.map((l) => [dayjs(l.from), dayjs(l.to)]) });
  }, [leave.data, form]);
  return (
    <>
      <Button
        onClick={() => {
          setTrainerId(me?.id ?? null);
          setOpen(true);
        }}
        data-testid="trainer-leave"
      >
        {t('training.leave.button')}
      </Button>
      <FormModal
        open={open}
        title={t('training.leave.title')}
        form={form}
        onCancel={() => setOpen(false)}
        loading={save.isPending}
      >
        <Typography.Paragraph type="secondary">{t('training.leave.help')}</Typography.Paragraph>
        <Select
          style={{ width: '100%', marginBottom: 12 }}
          value={trainerId}
          onChange={(v) => {
            form.resetFields();
            setTrainerId(v);
          }}
          showSearch
          optionFilterProp="label"
          aria-label={t('training.session.trainer')}
          data-testid="trainer-leave-trainer"
          options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
        />
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: { leave?: [dayjs.Dayjs, dayjs.Dayjs][] }) =>
            leave.data &&
            save.mutate(
              {
                version: leave.data.version,
                leave: (v.leave ?? []).map((r) => ({
                  from: r[0].format('YYYY-MM-DD'),
                  to: r[1].format('YYYY-MM-DD'),
                })),
              },
              {
                onSuccess: () => {
                  setOpen(false);
                  void message.success(t('training.leave.saved'));
                },
                onError: (err) => void message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.List name="leave">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={f.name} label={t('training.leave.period')} rules={[{ required: true }]}>
                      <DatePicker.RangePicker />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>{t('common.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add()} data-testid="trainer-leave-add">
                  {t('training.leave.add')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </FormModal>
    </>
  );
}

// The trainer's evaluation of a session (培训效果评估): the summary of the customer's survey answers
// and the changes planned for the course; a stale version (409) reloads the session and says so.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSession } from '../../../../common/training-api.ts';
import { ApiError } from '../../api/client.ts';
import { useEvaluationSave } from '../../features/training/sessions-query.ts';
import { trainingKeys } from '../../features/training/training-keys.ts';

export function EvaluationPanel({ session }: { session: TSession }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useEvaluationSave(session.id);
  const client = useQueryClient();
  const [form] = Form.useForm<{ evaluationSummary: string; plannedChanges: string }>();
  const [stale, setStale] = useState(false);
  useEffect(() => {
    form.setFieldsValue({
      evaluationSummary: session.evaluationSummary ?? '',
      plannedChanges: session.plannedChanges ?? '',
    });
  }, [form, session.evaluationSummary, session.plannedChanges]);
  return (
    <section data-testid="session-evaluation">
      <h3 style={{ marginTop: 16 }}>{t('training.evaluation.title')}</h3>
      <Typography.Paragraph type="secondary">{t('training.evaluation.help')}</Typography.Paragraph>
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('training.evaluation.stale')}
          data-testid="evaluation-stale"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(
            {
              version: session.version,
              evaluationSummary: v.evaluationSummary.trim(),
              plannedChanges: v.plannedChanges.trim(),
            },
            {
              onSuccess: () => {
                setStale(false);
                void message.success(t('training.evaluation.saved'));
              },
              onError: (e) => {
                if (e instanceof ApiError && e.status === 409) {
                  setStale(true);
                  void client.invalidateQueries({ queryKey: trainingKeys.session(session.id) });
                } else void message.error(e.message);
              },
            },
          )
        }
      >
        <Form.Item
          name="evaluationSummary"
          label={t('training.evaluation.summary')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="evaluation-summary" />
        </Form.Item>
        <Form.Item
          name="plannedChanges"
          label={t('training.evaluation.plannedChanges')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="evaluation-changes" />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending} data-testid="evaluation-save">
          {t('training.evaluation.save')}
        </Button>
      </Form>
    </section>
  );
}

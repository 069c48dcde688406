// The trainer's evaluation of a session (培训效果评估): the summary of the customer's survey answers
// and the changes planned for the course; a stale version (409) reloads the session and says so.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Input, Rate, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSession } from '../../../../common/training-api.ts';
import { ApiError } from '../../api/client.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useEvaluation, useEvaluationSave } from '../../features/training/sessions-query.ts';
import { trainingKeys } from '../../features/training/training-keys.ts';

/** The customer's answer to the session's training survey, or where the survey stands. */
function SurveyAnswer({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useOrganisationTime();
  const evaluation = useEvaluation(sessionId);
  const survey = evaluation.data?.survey;
  if (!evaluation.data) return null;
  if (!survey || survey.status === 'skipped')
    return (
      <Typography.Paragraph type="secondary" data-testid="evaluation-no-survey">
        {t(survey ? 'training.evaluation.skipped' : 'training.evaluation.notAsked')}
      </Typography.Paragraph>
    );
  if (!survey.answer)
    return (
      <Typography.Paragraph type="secondary" data-testid="evaluation-waiting">
        {t('training.evaluation.waiting', {
          customer: survey.customerName,
          asked: dateTime(survey.askedAt),
          expires: dateTime(survey.expiresAt),
        })}
      </Typography.Paragraph>
    );
  const a = survey.answer;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      style={{ marginBottom: 12 }}
      data-testid="evaluation-answer"
    >
      <Descriptions.Item label={t('training.evaluation.customer')}>
        {survey.customerName} · {dateTime(a.answeredAt)}{' '}
        <Tag color={a.satisfied ? 'green' : 'red'}>
          {t(a.satisfied ? 'training.evaluation.satisfied' : 'training.evaluation.notSatisfied')}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('training.evaluation.responseStars')}>
        <Rate disabled value={a.responseStars} />
      </Descriptions.Item>
      <Descriptions.Item label={t('training.evaluation.engineerStars')}>
        <Rate disabled value={a.engineerStars} />
      </Descriptions.Item>
      <Descriptions.Item label={t('training.evaluation.resultStars')}>
        <Rate disabled value={a.resultStars} />
      </Descriptions.Item>
      {a.comment && (
        <Descriptions.Item label={t('training.evaluation.comment')}>{a.comment}</Descriptions.Item>
      )}
      {a.recoveryTicketNumber && (
        <Descriptions.Item label={t('training.evaluation.recovery')}>
          {a.recoveryTicketNumber}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

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
      <SurveyAnswer sessionId={session.id} />
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

// The trainer marks short answers and practical items (each within its points) and writes the
// coaching note for those who failed.
import { App, Button, Card, Empty, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type TMarkingAttempt,
  useAttempts,
  useCoaching,
  useMark,
} from '../../features/training/marking-query.ts';

function AnswerText({ item }: { item: TMarkingAttempt['items'][number] }) {
  const { t } = useTranslation();
  const a = item.answer;
  if (!a) return <Typography.Text type="secondary">{t('training.marking.noAnswer')}</Typography.Text>;
  if (a.text !== undefined) return <>{a.text}</>;
  return <>{(a.choices ?? []).map((c) => item.question.options[c]).join('、')}</>;
}

function MarkCard({ attempt }: { attempt: TMarkingAttempt }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mark = useMark();
  const coaching = useCoaching();
  const trainerItems = attempt.items.filter(
    (i) => i.question.kind === 'short' || i.question.kind === 'practical',
  );
  const failed = attempt.status === 'failed';
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`${attempt.traineeName} · ${attempt.courseTitle} · ${t('training.marking.attempt', { n: attempt.number })}`}
      data-testid="marking-card"
    >
      <Form
        layout="vertical"
        initialValues={{ coachingNote: attempt.coachingNote ?? '' }}
        onFinish={(v: Record<string, unknown>) => {
          const note = String(v.coachingNote ?? '').trim();
          if (failed) {
            coaching.mutate(
              { id: attempt.id, coachingNote: note },
              { onError: (e) => void message.error(e.message) },
            );
            return;
          }
          mark.mutate(
            {
              id: attempt.id,
              marks: trainerItems.map((i) => ({
                questionId: i.question.id,
                points: Number(v[`q_${i.question.id}`] ?? 0),
              })),
              coachingNote: note || null,
            },
            { onError: (e) => void message.error(e.message) },
          );
        }}
      >
        {!failed &&
          trainerItems.map((i) => (
            <Form.Item
              key={i.question.id}
              name={`q_${i.question.id}`}
              label={
                <span>
                  {i.question.text} — <AnswerText item={i} />
                  {i.question.rubric.length > 0 && (
                    <Typography.Text type="secondary">
                      {' '}
                      ({i.question.rubric.map((r) => `${r.label} ${r.points}`).join('；')})
                    </Typography.Text>
                  )}
                </span>
              }
              rules={[{ required: true }]}
              extra={t('training.marking.maxPoints', { points: i.question.points })}
            >
              <InputNumber min={0} max={i.question.points} aria-label={i.question.text} />
            </Form.Item>
          ))}
        {failed && (
          <Typography.Paragraph>
            {t('training.marking.score')}: {attempt.score} / {attempt.maxScore}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="coachingNote"
          label={t('training.marking.coachingNote')}
          rules={failed ? [{ required: true }] : []}
        >
          <Input.TextArea rows={2} data-testid="coaching-note" />
        </Form.Item>
        <Button
          htmlType="submit"
          type="primary"
          loading={mark.isPending || coaching.isPending}
          data-testid="marking-save"
        >
          {failed ? t('training.marking.saveCoaching') : t('training.marking.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function MarkingTab() {
  const { t } = useTranslation();
  const marking = useAttempts('marking');
  const failed = useAttempts('failed');
  const all = [...(marking.data ?? []), ...(failed.data ?? []).filter((a) => !a.coachingNote)];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {all.length === 0 && <Empty description={t('training.marking.empty')} />}
      {all.map((a) => (
        <MarkCard key={a.id} attempt={a} />
      ))}
    </Space>
  );
}

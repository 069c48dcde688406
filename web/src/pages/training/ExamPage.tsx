// The trainee's exam on a phone or in a browser (by their signed link): each answer is saved as it
// is given, a countdown to the time limit, submission, the result, coaching, the retake, the certificate.
import { Alert, App, Button, Checkbox, Input, List, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TAnswer, TAttemptDetail } from '../../../../common/training-api.ts';
import {
  useAnswerSave,
  useAttempt,
  useAttemptStart,
  useAttemptSubmit,
  useExam,
} from '../../features/training/exam-query.ts';
import { PhoneShell } from './PhoneShell.tsx';

function useRemaining(deadline: string | undefined) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!deadline) return null;
  const left = Math.max(0, Math.floor((Date.parse(deadline) - now) / 1000));
  return { left, text: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` };
}

function Question({
  token,
  attempt,
  q,
  index,
}: {
  token: string;
  attempt: TAttemptDetail;
  q: TAttemptDetail['questions'][number];
  index: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useAnswerSave(token, attempt.id);
  const [answer, setAnswer] = useState<TAnswer | null>(q.answer);
  const put = (a: TAnswer) => {
    setAnswer(a);
    save.mutate({ questionId: q.id, answer: a }, { onError: (e) => void message.error(e.message) });
  };
  const label = (i: number, o: string) =>
    q.kind === 'true_false' ? (i === 1 ? t('training.exam.trueLabel') : t('training.exam.falseLabel')) : o;
  const order = q.kind === 'true_false' ? [1, 0] : q.options.map((_, i) => i);
  return (
    <List.Item data-testid="exam-question" style={{ display: 'block' }}>
      <Typography.Paragraph strong>
        {index + 1}. {q.text} <Tag>{t(`training.questionKinds.${q.kind}`)}</Tag>
        {save.isSuccess && <Tag color="green">{t('training.exam.saved')}</Tag>}
      </Typography.Paragraph>
      {(q.kind === 'single' || q.kind === 'true_false') && (
        <Radio.Group value={answer?.choices?.[0]} onChange={(e) => put({ choices: [e.target.value] })}>
          <Space direction="vertical">
            {order.map((i) => (
              <Radio key={i} value={i} data-testid={`exam-choice-${i}`}>
                {label(i, q.options[i]!)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
      {q.kind === 'multiple' && (
        <Checkbox.Group value={answer?.choices ?? []} onChange={(v) => put({ choices: v as number[] })}>
          <Space direction="vertical">
            {q.options.map((o, i) => (
              <Checkbox key={o} value={i}>
                {o}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      )}
      {q.kind === 'short' && (
        <Input.TextArea
          rows={3}
          defaultValue={answer?.text ?? ''}
          aria-label={q.text}
          onBlur={(e) => put({ text: e.target.value })}
        />
      )}
      {q.kind === 'practical' && (
        <Typography.Text type="secondary">{t('training.exam.practicalNote')}</Typography.Text>
      )}
    </List.Item>
  );
}

function OpenAttempt({ token, attemptId }: { token: string; attemptId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const attempt = useAttempt(token, attemptId);
  const submit = useAttemptSubmit(token, attemptId);
  const remaining = useRemaining(attempt.data?.deadline);
  if (!attempt.data) return <Spin />;
  return (
    <>
      <Alert
        type={remaining && remaining.left === 0 ? 'warning' : 'info'}
        message={
          remaining && remaining.left === 0
            ? t('training.exam.timeUp')
            : t('training.exam.remaining', { time: remaining?.text ?? '' })
        }
        style={{ marginBottom: 8 }}
      />
      <List
        dataSource={attempt.data.questions}
        renderItem={(q, i) => <Question token={token} attempt={attempt.data!} q={q} index={i} />}
      />
      <Button
        type="primary"
        size="large"
        block
        loading={submit.isPending}
        data-testid="exam-submit"
        onClick={() => submit.mutate(undefined, { onError: (e) => void message.error(e.message) })}
      >
        {t('training.exam.submit')}
      </Button>
    </>
  );
}

export function ExamPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exam = useExam(token);
  const start = useAttemptStart(token);
  const e = exam.data;
  const open = e?.attempts.find((a) => a.status === 'open');
  const last = e?.attempts.at(-1);
  const body = () => {
    if (exam.isLoading) return <Spin />;
    if (exam.error || !e) return <Alert type="error" showIcon message={t('training.exam.invalid')} />;
    return (
      <>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {e.courseTitle}
        </Typography.Title>
        <Typography.Paragraph>
          {e.traineeName} · {t('training.exam.passMark', { mark: e.passMark, minutes: e.examMinutes })}
        </Typography.Paragraph>
        {!e.attended && <Alert type="warning" message={t('training.exam.notAttended')} />}
        {open && <OpenAttempt token={token} attemptId={open.id} />}
        {!open && last?.status === 'marking' && <Alert type="info" message={t('training.exam.marking')} />}
        {!open && last?.status === 'passed' && (
          <Alert
            type="success"
            showIcon
            message={<span data-testid="exam-passed">{t('training.exam.passed')}</span>}
          />
        )}
        {!open && last?.status === 'failed' && (
          <Alert
            type="error"
            showIcon
            message={<span data-testid="exam-failed">{t('training.exam.failed')}</span>}
          />
        )}
        {e.certificate && (
          <Space direction="vertical" style={{ marginTop: 12 }}>
            <Typography.Text strong data-testid="exam-certificate-number">
              {t('training.exam.certificate', { number: e.certificate.number })}
            </Typography.Text>
            <a href={`/t/verify/${e.certificate.verificationCode}`} data-testid="exam-certificate-verify">
              {t('training.exam.viewCertificate')}
            </a>
            <a
              href={`/api/v1/public/training/certificates/${e.certificate.verificationCode}/pdf`}
              data-testid="exam-certificate-pdf"
            >
              {t('training.exam.downloadPdf')}
            </a>
          </Space>
        )}
        {!open && e.canStart && (
          <Button
            type="primary"
            size="large"
            block
            style={{ marginTop: 12 }}
            loading={start.isPending}
            data-testid="exam-start"
            onClick={() => start.mutate(undefined, { onError: (err) => void message.error(err.message) })}
          >
            {e.attempts.length ? t('training.exam.retake') : t('training.exam.start')}
          </Button>
        )}
        {e.attempts.length > 0 && (
          <>
            <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
              {t('training.exam.history')}
            </Typography.Title>
            <List
              size="small"
              dataSource={e.attempts}
              renderItem={(a) => (
                <List.Item style={{ display: 'block' }} data-testid="exam-attempt">
                  <div>
                    {t('training.exam.attemptLine', {
                      n: a.number,
                      status: t(`training.attemptStatus.${a.status}`),
                    })}
                    {a.percent !== null &&
                      ` · ${t('training.exam.scoreLine', { score: a.score, max: a.maxScore, percent: a.percent })}`}
                  </div>
                  {a.coachingNote && (
                    <Typography.Text type="secondary">
                      {t('training.exam.coaching', { note: a.coachingNote })}
                    </Typography.Text>
                  )}
                </List.Item>
              )}
            />
          </>
        )}
        {!open && (
          <div style={{ marginTop: 12 }}>
            <Link to={`/t/learn/${token}`} data-testid="exam-to-learn">
              {t('training.exam.toLearn')}
            </Link>
          </div>
        )}
      </>
    );
  };
  return <PhoneShell title={t('training.exam.title')}>{body()}</PhoneShell>;
}

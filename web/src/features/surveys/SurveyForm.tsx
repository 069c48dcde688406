import { Alert, Button, Checkbox, Form, Input, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPublicSurvey, TSurveyAnswerRequest } from '../../../../common/surveys-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';

const STARS = ['response', 'engineer', 'result'] as const;

/** Three star ratings, a comment and the "not satisfied" tick; used by the link page and the portal. */
export function SurveyForm({
  pending,
  onSubmit,
}: {
  pending: boolean;
  onSubmit: (body: TSurveyAnswerRequest, onError: (err: unknown) => void) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TSurveyAnswerRequest>();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) =>
        onSubmit(
          {
            responseStars: values.responseStars,
            engineerStars: values.engineerStars,
            resultStars: values.resultStars,
            comment: values.comment ?? '',
            notSatisfied: values.notSatisfied ?? false,
          },
          (err) => applyServerErrors(form, err),
        )
      }
    >
      {STARS.map((s) => (
        <Form.Item
          key={s}
          name={`${s}Stars`}
          label={t(`surveys.form.${s}`)}
          rules={[{ required: true, message: t('surveys.form.required') }]}
        >
          <Rate aria-label={t(`surveys.form.${s}`)} data-testid={`stars-${s}`} style={{ fontSize: 32 }} />
        </Form.Item>
      ))}
      <Form.Item name="comment" label={t('surveys.form.comment')}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="survey-comment" />
      </Form.Item>
      <Form.Item name="notSatisfied" valuePropName="checked">
        <Checkbox data-testid="survey-not-satisfied">{t('surveys.form.notSatisfied')}</Checkbox>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={pending}
        data-testid="survey-submit"
      >
        {t('surveys.form.submit')}
      </Button>
    </Form>
  );
}

/** What the customer sees once a survey is answered, expired, or when the answer came back. */
export function SurveyOutcome({ survey }: { survey: TPublicSurvey }) {
  const { t } = useTranslation();
  if (survey.status === 'expired')
    return <Alert type="warning" showIcon message={t('surveys.form.expired')} data-testid="survey-expired" />;
  const recovery = survey.answer?.recoveryTicketNumber;
  return (
    <>
      <Alert type="success" showIcon message={t('surveys.form.thanks')} data-testid="survey-thanks" />
      {recovery && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          message={t('surveys.form.recovery', { number: recovery })}
          data-testid="survey-recovery"
        />
      )}
    </>
  );
}

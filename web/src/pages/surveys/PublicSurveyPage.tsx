// The survey a customer opens from the emailed or texted link: no login, a phone-sized card, in the
// customer's language (the invitation's, switchable), answered once.
import { Alert, App, Card, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatPortalDate } from '../../../../common/portal-dates.ts';
import { ApiError } from '../../api/client.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useLinkAnswer } from '../../features/surveys/link-answer-mutation.ts';
import { useLinkSurvey } from '../../features/surveys/link-survey-query.ts';
import { SurveyForm, SurveyOutcome } from '../../features/surveys/SurveyForm.tsx';

export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const survey = useLinkSurvey(token);
  const answer = useLinkAnswer(token);
  const [refused, setRefused] = useState<'answered' | 'expired' | null>(null);
  const languageSet = useRef(false);
  useEffect(() => {
    if (survey.data && !languageSet.current) {
      languageSet.current = true;
      if (i18n.language !== survey.data.locale) void i18n.changeLanguage(survey.data.locale);
    }
  }, [survey.data, i18n]);

  const s = survey.data;
  const body = () => {
    if (survey.isLoading) return <Spin />;
    if (survey.error || !s)
      return <Alert type="error" showIcon message={t('surveys.form.invalid')} data-testid="survey-invalid" />;
    if (answer.data) return <SurveyOutcome survey={answer.data} />;
    if (refused === 'answered' || s.status === 'answered')
      return (
        <Alert type="info" showIcon message={t('surveys.form.answered')} data-testid="survey-answered" />
      );
    if (refused === 'expired' || s.status !== 'open')
      return <SurveyOutcome survey={{ ...s, status: 'expired' }} />;
    const kind = t(`surveys.kindsShort.${s.kind}`);
    return (
      <>
        <Typography.Paragraph>{t('surveys.form.intro', { kind })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {s.sourceNumber && <div>{t('surveys.form.serviceOf', { kind, number: s.sourceNumber })}</div>}
          {s.engineerName && <div>{t('surveys.form.engineerName', { name: s.engineerName })}</div>}
          <div>
            {t('surveys.form.validUntil', { at: formatPortalDate(s.expiresAt, i18n.language, s.timeZone) })}
          </div>
        </Typography.Paragraph>
        <SurveyForm
          pending={answer.isPending}
          onSubmit={(values, onError) =>
            answer.mutate(values, {
              onError: (err) => {
                if (err instanceof ApiError && err.status === 409) setRefused('answered');
                else if (err instanceof ApiError && err.status === 410) setRefused('expired');
                else {
                  onError(err);
                  void message.error(err.message);
                }
              },
            })
          }
        />
      </>
    );
  };
  return (
    <main style={{ minHeight: '100vh', background: '#f4f7f5', padding: 12 }}>
      <div style={{ maxWidth: 480, margin: '0 auto' }}>
        <div
          style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
        >
          <h1 style={{ fontSize: 18, margin: 0 }}>{t('surveys.title')}</h1>
          <LanguageSwitch />
        </div>
        <Card>
          {s && (
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {s.customerName}
            </Typography.Title>
          )}
          {body()}
        </Card>
      </div>
    </main>
  );
}

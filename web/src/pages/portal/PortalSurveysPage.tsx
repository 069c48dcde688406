// The portal's satisfaction surveys: the organisation's surveys to answer (cards that fit a phone)
// and the ones answered, each answered once in a dialog.
import { Alert, App, Button, Card, Empty, Modal, Rate, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPublicSurvey } from '../../../../common/surveys-api.ts';
import { usePortalAnswer } from '../../features/surveys/portal-answer-mutation.ts';
import { usePortalSurveys } from '../../features/surveys/portal-surveys-query.ts';
import { SurveyForm, SurveyOutcome } from '../../features/surveys/SurveyForm.tsx';
import { usePortalDate } from './portal-dates.ts';

export function PortalSurveysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = usePortalSurveys();
  const answer = usePortalAnswer();
  const date = usePortalDate();
  const [open, setOpen] = useState<TPublicSurvey | null>(null);
  const [done, setDone] = useState<TPublicSurvey | null>(null);
  const items = list.data ?? [];
  const toAnswer = items.filter((s) => s.status === 'open');
  const answered = items.filter((s) => s.status === 'answered');
  const card = (s: TPublicSurvey) => (
    <Card key={s.id} size="small" data-testid="portal-survey">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text strong>
          {t(`surveys.kinds.${s.kind}`)} {s.sourceNumber ?? ''}
        </Typography.Text>
        {s.engineerName && <span>{t('surveys.form.engineerName', { name: s.engineerName })}</span>}
        {s.status === 'open' ? (
          <>
            <Typography.Text type="secondary">
              {t('surveys.portal.expires', { at: date(s.expiresAt) })}
            </Typography.Text>
            <Button type="primary" onClick={() => setOpen(s)} data-testid="portal-survey-answer">
              {t('surveys.portal.answer')}
            </Button>
          </>
        ) : (
          <>
            <Typography.Text type="secondary">
              {t('surveys.portal.answeredAt', { at: date(s.answeredAt) })}
            </Typography.Text>
            {s.answer && (
              <Space wrap>
                <Rate disabled value={s.answer.responseStars} style={{ fontSize: 14 }} />
                {s.answer.recoveryTicketNumber && <Tag color="orange">{s.answer.recoveryTicketNumber}</Tag>}
              </Space>
            )}
          </>
        )}
      </Space>
    </Card>
  );
  return (
    <>
      <h1 className="page-title">{t('surveys.portal.title')}</h1>
      <h2 style={{ fontSize: 16 }}>{t('surveys.portal.toAnswer')}</h2>
      {toAnswer.length ? (
        <div
          style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' }}
        >
          {toAnswer.map(card)}
        </div>
      ) : (
        <Empty description={t('surveys.portal.none')} />
      )}
      {answered.length > 0 && (
        <>
          <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('surveys.portal.answered')}</h2>
          <div
            style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' }}
          >
            {answered.map(card)}
          </div>
        </>
      )}
      <Modal
        open={open !== null}
        title={open ? `${t(`surveys.kinds.${open.kind}`)} ${open.sourceNumber ?? ''}` : ''}
        footer={null}
        onCancel={() => {
          setOpen(null);
          setDone(null);
        }}
        destroyOnHidden
      >
        {done ? (
          <SurveyOutcome survey={done} />
        ) : open ? (
          <>
            {answer.error && (
              <Alert type="error" message={answer.error.message} style={{ marginBottom: 12 }} />
            )}
            <SurveyForm
              pending={answer.isPending}
              onSubmit={(body, onError) =>
                answer.mutate(
                  { id: open.id, body },
                  {
                    onSuccess: (s) => setDone(s),
                    onError: (err) => {
                      onError(err);
                      void message.error(err.message);
                    },
                  },
                )
              }
            />
          </>
        ) : null}
      </Modal>
    </>
  );
}

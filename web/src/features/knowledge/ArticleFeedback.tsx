import { App, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useArticleFeedback } from './article-feedback-mutation.ts';

/** "Was this helpful?" yes or no, with a comment on no. */
export function ArticleFeedback({ articleId }: { articleId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const feedback = useArticleFeedback(articleId);
  const [answer, setAnswer] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const send = (helpful: boolean, text?: string) =>
    feedback.mutate(
      { helpful, comment: text?.trim() || undefined },
      {
        onSuccess: () => {
          setSent(true);
          message.success(t('knowledge.thanks'));
        },
        onError: (err) => message.error((err as Error).message),
      },
    );
  if (sent) return <Typography.Text type="secondary">{t('knowledge.thanks')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="article-feedback">
      <Typography.Text strong>{t('knowledge.wasHelpful')}</Typography.Text>
      <Space wrap>
        <Button onClick={() => send(true)} data-testid="article-helpful-yes" loading={feedback.isPending}>
          {t('knowledge.yes')}
        </Button>
        <Button
          onClick={() => setAnswer(false)}
          data-testid="article-helpful-no"
          type={answer === false ? 'primary' : 'default'}
        >
          {t('knowledge.no')}
        </Button>
      </Space>
      {answer === false && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('knowledge.commentPlaceholder')}
            aria-label={t('knowledge.commentPlaceholder')}
            maxLength={1000}
            data-testid="article-helpful-comment"
          />
          <Button type="primary" onClick={() => send(false, comment)} loading={feedback.isPending}>
            {t('knowledge.sendFeedback')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}

import { Button, Card, List, Modal, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleBody } from './ArticleBody.tsx';
import { useArticleDeflection } from './article-deflection-mutation.ts';
import { useArticle } from './article-query.ts';
import { useArticleSuggestions } from './article-suggestions-query.ts';
import { articleExcerpt, articleTitle } from './article-text.ts';

/**
 * While a customer writes a fault report: articles for what they wrote, each opened in place with
 * "did this solve it?" — yes is counted (a deflection) and the report is not sent.
 */
export function SuggestedArticles({ text, onSolved }: { text: string; onSolved: () => void }) {
  const { t, i18n } = useTranslation();
  const suggestions = useArticleSuggestions(text);
  const [open, setOpen] = useState<string | null>(null);
  const items = suggestions.data ?? [];
  // The open article stays open while the list refreshes, even if the new list no longer has it.
  if (!items.length && !open) return null;
  return (
    <Card
      size="small"
      title={t('knowledge.suggest.title')}
      data-testid="kb-suggestions"
      style={{ marginBottom: 16 }}
    >
      <List
        size="small"
        dataSource={items}
        renderItem={(a) => (
          <List.Item>
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Button
                type="link"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                onClick={() => setOpen(a.id)}
                data-testid="kb-suggestion"
              >
                {articleTitle(a, i18n.language)}
              </Button>
              <Typography.Text type="secondary" ellipsis>
                {articleExcerpt(a, i18n.language)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {open && <SuggestedArticle id={open} text={text} onClose={() => setOpen(null)} onSolved={onSolved} />}
    </Card>
  );
}

function SuggestedArticle({
  id,
  text,
  onClose,
  onSolved,
}: {
  id: string;
  text: string;
  onClose: () => void;
  onSolved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const article = useArticle(id);
  const deflect = useArticleDeflection();
  return (
    <Modal
      open
      onCancel={onClose}
      title={article.data ? articleTitle(article.data, i18n.language) : ''}
      width={720}
      footer={
        <Space wrap>
          <Button onClick={onClose} data-testid="kb-not-solved">
            {t('knowledge.suggest.notSolved')}
          </Button>
          <Button
            type="primary"
            loading={deflect.isPending}
            data-testid="kb-solved"
            // The promise, not mutate's callback (dropped if the list re-renders meanwhile); solved is
            // solved for the customer even if counting it failed.
            onClick={() => deflect.mutateAsync({ id, text: text.slice(0, 2000) }).finally(onSolved)}
          >
            {t('knowledge.suggest.solved')}
          </Button>
        </Space>
      }
    >
      {article.data ? <ArticleBody article={article.data} /> : <Spin />}
    </Modal>
  );
}

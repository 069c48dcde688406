import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TArticle } from '../../../../common/knowledge-api.ts';
import { insertIntoComposer } from '../tickets/composer-insert.ts';
import { useArticleSuggestions } from './article-suggestions-query.ts';
import { articleTitle } from './article-text.ts';

/**
 * The ticket page's card of articles for the ticket's text; a public one goes into the reply as a link
 * the customer can open in the portal, in one click.
 */
export function TicketKnowledgeCard({ text }: { text: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const suggestions = useArticleSuggestions(text, 0);
  const items = suggestions.data ?? [];
  const insert = (a: TArticle) => {
    const url = `${window.location.origin}/portal/knowledge/${a.id}`;
    insertIntoComposer(t('knowledge.suggest.linkText', { title: articleTitle(a, i18n.language), url }));
    message.success(t('knowledge.suggest.inserted'));
  };
  return (
    <Card size="small" title={t('knowledge.suggest.ticketCard')} data-testid="ticket-kb-card">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('knowledge.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              actions={[
                a.visibility === 'public' ? (
                  <Button key="insert" size="small" onClick={() => insert(a)} data-testid="kb-insert-link">
                    {t('knowledge.suggest.insertLink')}
                  </Button>
                ) : (
                  <Tag key="internal">{t('knowledge.suggest.internalOnly')}</Tag>
                ),
              ]}
            >
              <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                <Link to={`/console/knowledge/${a.id}`} target="_blank">
                  {articleTitle(a, i18n.language)}
                </Link>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

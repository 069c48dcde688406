// The portal's knowledge base: search the public articles (two Chinese characters are enough) and
// read them; cards that wrap to the screen, as the portal's other lists.
import { Card, Empty, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../components/LoadMore.tsx';
import { articleExcerpt, articleTitle } from '../../features/knowledge/article-text.ts';
import { useArticles } from '../../features/knowledge/articles-query.ts';

export function PortalKnowledgePage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const list = useArticles({ q: q || undefined });
  return (
    <>
      <h1 className="page-title">{t('knowledge.portal.title')}</h1>
      <Typography.Paragraph type="secondary">{t('knowledge.portal.intro')}</Typography.Paragraph>
      <Input.Search
        allowClear
        size="large"
        placeholder={t('knowledge.search')}
        aria-label={t('knowledge.search')}
        onSearch={(v) => setQ(v.trim())}
        style={{ marginBottom: 16 }}
        data-testid="portal-kb-search"
      />
      {!list.isLoading && list.items.length === 0 && <Empty description={t('knowledge.none')} />}
      <Space direction="vertical" style={{ width: '100%' }} data-testid="portal-kb-results">
        {list.items.map((a) => (
          <Card key={a.id} size="small">
            <Link to={`/portal/knowledge/${a.id}`} data-testid="portal-kb-article">
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {articleTitle(a, i18n.language)}
              </Typography.Text>
            </Link>
            <div>
              <Typography.Text type="secondary">{t(`knowledge.kinds.${a.kind}`)}</Typography.Text>
            </div>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
              {articleExcerpt(a, i18n.language)}
            </Typography.Paragraph>
          </Card>
        ))}
      </Space>
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}

// An article as a reader sees it, in the console and in the portal: the body in the reader's
// language, its attachments, "was this helpful"; staff also see its state and may edit it.
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../features/auth/me-query.ts';
import { ArticleBody } from '../../features/knowledge/ArticleBody.tsx';
import { ArticleFeedback } from '../../features/knowledge/ArticleFeedback.tsx';
import { useArticle } from '../../features/knowledge/article-query.ts';
import { articleTitle, categoryLabel } from '../../features/knowledge/article-text.ts';

export function ArticleViewPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const article = useArticle(id);
  if (article.isError) return <Alert type="warning" showIcon message={t('knowledge.none')} />;
  if (!article.data) return <Spin />;
  const a = article.data;
  const staff = base === '/console';
  const canWrite = staff && (me?.permissions.includes('knowledge.write') ?? false);
  return (
    <>
      <Link to={`${base}/knowledge`}>{t('knowledge.back')}</Link>
      <h1 className="page-title" style={{ overflowWrap: 'anywhere' }} data-testid="article-title">
        {articleTitle(a, i18n.language)}
      </h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="blue">{t(`knowledge.kinds.${a.kind}`)}</Tag>
        {a.category && <Tag>{categoryLabel(t, a.category)}</Tag>}
        {a.faultClass && <Tag>{a.faultClass}</Tag>}
        {staff && <Tag color="gold">{t(`knowledge.statuses.${a.status}`)}</Tag>}
        {staff && <Tag>{t(`knowledge.visibilities.${a.visibility}`)}</Tag>}
        {staff && (
          <Typography.Text type="secondary">
            {t('knowledge.votes', { yes: a.helpfulYes, no: a.helpfulNo })} · {t('knowledge.deflections')}{' '}
            {a.deflections}
          </Typography.Text>
        )}
        {canWrite && (
          <Button onClick={() => navigate(`/console/knowledge/${a.id}/edit`)} data-testid="article-edit">
            {t('knowledge.edit')}
          </Button>
        )}
      </Space>
      <Card style={{ maxWidth: 900 }}>
        <ArticleBody article={a} />
        {a.attachments.length > 0 && (
          <Space direction="vertical" style={{ marginTop: 16 }}>
            <Typography.Text strong>{t('knowledge.fields.attachments')}</Typography.Text>
            {a.attachments.map((f) => (
              <a key={f.id} href={f.url}>
                <PaperClipOutlined /> {f.name}
              </a>
            ))}
          </Space>
        )}
      </Card>
      <Card style={{ maxWidth: 900, marginTop: 16 }}>
        <ArticleFeedback articleId={a.id} />
      </Card>
    </>
  );
}

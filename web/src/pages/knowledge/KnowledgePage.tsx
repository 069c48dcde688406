// The knowledge base in the console: search and filter the articles, the review queue, the articles
// readers found unhelpful, and the synonyms that widen a search.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  ARTICLE_VISIBILITIES,
  type TAlias,
  type TArticle,
  type TUnhelpfulArticle,
} from '../../../../common/knowledge-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { articleTitle, categoryLabel } from '../../features/knowledge/article-text.ts';
import { useArticles } from '../../features/knowledge/articles-query.ts';
import { useKnowledgeAliasChange } from '../../features/knowledge/knowledge-alias-mutation.ts';
import { useKnowledgeAliases } from '../../features/knowledge/knowledge-aliases-query.ts';
import { useKnowledgeFacets } from '../../features/knowledge/knowledge-facets-query.ts';
import { useUnhelpfulArticles } from '../../features/knowledge/unhelpful-articles-query.ts';

const STATUS_COLOR = { draft: 'default', in_review: 'gold', published: 'green' } as const;

export function KnowledgePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [tab, setTab] = useState('articles');
  const canWrite = me?.permissions.includes('knowledge.write') ?? false;
  const canPublish = me?.permissions.includes('knowledge.publish') ?? false;
  return (
    <>
      <h1 className="page-title">{t('knowledge.title')}</h1>
      {/* Beside the tabs, not inside their tab list (a button there breaks the list's ARIA roles). */}
      {canWrite && (
        <div className="toolbar">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/console/knowledge/new')}
            data-testid="kb-new"
          >
            {t('knowledge.newArticle')}
          </Button>
        </div>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'articles', label: t('knowledge.tabs.articles'), children: <ArticleList /> },
          ...(canWrite
            ? [
                {
                  key: 'review',
                  label: t('knowledge.tabs.review'),
                  children: <ArticleList status="in_review" />,
                },
              ]
            : []),
          ...(canPublish
            ? [
                { key: 'unhelpful', label: t('knowledge.tabs.unhelpful'), children: <UnhelpfulList /> },
                { key: 'aliases', label: t('knowledge.tabs.aliases'), children: <Aliases /> },
              ]
            : []),
        ]}
      />
    </>
  );
}

function ArticleList({ status }: { status?: string }) {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  const facets = useKnowledgeFacets();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({ status });
  const list = useArticles(filters);
  const set = (key: string, value: string | undefined) =>
    setFilters((f) => ({ ...f, [key]: value || undefined }));
  const all = { value: '', label: t('knowledge.all') };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('knowledge.search')}
          aria-label={t('knowledge.search')}
          onSearch={(q) => set('q', q.trim())}
          style={{ width: 280 }}
          data-testid="kb-search"
        />
        <Select
          aria-label={t('knowledge.fields.kind')}
          style={{ width: 150 }}
          value={filters.kind ?? ''}
          onChange={(v) => set('kind', v)}
          options={[all, ...ARTICLE_KINDS.map((k) => ({ value: k, label: t(`knowledge.kinds.${k}`) }))]}
        />
        {!status && (
          <Select
            aria-label={t('knowledge.fields.status')}
            style={{ width: 120 }}
            value={filters.status ?? ''}
            onChange={(v) => set('status', v)}
            options={[
              all,
              ...ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`knowledge.statuses.${s}`) })),
            ]}
          />
        )}
        <Select
          aria-label={t('knowledge.fields.visibility')}
          style={{ width: 130 }}
          value={filters.visibility ?? ''}
          onChange={(v) => set('visibility', v)}
          options={[
            all,
            ...ARTICLE_VISIBILITIES.map((s) => ({ value: s, label: t(`knowledge.visibilities.${s}`) })),
          ]}
        />
        <Select
          aria-label={t('knowledge.fields.category')}
          style={{ width: 160 }}
          value={filters.category ?? ''}
          onChange={(v) => set('category', v)}
          options={[
            all,
            ...(facets.data?.categories ?? []).map((c) => ({ value: c, label: categoryLabel(t, c) })),
          ]}
        />
      </Space>
      <Table<TArticle>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('knowledge.none') }}
        data-testid="kb-table"
        columns={[
          {
            title: t('knowledge.fields.title'),
            render: (_, a) => <Link to={`/console/knowledge/${a.id}`}>{articleTitle(a, i18n.language)}</Link>,
          },
          { title: t('knowledge.fields.kind'), render: (_, a) => t(`knowledge.kinds.${a.kind}`) },
          {
            title: t('knowledge.fields.category'),
            render: (_, a) => (a.category ? categoryLabel(t, a.category) : '—'),
          },
          { title: t('knowledge.fields.faultClass'), render: (_, a) => a.faultClass ?? '—' },
          {
            title: t('knowledge.fields.status'),
            render: (_, a) => <Tag color={STATUS_COLOR[a.status]}>{t(`knowledge.statuses.${a.status}`)}</Tag>,
          },
          {
            title: t('knowledge.fields.visibility'),
            render: (_, a) => t(`knowledge.visibilities.${a.visibility}`),
          },
          { title: t('knowledge.fields.helpful'), render: (_, a) => `${a.helpfulYes} / ${a.helpfulNo}` },
          { title: t('knowledge.fields.updatedAt'), render: (_, a) => time.dateTime(a.updatedAt) },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}

function UnhelpfulList() {
  const { t, i18n } = useTranslation();
  const list = useUnhelpfulArticles(true);
  return (
    <Table<TUnhelpfulArticle>
      rowKey="id"
      size="small"
      loading={list.isLoading}
      dataSource={list.data ?? []}
      pagination={false}
      scroll={{ x: 700 }}
      locale={{ emptyText: t('knowledge.none') }}
      data-testid="kb-unhelpful"
      columns={[
        {
          title: t('knowledge.fields.title'),
          render: (_, a) => <Link to={`/console/knowledge/${a.id}`}>{articleTitle(a, i18n.language)}</Link>,
        },
        { title: t('knowledge.ratio'), render: (_, a) => `${Math.round(a.unhelpfulRatio * 100)}%` },
        { title: t('knowledge.voteCount'), render: (_, a) => a.helpfulYes + a.helpfulNo },
        { title: t('knowledge.deflections'), dataIndex: 'deflections' },
        { title: t('knowledge.comments'), render: (_, a) => a.lastComments.join('；') || '—' },
      ]}
    />
  );
}

function Aliases() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const aliases = useKnowledgeAliases(true);
  const facets = useKnowledgeFacets();
  const change = useKnowledgeAliasChange();
  return (
    <>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v) =>
          change.mutate(
            { add: { category: v.category || null, alias: v.alias, term: v.term } },
            {
              onSuccess: () => form.resetFields(),
              onError: (err) => message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="category">
          <Select
            aria-label={t('knowledge.fields.category')}
            placeholder={t('knowledge.aliasAll')}
            allowClear
            style={{ width: 160 }}
            options={(facets.data?.categories ?? []).map((c) => ({ value: c, label: categoryLabel(t, c) }))}
          />
        </Form.Item>
        <Form.Item name="alias" rules={[{ required: true }]}>
          <Input placeholder={t('knowledge.alias')} aria-label={t('knowledge.alias')} />
        </Form.Item>
        <Form.Item name="term" rules={[{ required: true }]}>
          <Input placeholder={t('knowledge.term')} aria-label={t('knowledge.term')} />
        </Form.Item>
        <Button htmlType="submit" loading={change.isPending}>
          {t('knowledge.addAlias')}
        </Button>
      </Form>
      <Table<TAlias>
        rowKey="id"
        size="small"
        dataSource={aliases.data ?? []}
        pagination={false}
        columns={[
          {
            title: t('knowledge.fields.category'),
            render: (_, a) => (a.category ? categoryLabel(t, a.category) : t('knowledge.aliasAll')),
          },
          { title: t('knowledge.alias'), dataIndex: 'alias' },
          { title: t('knowledge.term'), dataIndex: 'term' },
          {
            title: '',
            render: (_, a) => (
              <Button size="small" danger onClick={() => change.mutate({ remove: a.id })}>
                {t('knowledge.remove')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

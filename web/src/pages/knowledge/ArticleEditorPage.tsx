// Writing an article: Chinese and English title and Markdown body with a preview, the product category
// and fault class, images and attachments, the review steps, and the version history.
import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  ARTICLE_KINDS,
  ARTICLE_VISIBILITIES,
  type TArticleDetail,
  type TArticleRevision,
} from '../../../../common/knowledge-api.ts';
import { renderMarkdown } from '../../../../common/markdown.ts';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { uploadFile } from '../../features/files/upload-file.ts';
import { useArticle } from '../../features/knowledge/article-query.ts';
import { useArticleRevisions } from '../../features/knowledge/article-revisions-query.ts';
import { useArticleSave } from '../../features/knowledge/article-save-mutation.ts';
import { type ArticleStep, useArticleStep } from '../../features/knowledge/article-step-mutation.ts';
import { categoryLabel } from '../../features/knowledge/article-text.ts';
import { useKnowledgeFacets } from '../../features/knowledge/knowledge-facets-query.ts';

type Attachment = { id: string; name: string; contentType: string };

export function ArticleEditorPage() {
  const { id } = useParams();
  const article = useArticle(id);
  if (id && !article.data) return <Spin />;
  return <Editor key={article.data?.id ?? 'new'} article={article.data} />;
}

function Editor({ article }: { article: TArticleDetail | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [form] = Form.useForm();
  const facets = useKnowledgeFacets();
  const save = useArticleSave(article?.id);
  const [attachments, setAttachments] = useState<Attachment[]>(article?.attachments ?? []);
  const [historyOpen, setHistoryOpen] = useState(false);
  const bodyZh = (Form.useWatch('bodyZh', form) as string | undefined) ?? '';
  const bodyEn = (Form.useWatch('bodyEn', form) as string | undefined) ?? '';
  useEffect(() => {
    if (article) form.setFieldsValue(article);
  }, [article, form]);

  const attachmentUrl = (fileId: string) =>
    article ? `/api/v1/knowledge/articles/${article.id}/files/${fileId}` : `/api/v1/files/${fileId}/content`;
  const preview = (md: string) =>
    renderMarkdown(md, (fileId) => (attachments.some((a) => a.id === fileId) ? attachmentUrl(fileId) : null));

  const submit = (v: Record<string, unknown>) => {
    const body = {
      ...v,
      category: v.category || null,
      faultClass: v.faultClass || null,
      attachmentIds: attachments.map((a) => a.id),
    };
    save.mutate(article ? { ...body, version: article.version } : body, {
      onSuccess: (saved) => {
        message.success(t('knowledge.saved', { revision: saved.revision }));
        if (!article) navigate(`/console/knowledge/${saved.id}/edit`, { replace: true });
      },
      onError: (err) =>
        message.error(
          err instanceof ApiError && err.status === 409
            ? t('common.staleVersion')
            : applyServerErrors(form, err),
        ),
    });
  };

  const upload = async (file: File) => {
    try {
      const meta = await uploadFile(file, null);
      setAttachments((all) => [...all, { id: meta.id, name: meta.name, contentType: meta.contentType }]);
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  const insertImage = (a: Attachment, field: 'bodyZh' | 'bodyEn') => {
    const mark = a.contentType.startsWith('image/')
      ? `![${a.name}](file:${a.id})`
      : `[${a.name}](file:${a.id})`;
    const current = (form.getFieldValue(field) as string | undefined) ?? '';
    form.setFieldValue(field, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${mark}\n`);
  };

  const bodyTab = (field: 'bodyZh' | 'bodyEn', value: string) => (
    <Tabs
      size="small"
      items={[
        {
          key: 'write',
          label: t('knowledge.write'),
          children: (
            <Form.Item name={field} extra={t('knowledge.markdownHelp')} noStyle={false}>
              <Input.TextArea autoSize={{ minRows: 12, maxRows: 30 }} data-testid={`kb-${field}`} />
            </Form.Item>
          ),
        },
        {
          key: 'preview',
          label: t('knowledge.preview'),
          children: (
            <div
              className="kb-article"
              data-testid={`kb-preview-${field}`}
              style={{ minHeight: 200, overflowWrap: 'anywhere' }}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes the author's text before building its own elements
              dangerouslySetInnerHTML={{ __html: preview(value) }}
            />
          ),
        },
      ]}
    />
  );

  return (
    <>
      <h1 className="page-title">{article ? t('knowledge.edit') : t('knowledge.newArticle')}</h1>
      {article && (
        <ReviewBar article={article} canPublish={me?.permissions.includes('knowledge.publish') ?? false}>
          <Button onClick={() => setHistoryOpen(true)} data-testid="kb-history">
            {t('knowledge.history')}
          </Button>
          <Button onClick={() => navigate(`/console/knowledge/${article.id}`)}>{t('knowledge.view')}</Button>
        </ReviewBar>
      )}
      <Card style={{ maxWidth: 1000 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            kind: 'troubleshooting',
            visibility: 'internal',
            bodyZh: '',
            bodyEn: '',
            titleEn: '',
          }}
        >
          <Space wrap align="start">
            <Form.Item label={t('knowledge.fields.kind')} name="kind">
              <Select
                style={{ width: 160 }}
                options={ARTICLE_KINDS.map((k) => ({ value: k, label: t(`knowledge.kinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('knowledge.fields.visibility')} name="visibility">
              <Select
                style={{ width: 140 }}
                data-testid="kb-visibility"
                options={ARTICLE_VISIBILITIES.map((v) => ({
                  value: v,
                  label: t(`knowledge.visibilities.${v}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('knowledge.fields.category')} name="category">
              <Select
                allowClear
                showSearch
                style={{ width: 180 }}
                options={(facets.data?.categories ?? []).map((c) => ({
                  value: c,
                  label: categoryLabel(t, c),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('knowledge.fields.faultClass')} name="faultClass">
              <Input style={{ width: 180 }} list="kb-fault-classes" />
            </Form.Item>
            <datalist id="kb-fault-classes">
              {(facets.data?.faultClasses ?? []).map((f) => (
                <option key={f} value={f} />
              ))}
            </datalist>
          </Space>
          <Tabs
            items={[
              {
                key: 'zh',
                label: t('knowledge.chinese'),
                forceRender: true,
                children: (
                  <>
                    <Form.Item
                      label={t('knowledge.fields.titleZh')}
                      name="titleZh"
                      rules={[{ required: true }]}
                    >
                      <Input maxLength={200} data-testid="kb-titleZh" />
                    </Form.Item>
                    {bodyTab('bodyZh', bodyZh)}
                  </>
                ),
              },
              {
                key: 'en',
                label: t('knowledge.english'),
                forceRender: true,
                children: (
                  <>
                    <Form.Item label={t('knowledge.fields.titleEn')} name="titleEn">
                      <Input maxLength={200} data-testid="kb-titleEn" />
                    </Form.Item>
                    {bodyTab('bodyEn', bodyEn)}
                  </>
                ),
              },
            ]}
          />
          <Form.Item label={t('knowledge.fields.attachments')}>
            <List
              size="small"
              dataSource={attachments}
              renderItem={(a) => (
                <List.Item
                  actions={[
                    <Button key="zh" size="small" onClick={() => insertImage(a, 'bodyZh')}>
                      {t('knowledge.insertImage')} · {t('knowledge.chinese')}
                    </Button>,
                    <Button key="en" size="small" onClick={() => insertImage(a, 'bodyEn')}>
                      {t('knowledge.insertImage')} · {t('knowledge.english')}
                    </Button>,
                    <Button
                      key="remove"
                      size="small"
                      danger
                      onClick={() => setAttachments((all) => all.filter((x) => x.id !== a.id))}
                    >
                      {t('knowledge.remove')}
                    </Button>,
                  ]}
                >
                  {a.name}
                </List.Item>
              )}
            />
            <Upload showUploadList={false} customRequest={async ({ file }) => upload(file as File)}>
              <Button>{t('knowledge.addAttachment')}</Button>
            </Upload>
          </Form.Item>
          {article?.status === 'published' && (
            <Typography.Paragraph type="warning">{t('knowledge.publishedAgain')}</Typography.Paragraph>
          )}
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="kb-save">
            {t('knowledge.save')}
          </Button>
        </Form>
      </Card>
      {article && (
        <History
          articleId={article.id}
          open={historyOpen}
          onClose={() => setHistoryOpen(false)}
          onRestore={(r) => {
            form.setFieldsValue({
              titleZh: r.titleZh,
              titleEn: r.titleEn,
              bodyZh: r.bodyZh,
              bodyEn: r.bodyEn,
            });
            setHistoryOpen(false);
          }}
        />
      )}
    </>
  );
}

/** The article's state and the review steps the reader may take. */
function ReviewBar({
  article,
  canPublish,
  children,
}: {
  article: TArticleDetail;
  canPublish: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useArticleStep(article.id);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const run = (s: ArticleStep, extra: { note?: string } = {}) =>
    step.mutate(
      { step: s, version: article.version, ...extra },
      {
        onSuccess: () => message.success(t(`knowledge.stepDone.${s}`)),
        onError: (err) =>
          message.error(
            err instanceof ApiError && err.status === 409 ? t('common.staleVersion') : (err as Error).message,
          ),
      },
    );
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Tag color="gold" data-testid="kb-status">
        {t(`knowledge.statuses.${article.status}`)}
      </Tag>
      <Typography.Text type="secondary">
        {t('knowledge.fields.revision')} {article.revision}
      </Typography.Text>
      {article.reviewNote && (
        <Typography.Text type="danger">
          {t('knowledge.reviewNote', { note: article.reviewNote })}
        </Typography.Text>
      )}
      {article.status === 'draft' && (
        <Button onClick={() => run('submit')} data-testid="kb-submit">
          {t('knowledge.submit')}
        </Button>
      )}
      {canPublish && article.status === 'in_review' && (
        <>
          <Button type="primary" onClick={() => run('publish')} data-testid="kb-publish">
            {t('knowledge.publish')}
          </Button>
          <Button onClick={() => setRejecting(true)} data-testid="kb-reject">
            {t('knowledge.reject')}
          </Button>
        </>
      )}
      {canPublish && article.status === 'published' && (
        <Button onClick={() => run('unpublish')}>{t('knowledge.unpublish')}</Button>
      )}
      {children}
      <Modal
        open={rejecting}
        title={t('knowledge.reject')}
        onCancel={() => setRejecting(false)}
        onOk={() => {
          run('reject', { note: note.trim() || undefined });
          setRejecting(false);
        }}
      >
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('knowledge.rejectNote')}
          aria-label={t('knowledge.rejectNote')}
          maxLength={1000}
        />
      </Modal>
    </Space>
  );
}

function History({
  articleId,
  open,
  onClose,
  onRestore,
}: {
  articleId: string;
  open: boolean;
  onClose: () => void;
  onRestore: (r: TArticleRevision) => void;
}) {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const revisions = useArticleRevisions(articleId, open);
  const [shown, setShown] = useState<TArticleRevision | null>(null);
  return (
    <Drawer open={open} onClose={onClose} title={t('knowledge.history')} width={560}>
      <List
        loading={revisions.isLoading}
        dataSource={revisions.data ?? []}
        data-testid="kb-revisions"
        renderItem={(r) => (
          <List.Item
            actions={[
              <Button
                key="view"
                size="small"
                onClick={() => setShown(shown?.revision === r.revision ? null : r)}
              >
                {t('knowledge.view')}
              </Button>,
              <Button key="restore" size="small" onClick={() => onRestore(r)}>
                {t('knowledge.restore')}
              </Button>,
            ]}
          >
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <span>
                {t('knowledge.revisionBy', {
                  revision: r.revision,
                  name: r.savedByName ?? '—',
                  at: time.dateTime(r.savedAt),
                })}
              </span>
              <Typography.Text type="secondary" ellipsis>
                {r.titleZh}
              </Typography.Text>
              {shown?.revision === r.revision && (
                <div
                  className="kb-article"
                  style={{ overflowWrap: 'anywhere' }}
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes the author's text before building its own elements
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(r.bodyZh) }}
                />
              )}
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}

// 常用回复: the service desk's shared replies, kept by managers; agents insert them in the composer.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CANNED_VARIABLES, type TCannedReply } from '../../../../common/canned-replies.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useCannedReplies } from '../../features/tickets/canned-replies-query.ts';
import { useCannedReplyDeleteMutation } from '../../features/tickets/canned-reply-delete-mutation.ts';
import { useCannedReplySaveMutation } from '../../features/tickets/canned-reply-save-mutation.ts';

/**
 * Variables are stored as `{{customer.name}}` and shown in words (`{{客户名称}}`): the editor turns
 * one into the other, and accepts either.
 */
function useVariableWords() {
  const { t } = useTranslation();
  const words = CANNED_VARIABLES.map((v) => [v, t(`cannedReplies.vars.${v.replace('.', '_')}`)] as const);
  return {
    words,
    show: (body: string) => words.reduce((b, [v, w]) => b.replaceAll(`{{${v}}}`, `{{${w}}}`), body),
    store: (body: string) => words.reduce((b, [v, w]) => b.replaceAll(`{{${w}}}`, `{{${v}}}`), body),
  };
}

export function CannedRepliesPage() {
  const { t } = useTranslation();
  const vars = useVariableWords();
  const { message } = App.useApp();
  const replies = useCannedReplies();
  const save = useCannedReplySaveMutation();
  const remove = useCannedReplyDeleteMutation();
  const [editing, setEditing] = useState<TCannedReply | 'new' | null>(null);
  const [form] = Form.useForm();
  const open = (r: TCannedReply | 'new') => {
    form.resetFields();
    if (r !== 'new') form.setFieldsValue({ title: r.title, body: vars.show(r.body) });
    setEditing(r);
  };
  const addVariable = (word: string) =>
    form.setFieldValue('body', `${(form.getFieldValue('body') as string | undefined) ?? ''}{{${word}}}`);
  return (
    <>
      <h1 className="page-title">{t('cannedReplies.title')}</h1>
      <div className="toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="canned-new">
          {t('cannedReplies.new')}
        </Button>
      </div>
      <List
        bordered
        loading={replies.isLoading}
        locale={{ emptyText: t('cannedReplies.none') }}
        dataSource={replies.data ?? []}
        renderItem={(r) => (
          <List.Item
            data-testid="canned-item"
            actions={[
              <Button key="edit" size="small" onClick={() => open(r)}>
                {t('common.edit')}
              </Button>,
              <Popconfirm
                key="remove"
                title={t('cannedReplies.confirmDelete', { title: r.title })}
                okText={t('common.remove')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  remove.mutate(r.id, {
                    onSuccess: () => message.success(t('cannedReplies.deleted')),
                    onError: (err) => message.error((err as Error).message),
                  })
                }
              >
                <Button size="small" danger>
                  {t('common.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={r.title}
              description={
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 0 }}
                  ellipsis={{ rows: 3 }}
                >
                  {vars.show(r.body)}
                </Typography.Paragraph>
              }
            />
          </List.Item>
        )}
      />
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('cannedReplies.new') : t('cannedReplies.edit')}
        form={form}
        onCancel={() => setEditing(null)}
        loading={save.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(form_: { title: string; body: string }) => {
            const v = { title: form_.title, body: vars.store(form_.body) };
            save.mutate(
              editing && editing !== 'new' ? { id: editing.id, version: editing.version, ...v } : v,
              {
                onSuccess: () => {
                  message.success(t('common.saved'));
                  setEditing(null);
                },
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            );
          }}
        >
          <Form.Item label={t('cannedReplies.name')} name="title" rules={[{ required: true, max: 80 }]}>
            <Input data-testid="canned-title" />
          </Form.Item>
          <Form.Item label={t('cannedReplies.body')} name="body" rules={[{ required: true, max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="canned-body" />
          </Form.Item>
          <Typography.Text type="secondary">{t('cannedReplies.variables')}</Typography.Text>
          <Space wrap style={{ marginTop: 4 }}>
            {vars.words.map(([v, word]) => (
              <Tag key={v} style={{ cursor: 'pointer' }} onClick={() => addVariable(word)}>
                {word}
              </Tag>
            ))}
          </Space>
        </Form>
      </FormModal>
    </>
  );
}

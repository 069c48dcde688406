// The centre of the ticket page: the conversation, oldest first so the newest is beside the composer,
// and the composer itself, kept in reach at the bottom of the column (sticky) with canned replies,
// attachments by drag and drop, paste or the paper clip, and Ctrl+Enter to send.
import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Grid, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { type ClipboardEvent, type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fillCannedReply } from '../../../../common/canned-replies.ts';
import type { TTicketContext, TTicketDetail } from '../../../../common/tickets-api.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { uploadFile } from '../../features/files/upload-file.ts';
import { useCannedReplies } from '../../features/tickets/canned-replies-query.ts';
import { useComposerInsert } from '../../features/tickets/composer-insert.ts';
import { useTicketMutation } from '../../features/tickets/ticket-mutation.ts';
import { KeyHint } from './KeyHint.tsx';
import { useComposeShortcuts } from './ticket-shortcuts.ts';

type Kind = 'public_reply' | 'internal_note';

export function TicketConversation({
  ticket,
  staff,
  context,
  agentName,
}: {
  ticket: TTicketDetail;
  staff: boolean;
  context?: TTicketContext;
  agentName: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      title={t('tickets.conversation')}
      data-testid="ticket-conversation"
      styles={{ body: { paddingBottom: 0 } }}
    >
      <List
        locale={{ emptyText: t('tickets.noMessages') }}
        dataSource={ticket.messages}
        renderItem={(m) => (
          <List.Item
            data-testid={`message-${m.kind}`}
            style={m.kind === 'internal_note' ? { background: '#fffbe6', paddingInline: 8 } : undefined}
          >
            <div style={{ width: '100%', minWidth: 0 }}>
              <Space wrap>
                <Typography.Text strong>{m.authorLabel}</Typography.Text>
                <Tag
                  color={
                    m.kind === 'internal_note' ? 'gold' : m.kind === 'customer_message' ? 'green' : 'blue'
                  }
                >
                  {t(`messageKinds.${m.kind}`)}
                </Tag>
                <Typography.Text type="secondary">
                  {new Date(m.createdAt).toLocaleString(i18n.language)}
                </Typography.Text>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 4 }}>{m.body}</div>
              {m.attachmentIds.length > 0 && (
                <Attachments
                  fileIds={m.attachmentIds}
                  customerId={ticket.customerId}
                  canEdit={false}
                  onChange={async () => {}}
                />
              )}
            </div>
          </List.Item>
        )}
      />
      <Composer ticket={ticket} staff={staff} context={context} agentName={agentName} />
    </Card>
  );
}

function Composer({
  ticket,
  staff,
  context,
  agentName,
}: {
  ticket: TTicketDetail;
  staff: boolean;
  context?: TTicketContext;
  agentName: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind>('public_reply');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [uploading, setUploading] = useState(0);
  const [dragging, setDragging] = useState(false);
  const box = useRef<HTMLTextAreaElement | null>(null);
  const picker = useRef<HTMLInputElement | null>(null);
  const canned = useCannedReplies(staff);
  // A keyboard's hints only where there is a keyboard.
  const desk = Grid.useBreakpoint().md ?? true;
  useComposeShortcuts(staff, setKind);
  const post = useTicketMutation<{ kind: string; body: string; attachmentIds: string[] }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/messages`,
  );

  const send = () => {
    if (!body.trim() || uploading) return;
    post.mutate(
      { kind: staff ? kind : 'customer_message', body, attachmentIds: files.map((f) => f.id) },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
        },
        onError: (err) => message.error((err as Error).message),
      },
    );
  };

  const attach = async (list: File[]) => {
    if (!list.length) return;
    setUploading((n) => n + list.length);
    for (const file of list) {
      try {
        const meta = await uploadFile(file, ticket.customerId);
        setFiles((fs) => (fs.length >= 20 ? fs : [...fs, { id: meta.id, name: meta.name }]));
      } catch (err) {
        message.error(`${file.name}: ${(err as Error).message}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  /** The canned reply with the ticket's values, at the cursor. */
  const insert = (text: string) => {
    const filled = fillCannedReply(text, {
      'customer.name': context?.customer.name ?? ticket.customerName,
      'contact.name': context?.contact?.name ?? context?.customer.contactName ?? null,
      'contact.phone': context?.contact?.phone ?? context?.customer.phone ?? null,
      'ticket.number': ticket.number,
      'ticket.subject': ticket.subject,
      'agent.name': agentName,
    });
    const el = box.current;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    setBody(body.slice(0, at) + filled + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + filled.length, at + filled.length);
    });
  };

  // A knowledge-base link from the side panel goes in at the cursor as it is (no placeholders).
  useComposerInsert((text) => {
    const el = box.current;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    const gap = at > 0 && !/\s$/.test(body.slice(0, at)) ? '\n' : '';
    setBody(body.slice(0, at) + gap + text + body.slice(end));
    setKind('public_reply');
  });

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...e.clipboardData.files];
    if (!pasted.length) return;
    e.preventDefault();
    void attach(pasted);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void attach([...e.dataTransfer.files]);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone for files; the paper clip button is the keyboard's way
    <div
      className="ticket-composer"
      data-testid="ticket-composer"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={{
        // Always in reach: the composer stays at the bottom of the window while the conversation scrolls.
        position: 'sticky',
        bottom: 0,
        zIndex: 2,
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        paddingBlock: 12,
        outline: dragging ? '2px dashed #1677ff' : undefined,
      }}
    >
      <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        {staff ? (
          <Segmented<Kind>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'public_reply', label: t('messageKinds.public_reply') },
              { value: 'internal_note', label: t('messageKinds.internal_note') },
            ]}
          />
        ) : (
          <span />
        )}
        {staff && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: (canned.data ?? []).length
                ? (canned.data ?? []).map((r) => ({ key: r.id, label: r.title }))
                : [{ key: '', label: t('cannedReplies.none'), disabled: true }],
              onClick: ({ key }) => {
                const reply = canned.data?.find((r) => r.id === key);
                if (reply) insert(reply.body);
              },
            }}
          >
            <Button size="small" data-testid="canned-insert">
              {t('cannedReplies.insert')}
            </Button>
          </Dropdown>
        )}
      </Space>
      <Input.TextArea
        ref={(r) => {
          box.current = r?.resizableTextArea?.textArea ?? null;
        }}
        aria-label={t('tickets.message')}
        placeholder={desk ? t('ticketPage.composerHint') : t('ticketPage.composerHintPhone')}
        autoSize={{ minRows: 3, maxRows: 10 }}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onPaste={onPaste}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
        data-testid="message-body"
      />
      {files.length > 0 && (
        <Space wrap style={{ marginTop: 8 }} data-testid="composer-files">
          {files.map((f) => (
            <Tag
              key={f.id}
              icon={<PaperClipOutlined />}
              closable
              onClose={() => setFiles((fs) => fs.filter((x) => x.id !== f.id))}
            >
              {f.name}
            </Tag>
          ))}
        </Space>
      )}
      <Space wrap style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Button
            icon={<PaperClipOutlined />}
            onClick={() => picker.current?.click()}
            loading={uploading > 0}
            data-testid="attachment-upload"
          >
            {t('files.upload')}
          </Button>
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            aria-hidden
            onChange={(e) => {
              void attach([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </Space>
        <Button
          type="primary"
          onClick={send}
          disabled={!body.trim() || uploading > 0}
          loading={post.isPending}
          data-testid="message-send"
        >
          {t('tickets.send')} {desk && <KeyHint keys="Ctrl+Enter" />}
        </Button>
      </Space>
    </div>
  );
}

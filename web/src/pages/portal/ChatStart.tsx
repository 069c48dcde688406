import { MessageOutlined } from '@ant-design/icons';
import { App, Button, Card, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useTicketCreateMutation } from '../../features/tickets/ticket-create-mutation.ts';

/** Online chat (在线客服): the first message opens a chat ticket; the conversation then runs live. */
export function ChatStart() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const create = useTicketCreateMutation();
  const start = async () => {
    if (!text.trim()) return;
    try {
      const ticket = await create.mutateAsync({
        kind: 'consultation',
        channel: 'chat',
        subject: t('chat.subject'),
        description: text.trim(),
      });
      navigate(`/portal/tickets/${ticket.id}`);
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  return (
    <Card
      title={
        <>
          <MessageOutlined /> {t('chat.title')}
        </>
      }
      style={{ marginTop: 16 }}
    >
      <Input.TextArea
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('chat.placeholder')}
        aria-label={t('chat.placeholder')}
        data-testid="chat-first-message"
      />
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        onClick={start}
        loading={create.isPending}
        data-testid="chat-start"
      >
        {t('chat.start')}
      </Button>
    </Card>
  );
}

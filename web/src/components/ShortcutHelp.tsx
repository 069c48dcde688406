import { Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';

const SHORTCUTS: { keys: string; what: string; where: 'everywhere' | 'ticketList' | 'ticketPage' }[] = [
  { keys: '/', what: 'shortcuts.search', where: 'everywhere' },
  { keys: '?', what: 'shortcuts.help', where: 'everywhere' },
  { keys: 'j', what: 'shortcuts.next', where: 'ticketList' },
  { keys: 'k', what: 'shortcuts.previous', where: 'ticketList' },
  { keys: 'Enter / o', what: 'shortcuts.open', where: 'ticketList' },
  { keys: 'j', what: 'shortcuts.nextTicket', where: 'ticketPage' },
  { keys: 'k', what: 'shortcuts.previousTicket', where: 'ticketPage' },
  { keys: 'r', what: 'shortcuts.reply', where: 'ticketPage' },
  { keys: 'n', what: 'shortcuts.note', where: 'ticketPage' },
  { keys: 'a', what: 'shortcuts.assignToMe', where: 'ticketPage' },
  { keys: 'c', what: 'shortcuts.close', where: 'ticketPage' },
  { keys: 'u', what: 'shortcuts.backToList', where: 'ticketPage' },
];

/** The keyboard shortcuts, opened with `?`. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      title={t('shortcuts.title')}
      data-testid="shortcut-help"
    >
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.where}-${r.keys}-${r.what}`}
        dataSource={SHORTCUTS}
        columns={[
          { title: t('shortcuts.key'), dataIndex: 'keys', width: 100, render: (k: string) => <kbd>{k}</kbd> },
          { title: t('shortcuts.action'), dataIndex: 'what', render: (w: string) => t(w) },
          {
            title: t('shortcuts.where'),
            dataIndex: 'where',
            render: (w: string) => t(`shortcuts.places.${w}`),
          },
        ]}
      />
      <p style={{ marginTop: 12, marginBottom: 0 }}>{t('shortcuts.notWhileTyping')}</p>
    </Modal>
  );
}

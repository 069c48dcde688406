// Keyboard shortcuts of the ticket page (listed under `?`): j/k through the list it was opened from,
// u back to the list, r reply, n internal note, a assign to me, c close (after a confirmation).
import type { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TTicketDetail } from '../../../../common/tickets-api.ts';
import { useKeyboardShortcuts } from '../../components/keyboard-shortcuts.ts';
import { ticketOrder } from './list-cursor.ts';

export function useTicketNavigation(id: string | undefined, base: string) {
  const navigate = useNavigate();
  const step = (by: number) => {
    const order = ticketOrder();
    const at = id ? order.indexOf(id) : -1;
    const next = at >= 0 ? order[at + by] : undefined;
    if (next) navigate(`${base}/tickets/${next}`);
  };
  useKeyboardShortcuts({ j: () => step(1), k: () => step(-1), u: () => navigate(`${base}/tickets`) });
}

/** r and n put the cursor in the composer, as a public reply or an internal note. */
export function useComposeShortcuts(
  staff: boolean,
  setKind: (kind: 'public_reply' | 'internal_note') => void,
) {
  const compose = (kind: 'public_reply' | 'internal_note') => {
    if (staff) setKind(kind);
    const box = document.querySelector<HTMLTextAreaElement>('[data-testid="message-body"]');
    box?.scrollIntoView({ block: 'center' });
    box?.focus();
  };
  useKeyboardShortcuts({
    r: () => compose('public_reply'),
    n: staff ? () => compose('internal_note') : undefined,
  });
}

type Modal = ReturnType<typeof App.useApp>['modal'];

/** a takes the ticket; c closes it (or resolves it, where closing is not yet allowed). */
export function useTicketActionShortcuts(
  ticket: TTicketDetail,
  meId: string,
  save: (changes: Record<string, unknown>) => void,
  modal: Modal,
) {
  const { t } = useTranslation();
  const closeTo = (['closed', 'resolved'] as const).find((s) => ticket.allowedStatuses.includes(s));
  useKeyboardShortcuts({
    a: ticket.assigneeId !== meId ? () => save({ assigneeId: meId }) : undefined,
    c: closeTo
      ? () =>
          modal.confirm({
            title: t('shortcuts.confirmStatus', { status: t(`ticketStatus.${closeTo}`) }),
            okText: t(`ticketStatus.${closeTo}`),
            cancelText: t('common.cancel'),
            onOk: () => save({ status: closeTo }),
          })
      : undefined,
  });
}

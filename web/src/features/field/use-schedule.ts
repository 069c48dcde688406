// Assigning and scheduling a work order from dispatch (the table and the board): a time after the
// ticket's on-site deadline is confirmed first, and the server's warning is shown when it comes back.
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TWorkOrderListItem } from '../../../../common/field-api.ts';
import { useMe } from '../auth/me-query.ts';
import { zonedTime } from './field-words.ts';
import { useDispatchWorkOrder } from './work-order-dispatch-mutation.ts';

export function useSchedule() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const zone = useMe().data?.organisationTimeZone;
  const save = useDispatchWorkOrder((err) => message.error(err.message));
  const { mutate } = save;
  const schedule = useCallback(
    (w: TWorkOrderListItem, change: { engineerId?: string | null; scheduledAt?: string | null }) => {
      const when = (iso: string) => zonedTime(iso, i18n.language, zone);
      const send = () =>
        mutate(
          { id: w.id, version: w.version, ...change },
          {
            onSuccess: (r) => {
              for (const warning of r.warnings ?? [])
                message.warning(t('field.lateSaved', { due: when(warning.dueAt) }));
            },
          },
        );
      const at = change.scheduledAt;
      if (at && w.onSiteDueAt && new Date(at) > new Date(w.onSiteDueAt))
        modal.confirm({
          title: t('field.lateTitle'),
          content: t('field.lateBody', { at: when(at), due: when(w.onSiteDueAt) }),
          okText: t('field.scheduleAnyway'),
          cancelText: t('common.cancel'),
          okButtonProps: { danger: true },
          // Nothing focused: the Enter that set the date must not also confirm the late time.
          autoFocusButton: null,
          onOk: send,
        });
      else send();
    },
    [mutate, message, modal, t, i18n.language, zone],
  );
  return { schedule, isPending: save.isPending };
}

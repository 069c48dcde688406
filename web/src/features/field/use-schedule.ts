// Assigning and scheduling a work order from dispatch (the table and the board): a time after the
// ticket's on-site deadline, or a planned visit's day outside its due window, is confirmed first, and
// the server's warning is shown when it comes back.
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { toLocalDate } from '../../../../common/calendar-dates.ts';
import type { TDispatchResponse, TWorkOrderListItem } from '../../../../common/field-api.ts';
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
              for (const warning of r.warnings ?? []) message.warning(warningText(warning));
            },
          },
        );
      const warningText = (warning: TDispatchResponse['warnings'][number]) =>
        warning.code === 'after_on_site_deadline'
          ? t('field.lateSaved', { due: warning.dueAt ? when(warning.dueAt) : '' })
          : t('field.outsideWindowSaved', { from: warning.window?.from, by: warning.window?.by });
      const at = change.scheduledAt;
      const day = at && zone ? toLocalDate(new Date(at), zone) : null;
      const outside = day && w.dueWindow && (day < w.dueWindow.from || day > w.dueWindow.by);
      const late = Boolean(at && w.onSiteDueAt && new Date(at) > new Date(w.onSiteDueAt));
      if (at && (late || outside))
        modal.confirm({
          title: t(late ? 'field.lateTitle' : 'field.outsideWindowTitle'),
          content: late
            ? t('field.lateBody', { at: when(at), due: when(w.onSiteDueAt!) })
            : t('field.outsideWindowBody', { at: when(at), from: w.dueWindow!.from, by: w.dueWindow!.by }),
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

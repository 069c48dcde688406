import { useTranslation } from 'react-i18next';
import { useMe } from '../features/auth/me-query.ts';

/**
 * Dates and times as the organisation reads them: in its time zone (not the browser's) and the
 * user's language. `dateTime(null)` is a dash.
 */
export function useOrganisationTime() {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const timeZone = me?.organisationTimeZone;
  return {
    dateTime: (v: string | Date | null | undefined) =>
      v
        ? new Date(v).toLocaleString(i18n.language, {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          })
        : '—',
    date: (v: string | Date | null | undefined) =>
      v ? new Date(v).toLocaleDateString(i18n.language, { timeZone }) : '—',
  };
}

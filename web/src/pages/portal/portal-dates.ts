// Dates in the portal: one line, in the organisation's time zone (common/portal-dates.ts).
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../../common/portal-dates.ts';
import { useMe } from '../../features/auth/me-query.ts';

/** The formatter for the signed-in customer's language and organisation. */
export function usePortalDate() {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  return (iso: string | null | undefined, withTime = true) =>
    iso && me ? formatPortalDate(iso, i18n.language, me.organisationTimeZone, withTime) : '—';
}

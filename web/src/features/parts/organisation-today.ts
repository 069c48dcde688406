import { toLocalDate } from '../../../../common/calendar-dates.ts';
import { useMe } from '../auth/me-query.ts';

/** Today's date in the organisation's zone (shelf warranties end on such dates). */
export function useOrganisationToday() {
  const { data: me } = useMe();
  const now = new Date();
  return me ? toLocalDate(now, me.organisationTimeZone) : now.toISOString().slice(0, 10);
}

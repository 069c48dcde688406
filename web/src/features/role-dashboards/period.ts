import { useMe } from '../auth/me-query.ts';

/** Today and the first day of a month `monthsBack` ago, as local days in the organisation's zone. */
export function useOrganisationPeriod(monthsBack: number) {
  const { data: me } = useMe();
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: me?.organisationTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const back = y * 12 + (m - 1) - monthsBack;
  const from = `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}-01`;
  return { from, to: today };
}

export const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** 12345 fen → "123.45". */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

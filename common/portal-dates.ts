// A date as the portal shows it: one line, in the organisation's time zone, worded for the language
// (zh: 2026-12-01 14:30; en: 1 Dec 2026, 14:30).

/** An instant as a customer reads it; `withTime: false` gives the day alone. */
export function formatPortalDate(iso: string, language: string, timeZone: string, withTime = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: language.startsWith('zh') ? '2-digit' : 'short',
      day: language.startsWith('zh') ? '2-digit' : 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.hour}:${parts.minute}`;
  if (language.startsWith('zh')) {
    const day = `${parts.year}-${parts.month}-${parts.day}`;
    return withTime ? `${day} ${time}` : day;
  }
  const day = `${parts.day} ${parts.month} ${parts.year}`;
  return withTime ? `${day}, ${time}` : day;
}

/** A calendar day (YYYY-MM-DD, no zone: an acceptance date) worded the same way. */
export function formatPortalDay(day: string, language: string): string {
  return formatPortalDate(`${day}T00:00:00Z`, language, 'UTC', false);
}

// How the screens write a span of time (SLA countdowns): the web and the server's first page share it.

/** 1:05:09 or 2d 3:04:00 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(Math.abs(seconds)));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return d ? `${d}d ${hms}` : hms;
}

/** The warning before a deadline when no warning time is known: the last quarter hour. */
export const DEFAULT_WARNING_MS = 15 * 60_000;

// The server's logger: JSON lines for log collectors, one readable line per entry on a terminal.
// Every HTTP request is logged at debug (Fastify logs them at info), so the terminal shows what matters.
import pino from 'pino';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const REQUEST_MESSAGES = new Set(['incoming request', 'request completed']);
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId', 'req', 'res', 'err']);

/** One pino JSON line as `12:00:01 INFO message key=value …` (and the error's message and stack). */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  const time = new Date(Number(entry.time)).toISOString().slice(11, 19);
  const level = LEVELS[Number(entry.level)] ?? String(entry.level);
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const parts = [time, level.padEnd(5), String(entry.msg ?? '')];
  if (req?.method) parts.push(`${req.method} ${req.url}`);
  if (res?.statusCode) parts.push(String(res.statusCode));
  for (const [k, v] of Object.entries(entry)) {
    if (!OMITTED.has(k)) parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const tail = err ? `\n${err.stack ?? err.message}` : '';
  return `${parts.join(' ')}${tail}\n`;
}

export function createLogger(level: string, terminal = process.stdout.isTTY === true) {
  return pino(
    {
      level,
      hooks: {
        logMethod(args, method, entryLevel) {
          const message = typeof args[0] === 'string' ? args[0] : args[1];
          if (entryLevel === 30 && typeof message === 'string' && REQUEST_MESSAGES.has(message)) {
            return this.debug(...(args as [string]));
          }
          return method.apply(this, args);
        },
      },
    },
    terminal ? { write: (line: string) => process.stdout.write(formatLogLine(line)) } : process.stdout,
  );
}

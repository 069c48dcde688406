import { describe, expect, it } from 'vitest';
import { formatLogLine } from './terminal-log.ts';

describe('terminal log', () => {
  it('formats a pino line as one readable line', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.parse('2026-05-01T08:30:05Z'),
      pid: 1,
      hostname: 'h',
      msg: 'outbox delivered',
      delivered: 3,
    });
    expect(formatLogLine(line)).toBe('08:30:05 INFO  outbox delivered delivered=3\n');
  });

  it('adds the error stack below the line', () => {
    const line = JSON.stringify({
      level: 50,
      time: 0,
      msg: 'failed',
      err: { message: 'boom', stack: 'Error: boom' },
    });
    expect(formatLogLine(line)).toBe('00:00:00 ERROR failed\nError: boom\n');
  });
});

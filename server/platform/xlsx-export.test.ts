import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from './clock.ts';
import { type Ctx, systemCtx } from './context.ts';
import { neutralise, streamXlsx, type XlsxExport, xlsxFileName, xlsxFormat } from './xlsx-export.ts';

const ctxAt = (iso: string): Ctx =>
  systemCtx({ db: null as never, clock: new ManualClock(new Date(iso)), timeZone: 'Asia/Shanghai' });

describe('xlsx export', () => {
  it('prefixes text that a spreadsheet would take for a formula, and nothing else', () => {
    for (const v of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(v)).toBe(`'${v}`);
    for (const v of ['路灯', 'a=b', '', 'x-1']) expect(neutralise(v)).toBe(v);
    expect(neutralise(-2)).toBe(-2);
    expect(neutralise(null)).toBeNull();
    expect(neutralise(undefined)).toBeNull();
  });

  it('writes times in the organisation’s zone, words in the chosen language', () => {
    const zh = xlsxFormat('zh-CN', 'Asia/Shanghai');
    expect(zh.dateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(zh.date(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(zh.date('2026-05-01')).toBe('2026-05-01');
    expect(zh.dateTime(null)).toBeNull();
    const words = { 'zh-CN': { new: '新建' }, en: { new: 'New' } };
    expect(zh.word(words, 'new')).toBe('新建');
    expect(xlsxFormat('en', 'UTC').word(words, 'new')).toBe('New');
    expect(zh.word(words, 'unknown')).toBe('unknown');
    expect(zh.yesNo(true)).toBe('是');
    expect(xlsxFormat('en', 'UTC').yesNo(false)).toBe('No');
  });

  it('names the file with safe characters and the local date', () => {
    const ctx = ctxAt('2026-11-30T17:00:00Z');
    expect(xlsxFileName(ctx, 'tickets')).toBe('tickets-2026-12-01.xlsx');
    expect(xlsxFileName(ctx, 'ledger-A/B "x"\r\n')).toBe('ledger-A-B-x-2026-12-01.xlsx');
    expect(xlsxFileName(ctx, '备件')).toBe('export-2026-12-01.xlsx');
  });

  it('reads no further pages while the download does not take them, and stops when it is closed', async () => {
    let pages = 0;
    const spec: XlsxExport<{ text: string }> = {
      name: 'endless',
      sheet: { zh: '表', en: 'Sheet' },
      columns: [{ zh: '文本', en: 'Text', value: (r) => r.text }],
      // Endless, and incompressible: only backpressure keeps it from filling memory.
      page: async () => {
        await new Promise((r) => setImmediate(r));
        pages++;
        return {
          rows: Array.from({ length: 100 }, () => ({ text: randomBytes(300).toString('base64') })),
          next: { v: pages, id: 'x' },
        };
      },
    };
    const out = streamXlsx(ctxAt('2026-11-30T00:00:00Z'), spec, 'en', 100);
    await vi.waitFor(() => expect(pages).toBeGreaterThan(0));
    // Held back: nothing reads the stream, so after a few pages no more are read.
    let held = -1;
    await vi.waitFor(
      async () => {
        const before = pages;
        await new Promise((r) => setTimeout(r, 200));
        held = pages;
        expect(pages).toBe(before);
      },
      { timeout: 20_000, interval: 10 },
    );
    expect(held).toBeLessThan(100);
    // Reading lets it go on.
    out.resume();
    await vi.waitFor(() => expect(pages).toBeGreaterThan(held + 5), { timeout: 20_000 });
    // A closed download stops it.
    out.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const stopped = pages;
    await new Promise((r) => setTimeout(r, 300));
    expect(pages).toBeLessThanOrEqual(stopped + 1);
  });
});

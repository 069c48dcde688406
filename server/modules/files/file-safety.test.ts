import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downloadSafeName, looksLikePlainText, PlainTextScanner, safeFileName } from './file-safety.ts';

describe('file names', () => {
  it('removes the right-to-left override and other bidi, zero-width and control characters', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('a\u2066b\u2069c\u200Fd\u200Be\uFEFF.txt')).toBe('abcde.txt');
    expect(safeFileName('line\r\nbreak\u0085\u0000.txt')).toBe('linebreak.txt');
    expect(safeFileName('../../etc/passwd')).toBe('....etcpasswd');
    expect(safeFileName('\u202E')).toBe('file');
    expect(safeFileName('现场照片 (1).png')).toBe('现场照片 (1).png');
  });

  it('gives a name a browser would open as a page the extension of what is stored', () => {
    expect(downloadSafeName('page.html', 'txt')).toBe('page.html.txt');
    expect(downloadSafeName('logo.SVG', 'png')).toBe('logo.SVG.png');
    expect(downloadSafeName('data.xml', 'txt')).toBe('data.xml.txt');
    expect(downloadSafeName('photo.png', 'png')).toBe('photo.png');
  });
});

describe('plain text', () => {
  it('finds markup after any amount of padding', () => {
    const padded = Buffer.concat([Buffer.alloc(64 * 1024, ' '), Buffer.from('<svg onload=alert(1)>')]);
    expect(looksLikePlainText(padded)).toBe(false);
    expect(looksLikePlainText(Buffer.from('温度 < 5 度时报警'))).toBe(true);
  });
});

describe('plain text over a stream', () => {
  const scan = (text: string | Buffer, pieceSize: number) => {
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
    const scanner = new PlainTextScanner();
    for (let at = 0; at < bytes.length; at += pieceSize) scanner.feed(bytes.subarray(at, at + pieceSize));
    return scanner.end();
  };

  it('gives the whole-file answer whatever the pieces, for tags cut anywhere and padding of any length', () => {
    const padded = Buffer.concat([Buffer.from('<'), Buffer.alloc(100_000, ' '), Buffer.from('script>')]);
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      expect(scan('温度 < 5 度时报警, a<b and <scripts are words', size)).toBe(true);
      expect(scan('abc <svg onload=alert(1)>', size)).toBe(false);
      expect(scan('x <!DOCTYPE html>', size)).toBe(false);
      expect(scan(padded, size)).toBe(false);
      expect(scan('nul\u0000byte', size)).toBe(false);
    }
  });

  it('agrees with the whole-file check on random texts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('<', ' ', '\n', 'script', 'svg', 's', 'a', '温', '!doctype', '>', 'x'), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 9 }),
        (words, size) => {
          const text = Buffer.from(words.join(''));
          expect(scan(text, size)).toBe(looksLikePlainText(text));
        },
      ),
    );
  });
});

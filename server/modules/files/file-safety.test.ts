import { describe, expect, it } from 'vitest';
import { downloadSafeName, looksLikePlainText, safeFileName } from './file-safety.ts';

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

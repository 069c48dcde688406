// PDF documents with Chinese text: pdfkit with Noto Sans SC (OFL, from @embedpdf/fonts-sc). pdfkit
// embeds only the glyphs used. Text is always drawn as text, so customer input stays inert.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { qrMatrix } from '../../common/qr-code.ts';

const require = createRequire(import.meta.url);
let fontCache: Buffer | null = null;

function cjkFont(): Buffer {
  if (!fontCache) {
    // The package exports only its entry (dist/index.*); the fonts sit beside dist/.
    const pkg = path.dirname(path.dirname(require.resolve('@embedpdf/fonts-sc')));
    fontCache = fs.readFileSync(path.join(pkg, 'fonts', 'NotoSansHans-Regular.otf'));
  }
  return fontCache;
}

/** An A4 document with 48 pt margins, unless a label sheet asks for its own page size and margin. */
export function createPdf(info: {
  title: string;
  author?: string;
  size?: string | [number, number];
  margin?: number;
}): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: info.size ?? 'A4',
    margin: info.margin ?? 48,
    info: { Title: info.title, Author: info.author ?? 'Aftercare' },
    bufferPages: true,
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  return doc;
}

/**
 * Page numbers in the footer, once all pages exist. The footer sits below the bottom margin, where
 * pdfkit would otherwise start a new (blank) page for the text: the margin is lifted while it is drawn.
 */
export function addPageNumbers(doc: PDFKit.PDFDocument, label: (page: number, total: number) => string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - 36;
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#6b7280')
      .text(label(i + 1, range.count), 48, bottom, {
        width: doc.page.width - 96,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
}

/** Starts a new page when fewer than `needed` points are left above the footer. */
export function ensureSpace(doc: PDFKit.PDFDocument, needed: number) {
  if (doc.y + needed > contentBottom(doc)) doc.addPage();
}

/** Where page content must end, leaving room for the footer. */
export const contentBottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom - 24;

/**
 * The company's letterhead at the top of the first page: its logo (when set) and name, and a rule.
 * A logo that cannot be drawn (a damaged file) leaves the name alone.
 */
export function drawLetterhead(doc: PDFKit.PDFDocument, head: { name: string; logo: Buffer | null }) {
  const top = doc.y;
  const left = doc.page.margins.left;
  let textX = left;
  if (head.logo) {
    try {
      doc.image(head.logo, left, top, { fit: [120, 40], valign: 'center' });
      textX = left + 132;
    } catch {
      textX = left;
    }
  }
  doc
    .fontSize(13)
    .fillColor('#111827')
    .text(head.name, textX, top + 12, {
      width: doc.page.width - textX - doc.page.margins.right,
      lineBreak: false,
    });
  const ruleY = top + 48;
  doc
    .moveTo(left, ruleY)
    .lineTo(doc.page.width - doc.page.margins.right, ruleY)
    .strokeColor('#d1d5db')
    .stroke();
  doc.x = left;
  doc.y = ruleY + 12;
}

/** A QR code as filled squares, `side` points wide with its quiet zone (labels, certificates). */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number) {
  const m = qrMatrix(text);
  const quiet = 2;
  const cell = side / (m.length + 2 * quiet);
  doc.save().fillColor('#000000');
  m.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (dark) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    });
  });
  doc.fill().restore();
}

// Label sheets as a PDF: A4 sheets of common label sizes (3×8 of 70×37 mm, 2×5 of 105×57 mm) and
// single 50×30 mm labels for a label printer, each with the QR code of the label's address, the
// equipment's name, its code, the project and the service hotline.
import type { TAssetLabel, TLabelLayout } from '../../../common/labels-api.ts';
import { createPdf, drawQr } from '../../platform/pdf.ts';

const MM = 72 / 25.4;

interface Layout {
  page: [number, number];
  columns: number;
  rows: number;
  label: [number, number];
}

const LAYOUTS: Record<TLabelLayout, Layout> = {
  a4_3x8: { page: [210 * MM, 297 * MM], columns: 3, rows: 8, label: [70 * MM, 37 * MM] },
  a4_2x5: { page: [210 * MM, 297 * MM], columns: 2, rows: 5, label: [105 * MM, 57 * MM] },
  single_50x30: { page: [50 * MM, 30 * MM], columns: 1, rows: 1, label: [50 * MM, 30 * MM] },
};

export interface PrintedLabel {
  label: TAssetLabel;
  name: string;
  project: string;
}

const TEXT = {
  'zh-CN': { title: '设备二维码标签', hotline: '报修热线', scan: '扫码报修' },
  en: { title: 'Equipment QR labels', hotline: 'Service hotline', scan: 'Scan to report a fault' },
};

export function labelSheetPdf(
  items: PrintedLabel[],
  layout: TLabelLayout,
  hotline: string,
  lang: 'zh-CN' | 'en',
): PDFKit.PDFDocument {
  const t = TEXT[lang];
  const l = LAYOUTS[layout];
  const doc = createPdf({ title: t.title, size: l.page, margin: 0 });
  // The sheet is centred on the page: the labels' grid is what the label stock has.
  const left = (l.page[0] - l.columns * l.label[0]) / 2;
  const top = (l.page[1] - l.rows * l.label[1]) / 2;
  const perPage = l.columns * l.rows;
  items.forEach((item, i) => {
    if (i > 0 && i % perPage === 0) doc.addPage({ size: l.page, margin: 0 });
    const slot = i % perPage;
    const x = left + (slot % l.columns) * l.label[0];
    const y = top + Math.floor(slot / l.columns) * l.label[1];
    drawLabel(doc, item, x, y, l.label, hotline, t);
  });
  if (!items.length) doc.fontSize(10).text('—', 20, 20);
  return doc;
}

function drawLabel(
  doc: PDFKit.PDFDocument,
  item: PrintedLabel,
  x: number,
  y: number,
  [w, h]: [number, number],
  hotline: string,
  t: (typeof TEXT)['en'],
) {
  const pad = Math.min(w, h) * 0.07;
  const side = Math.min(h - 2 * pad, w * 0.42);
  drawQr(doc, item.label.url, x + pad, y + (h - side) / 2, side);
  const tx = x + pad * 1.5 + side;
  const tw = x + w - pad - tx;
  const base = h < 100 ? 6 : 8;
  const lines: [string, number, string][] = [
    [item.name, base * 1.25, '#111827'],
    [item.project, base, '#374151'],
    [item.label.code, base, '#111827'],
    [`${t.hotline} ${hotline}`, base, '#111827'],
    [t.scan, base, '#374151'],
  ];
  let ty = y + pad;
  for (const [text, wanted, color] of lines) {
    // Each line on one line: smaller type for a long one, cut with an ellipsis below 4 pt.
    let size = wanted;
    while (size > 4 && doc.fontSize(size).widthOfString(text) > tw) size -= 0.25;
    doc
      .fontSize(size)
      .fillColor(color)
      .text(text, tx, ty, { width: tw, height: size * 1.3, lineBreak: false, ellipsis: true });
    ty += size * 1.35;
  }
}

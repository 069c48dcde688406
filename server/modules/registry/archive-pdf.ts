// The service archive (服务档案) of a project or a piece of equipment as a PDF, in Chinese or English.
import { archiveKindLabel, archiveText, groupArchiveEvents } from '../../../common/archive-text.ts';
import type { TArchiveEvent } from '../../../common/registry-api.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import { companyLetterhead } from '../accounts/index.ts';
import { listArchiveEvents } from './archive.ts';
import { getAsset } from './asset-service.ts';
import { getProject } from './project-service.ts';
import { assetCoverage } from './warranty-service.ts';

const MAX_EVENTS = 5000;

const TEXT = {
  'zh-CN': {
    projectTitle: '项目服务档案',
    assetTitle: '设备服务档案',
    customer: '业主',
    project: '项目',
    equipment: '设备',
    product: '产品',
    location: '安装位置',
    accepted: '验收日期',
    warranty: '质保状态',
    printed: '打印时间',
    when: '时间',
    event: '事件',
    by: '操作人',
    none: '暂无记录',
    many: (n: number, names: string) => `共 ${n} 台设备${names ? `：${names}` : ''}`,
    page: (p: number, n: number) => `第 ${p} 页 / 共 ${n} 页`,
    status: {
      not_accepted: '未验收',
      in_warranty: '质保期内',
      latent_defect: '潜在缺陷期',
      service_agreement: '维保协议',
      expired: '已过保',
    },
  },
  en: {
    projectTitle: 'Project service archive',
    assetTitle: 'Equipment service archive',
    customer: 'Customer',
    project: 'Project',
    equipment: 'Equipment',
    product: 'Product',
    location: 'Location',
    accepted: 'Accepted',
    warranty: 'Warranty',
    printed: 'Printed',
    when: 'When',
    event: 'Event',
    by: 'By',
    none: 'No events yet',
    many: (n: number, names: string) => `${n} pieces of equipment${names ? `: ${names}` : ''}`,
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    status: {
      not_accepted: 'Not accepted',
      in_warranty: 'In warranty',
      latent_defect: 'Latent-defect period',
      service_agreement: 'Service agreement',
      expired: 'Out of warranty',
    },
  },
} as const;

async function allEvents(ctx: Ctx, filter: { assetId?: string; projectId?: string }) {
  const events: TArchiveEvent[] = [];
  let after: CursorKey | null = null;
  while (events.length < MAX_EVENTS) {
    const page = await listArchiveEvents(ctx, filter, after, 500);
    events.push(...page.items);
    if (!page.nextCursor) break;
    const last = page.items.at(-1)!;
    after = { v: last.occurredAt, id: last.id };
  }
  return events;
}

export async function archivePdf(
  ctx: Ctx,
  blobs: BlobStore,
  kind: 'project' | 'asset',
  id: string,
  lang: 'zh-CN' | 'en',
) {
  const T = TEXT[lang];
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: ctx.timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  const header: [string, string][] = [];
  let title: string;
  let events: TArchiveEvent[];
  if (kind === 'asset') {
    const asset = await getAsset(ctx, id);
    const project = await getProject(ctx, asset.projectId);
    const cover = await assetCoverage(ctx, id, {});
    title = `${T.assetTitle} — ${asset.serial}`;
    header.push(
      [T.customer, project.customerName],
      [T.project, `${project.code} ${project.name}`],
      [T.equipment, `${asset.serial}${asset.name ? ` ${asset.name}` : ''}`],
      [T.product, `${asset.productName} (${asset.productModel})`],
      [T.location, asset.location ?? '—'],
      [T.accepted, asset.acceptanceDate ?? '—'],
      [T.warranty, `${T.status[cover.status]}${cover.warrantyEnd ? ` (→ ${cover.warrantyEnd})` : ''}`],
    );
    events = await allEvents(ctx, { assetId: id });
  } else {
    const project = await getProject(ctx, id);
    title = `${T.projectTitle} — ${project.code}`;
    header.push(
      [T.customer, project.customerName],
      [T.project, `${project.code} ${project.name}`],
      [T.location, project.address ?? '—'],
    );
    events = await allEvents(ctx, { projectId: id });
  }
  header.push([T.printed, fmt(ctx.clock.now().toISOString())]);

  const letterhead = await companyLetterhead(ctx, blobs);
  const doc = createPdf({ title, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.fontSize(16).fillColor('#111827').text(title);
  doc.moveDown(0.5);
  for (const [label, value] of header) doc.fontSize(10).fillColor('#374151').text(`${label}：${value}`);
  doc.moveDown(0.8);
  const x = { when: 48, event: 160, by: 460 };
  const row = (when: string, event: string, by: string, bold = false) => {
    doc.fontSize(bold ? 10 : 9).fillColor(bold ? '#111827' : '#1f2937');
    // The whole row on one page: a row is never split from its time and person.
    ensureSpace(doc, doc.heightOfString(event, { width: 290 }) + 4);
    const y = doc.y;
    doc.text(when, x.when, y, { width: 105 });
    const h1 = doc.y;
    doc.text(event, x.event, y, { width: 290 });
    const h2 = doc.y;
    doc.text(by, x.by, y, { width: 85 });
    doc.y = Math.max(h1, h2, doc.y) + 4;
    doc.x = 48;
  };
  row(T.when, T.event, T.by, true);
  doc
    .moveTo(48, doc.y)
    .lineTo(doc.page.width - 48, doc.y)
    .strokeColor('#d1d5db')
    .stroke();
  doc.moveDown(0.3);
  if (!events.length) doc.fontSize(10).text(T.none);
  for (const { event: e, count, assets } of groupArchiveEvents(events)) {
    const text = archiveText(e.kind, e.details, lang) ?? e.summary;
    // An asset's own archive names the asset in its header; a project's names it on the row.
    const which =
      count > 1
        ? T.many(count, assets.join(lang === 'en' ? ', ' : '、'))
        : kind === 'project' && e.assetLabel && !text.includes(e.assetLabel)
          ? e.assetLabel
          : '';
    const sep = lang === 'en' ? ': ' : '：';
    row(
      fmt(e.occurredAt),
      `${archiveKindLabel(e.kind, lang)}${sep}${text}${which ? `\n${which}` : ''}`,
      e.actorLabel,
    );
  }
  addPageNumbers(doc, T.page);
  doc.end();
  return doc;
}

// Which labels a sheet prints: the listed assets or a whole project's equipment in service, each read
// with the caller's access (404 for one it cannot see), their codes issued when missing.
import type { z } from 'zod';
import type { ZLabelPdfQuery } from '../../../common/labels-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { getAsset, getProject, projectAssetIds } from '../registry/index.ts';
import { labelSheetPdf } from './label-pdf.ts';
import { ensureLabels } from './label-service.ts';
import type { QrLinkConfig } from './link-token.ts';
import { labelSettingsOf } from './settings.ts';

export async function labelSheet(ctx: Ctx, link: QrLinkConfig, query: z.infer<typeof ZLabelPdfQuery>) {
  let ids = query.assetIds ?? [];
  if (query.projectId) {
    await getProject(ctx, query.projectId);
    ids = [...ids, ...(await projectAssetIds(ctx.db, query.projectId))];
  }
  if (!ids.length) throw invalidField('assetIds', 'name assets or a project');
  const assets = [];
  for (const id of [...new Set(ids)].slice(0, 2000)) assets.push(await getAsset(ctx, id));
  const labels = await ensureLabels(ctx, link, assets);
  const hotline = (await labelSettingsOf(ctx.db)).hotline;
  const items = assets.map((a) => ({
    label: labels.get(a.id)!,
    name: a.name ?? `${a.productName} ${a.serial}`,
    project: a.projectName,
  }));
  const doc = labelSheetPdf(items, query.layout, hotline, query.lang);
  doc.end();
  return doc;
}

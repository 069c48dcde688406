// Warranty questions asked of the registry: coverage of an asset on a date for a cause, the repair
// decision, and the window a replacement carries. The rules are pure, in common/warranty-rules.ts;
// this file gathers their inputs (the asset, its project's contracts, today in the project's zone).
import { toLocalDate } from '../../../common/calendar-dates.ts';
import {
  type Cause,
  type Coverage,
  coverage,
  DEFAULT_TERMS,
  repairDecision,
  replacementWarranty,
  type WarrantyTerms,
} from '../../../common/warranty-rules.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { type ContractRow, findAsset, projectContracts } from './asset-repository.ts';
import { getAssetRow } from './asset-service.ts';
import { findProject } from './project-repository.ts';

/** Warranty terms from a project's contracts: the supply contract's terms, the others as agreements. */
function termsFromContracts(contracts: ContractRow[]): {
  terms: WarrantyTerms;
  contractRef: string | null;
} {
  const supply = [...contracts].reverse().find((c) => c.kind === 'supply_install') ?? contracts.at(-1);
  const terms: WarrantyTerms = supply
    ? {
        warrantyMonths: supply.warrantyMonths,
        latentDefectMonths: supply.latentDefectMonths,
        sparePartsShelfMonths: supply.sparePartsShelfMonths,
        maxRepairsBeforeReplace: supply.maxRepairsBeforeReplace,
        replacementPolicy: supply.replacementPolicy,
        agreements: [],
        lifetimeCostRepair: supply.lifetimeCostRepair,
      }
    : { ...DEFAULT_TERMS, agreements: [] };
  terms.agreements = contracts
    .filter((c) => c.kind !== 'supply_install')
    .map((c) => ({
      ref: c.number,
      start: c.startDate,
      end: c.endDate,
      coversLabour: c.agreementCoversLabour,
      coversTravel: c.agreementCoversTravel,
      coversParts: c.agreementCoversParts,
      extendsWarranty: c.kind === 'extended_warranty',
    }));
  return { terms, contractRef: supply?.number ?? null };
}

async function termsOf(db: Executor, projectId: string) {
  return termsFromContracts(await projectContracts(db, projectId));
}

export interface AssetCoverage extends Coverage {
  date: string;
  cause: Cause;
  repair: { decision: ReturnType<typeof repairDecision>['decision']; text: string };
}

export async function assetCoverage(
  ctx: Ctx,
  assetId: string,
  query: { date?: string; cause?: Cause },
): Promise<AssetCoverage> {
  const asset = await getAssetRow(ctx, assetId);
  const project = await findProject(ctx.db, ctx.scope, asset.projectId);
  const date = query.date ?? toLocalDate(ctx.clock.now(), project?.timeZone ?? ctx.timeZone);
  const cause = query.cause ?? 'unknown';
  const { terms, contractRef } = await termsOf(ctx.db, asset.projectId);
  const parent = asset.parentId ? await findAsset(ctx.db, ctx.scope, asset.parentId) : undefined;
  const covered = coverage({ asset, terms, contractRef, date, cause });
  const latentDefect = covered.status === 'latent_defect' && covered.free.parts;
  const repair = repairDecision({
    componentRepairs: parent ? asset.repairCount : 0,
    unitRepairs: parent ? parent.repairCount : asset.repairCount,
    maxRepairs: terms.maxRepairsBeforeReplace,
    latentDefect: latentDefect ? (parent ? 'component' : 'unit') : undefined,
  });
  return { ...covered, date, cause, repair };
}

/** 篇4 f.5: the window the replacement of this asset carries (inherited or restarted per contract). */
export async function replacementWindow(ctx: Ctx, assetId: string, replacedOn: string) {
  const old = await getAssetRow(ctx, assetId);
  const { terms } = await termsOf(ctx.db, old.projectId);
  const current = coverage({ asset: old, terms, date: replacedOn, cause: 'normal_failure' });
  const r = replacementWarranty({ oldWarrantyEnd: current.warrantyEnd, replacedOn, terms });
  return { start: r.start, end: r.end };
}

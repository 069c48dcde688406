// A plan made from a long-term maintenance contract (篇4 g.8 保修期过后的长期维护保养合同): the contract's
// project equipment in service, the contract's dates, and the owner's own cycle when the contract says so.
import type { TPlanFromContractRequest } from '../../../common/maintenance-tuning-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { getContract, projectAssetIds } from '../registry/index.ts';
import { createPlan } from './service.ts';

export async function createPlanFromContract(ctx: Ctx, input: TPlanFromContractRequest) {
  const contract = await getContract(ctx, input.contractId);
  if (contract.kind !== 'maintenance_agreement')
    throw invalidField('contractId', 'the contract is not a long-term maintenance agreement');
  if (contract.endDate !== null && contract.endDate < contract.startDate)
    throw invalidField('contractId', 'the contract ends before it starts');
  const excluded = new Set(input.excludeAssetIds);
  const assetIds = (await projectAssetIds(ctx.db, contract.projectId)).filter((id) => !excluded.has(id));
  if (!assetIds.length)
    throw invalidField('contractId', "the contract's project has no equipment in service");
  return createPlan(
    ctx,
    {
      projectId: contract.projectId,
      name: input.name ?? `维保合同 ${contract.number}`,
      assetIds,
      templateIds: input.templateIds,
      startsOn: contract.startDate,
      endsOn: contract.endDate,
      mode: input.mode,
      preferredWeekday: null,
      windowStart: null,
      windowEnd: null,
      active: true,
      notes: null,
    },
    { contractId: contract.id, intervalMonths: input.ownerCycleMonths },
  );
}

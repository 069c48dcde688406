// Contracts: warranty terms, service agreements, fee schedule, and the warranty deposit (质量保证金)
// ledger — when dispatch misses its promise the customer may hire others and the cost is deducted
// from the deposit (篇4 e); a deduction needs a manager's approval and the balance never goes below 0.
import type { z } from 'zod';
import type {
  TContract,
  ZCreateContractRequest,
  ZCreateDepositEntryRequest,
  ZUpdateContractRequest,
} from '../../../common/registry-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { recordArchiveEvent } from './archive.ts';
import * as repo from './asset-repository.ts';
import { findProject } from './project-repository.ts';
import { contracts } from './schema.ts';

function toContract(row: repo.ContractRow): TContract {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const assertStaff = (ctx: Ctx) => {
  if (ctx.scope.kind === 'customer') throw forbidden();
};

export async function listContracts(ctx: Ctx, filter: { projectId?: string; customerId?: string }) {
  return (await repo.listContracts(ctx.db, ctx.scope, filter)).map(toContract);
}

export async function getContract(ctx: Ctx, id: string): Promise<TContract> {
  const row = await repo.findContract(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Contract');
  return toContract(row);
}

export async function createContract(
  ctx: Ctx,
  input: z.infer<typeof ZCreateContractRequest>,
): Promise<TContract> {
  assertStaff(ctx);
  const project = await findProject(ctx.db, ctx.scope, input.projectId);
  if (!project) throw invalidField('projectId', 'no such project');
  if (input.endDate && input.endDate < input.startDate)
    throw invalidField('endDate', 'is before the start date');
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertContract(tx, { ...input, customerId: project.customerId });
    await writeAudit(tx, ctx, {
      action: 'contract.create',
      entityType: 'contract',
      entityId: row.id,
      after: row,
    });
    await recordArchiveEvent(tx, ctx, {
      customerId: row.customerId,
      projectId: row.projectId,
      kind: 'registry.contract',
      summary: `Contract ${row.number} (${row.kind}) from ${row.startDate}, warranty ${row.warrantyMonths} months`,
      details: {
        number: row.number,
        kind: row.kind,
        startDate: row.startDate,
        warrantyMonths: row.warrantyMonths,
      },
      refType: 'contract',
      refId: row.id,
    });
    return toContract(row);
  });
}

export async function updateContract(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZUpdateContractRequest>,
): Promise<TContract> {
  assertStaff(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findContract(tx, ctx.scope, id);
    if (!before) throw notFound('Contract');
    const { version, ...changes } = input;
    const start = changes.startDate ?? before.startDate;
    const end = changes.endDate === undefined ? before.endDate : changes.endDate;
    if (end && end < start) throw invalidField('endDate', 'is before the start date');
    const after = await updateVersioned(tx, contracts, 'Contract', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'contract.update',
      entityType: 'contract',
      entityId: id,
      before,
      after,
    });
    return toContract(after);
  });
}

export async function listDepositEntries(ctx: Ctx, contractId: string) {
  await getContract(ctx, contractId);
  return (await repo.listDepositEntries(ctx.db, ctx.scope, contractId)).map((r) => ({
    id: r.id,
    contractId: r.contractId,
    kind: r.kind,
    amountFen: r.amountFen,
    balanceAfterFen: r.balanceAfterFen,
    reason: r.reason,
    evidenceFileId: r.evidenceFileId,
    ticketRef: r.ticketRef,
    approvedBy: r.approvedBy,
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * Posts a deposit, deduction or release. The contract row is locked, so concurrent deductions are
 * applied one after the other; the balance check is also a database constraint.
 */
export async function postDepositEntry(
  ctx: Ctx,
  contractId: string,
  input: z.infer<typeof ZCreateDepositEntryRequest>,
  /** Set by other modules for entries they cause: the same source is entered once (409 after). */
  sourceRef: string | null = null,
) {
  assertStaff(ctx);
  if (input.kind !== 'deposit' && !ctx.principal.permissions.has('deposits.approve')) {
    throw forbidden('A deduction or release needs a service manager (deposits.approve)');
  }
  return ctx.db.transaction(async (tx) => {
    const contract = await repo.findContract(tx, ctx.scope, contractId, true);
    if (!contract) throw notFound('Contract');
    await assertReferences(
      ctx,
      contract.customerId,
      [{ field: 'evidenceFileId', kind: 'file', ids: input.evidenceFileId }],
      tx,
    );
    if (sourceRef && (await repo.findDepositEntryBySource(tx, sourceRef))) {
      throw conflict(
        'This was already entered in the deposit ledger; a correction is a new entry with its reason',
      );
    }
    const delta = input.kind === 'deposit' ? input.amountFen : -input.amountFen;
    const balance = contract.depositBalanceFen + delta;
    if (balance < 0) {
      throw new AppError(
        422,
        'Validation failed',
        `The deposit balance is ${contract.depositBalanceFen} fen; this would make it negative`,
        [{ field: 'amountFen', message: 'exceeds the deposit balance' }],
      );
    }
    const entry = await repo.insertDepositEntry(tx, {
      contractId,
      customerId: contract.customerId,
      kind: input.kind,
      amountFen: input.amountFen,
      balanceAfterFen: balance,
      reason: input.reason,
      evidenceFileId: input.evidenceFileId ?? null,
      ticketRef: input.ticketRef ?? null,
      sourceRef,
      approvedBy: input.kind === 'deposit' ? null : ctx.principal.userId,
      createdBy: ctx.principal.userId,
      createdAt: ctx.clock.now(),
    });
    await repo.setDepositBalance(tx, contractId, balance);
    await writeAudit(tx, ctx, {
      action: `deposit.${input.kind}`,
      entityType: 'contract',
      entityId: contractId,
      before: { depositBalanceFen: contract.depositBalanceFen },
      after: { depositBalanceFen: balance, entry },
    });
    await recordArchiveEvent(tx, ctx, {
      customerId: contract.customerId,
      projectId: contract.projectId,
      kind: `registry.deposit-${input.kind}`,
      summary: `Deposit ${input.kind}: ${(input.amountFen / 100).toFixed(2)} ${contract.currency} — ${input.reason}`,
      details: {
        amount: (input.amountFen / 100).toFixed(2),
        currency: contract.currency,
        reason: input.reason,
      },
      refType: 'contract',
      refId: contractId,
    });
    return { entryId: entry.id, balanceFen: balance };
  });
}

/**
 * The terms other modules need from the contract governing a project on a date (the organisation's
 * local date); null when no contract has started by then. Staff-side read: callers check access.
 */
export async function findGoverningTerms(db: Executor, projectId: string, onDate: string) {
  const row = await repo.governingContract(db, projectId, onDate);
  if (!row) return null;
  return {
    contractId: row.id,
    number: row.number,
    kind: row.kind,
    responseTier: row.responseTier,
    labourRateFen: row.labourRateFen,
    travelFeeFen: row.travelFeeFen,
    labourCostRateFen: row.labourCostRateFen,
    travelCostFeeFen: row.travelCostFeeFen,
    maxRepairsBeforeReplace: row.maxRepairsBeforeReplace,
    returnDays: row.returnDays,
    depositBalanceFen: row.depositBalanceFen,
  };
}
export type GoverningTerms = NonNullable<Awaited<ReturnType<typeof findGoverningTerms>>>;

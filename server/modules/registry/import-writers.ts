// The writers of an Excel import, one per entity: each checks a chunk of parsed rows against the
// registry (references, codes already taken) with set-based lookups and inserts the good rows.
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ImportEntity } from './import-columns.ts';
import * as repo from './import-repository.ts';
import type { ImportRowError } from './schema.ts';

export interface ParsedRow {
  row: number;
  values: Record<string, string | number | undefined>;
}

type ChunkWriter = (tx: Executor, rows: ParsedRow[], errors: ImportRowError[]) => Promise<number>;

const optional = (v: unknown) => (v === undefined ? null : String(v));

export const WRITERS: Record<ImportEntity, (ctx: Ctx) => ChunkWriter> = {
  customers: () => async (tx, rows, errors) => {
    const existing = await repo.customerIdsByCode(
      tx,
      rows.map((r) => String(r.values.code)),
    );
    const good = rows.filter((r) => {
      if (!existing.has(String(r.values.code).toLowerCase())) return true;
      errors.push({ row: r.row, column: '客户编码', message: 'a customer with this code exists' });
      return false;
    });
    await repo.insertCustomers(
      tx,
      good.map(({ values: v }) => ({
        code: String(v.code),
        name: String(v.name),
        type: (v.type as 'enterprise' | undefined) ?? 'enterprise',
        region: optional(v.region),
        contactName: optional(v.contactName),
        contactPhone: optional(v.contactPhone),
        contactEmail: optional(v.contactEmail),
        address: optional(v.address),
      })),
    );
    return good.length;
  },
  projects: (ctx) => async (tx, rows, errors) => {
    const existing = await repo.projectsByCode(
      tx,
      rows.map((r) => String(r.values.code)),
    );
    const owners = await repo.customerIdsByCode(
      tx,
      rows.map((r) => String(r.values.customerCode)),
    );
    const good = rows.filter((r) => {
      if (existing.has(String(r.values.code).toLowerCase())) {
        errors.push({ row: r.row, column: '项目编码', message: 'a project with this code exists' });
        return false;
      }
      if (!owners.has(String(r.values.customerCode).toLowerCase())) {
        errors.push({ row: r.row, column: '客户编码', message: 'no customer with this code' });
        return false;
      }
      return true;
    });
    await repo.insertProjects(
      tx,
      good.map(({ values: v }) => ({
        code: String(v.code),
        customerId: owners.get(String(v.customerCode).toLowerCase())!,
        name: String(v.name),
        address: optional(v.address),
        region: optional(v.region),
        timeZone: ctx.timeZone,
      })),
    );
    return good.length;
  },
  products: () => async (tx, rows, errors) => {
    const existing = await repo.productIdsByModel(
      tx,
      rows.map((r) => String(r.values.model)),
    );
    const good = rows.filter((r) => {
      if (!existing.has(String(r.values.model).toLowerCase())) return true;
      errors.push({ row: r.row, column: '型号', message: 'a product with this model exists' });
      return false;
    });
    await repo.insertProducts(
      tx,
      good.map(({ values: v }) => ({
        model: String(v.model),
        name: String(v.name),
        category: String(v.category),
        sizeClass: (v.sizeClass as 'medium' | undefined) ?? 'medium',
        standardPriceFen: v.standardPrice === undefined ? null : Math.round(Number(v.standardPrice) * 100),
      })),
    );
    return good.length;
  },
  assets: (ctx) => {
    return async (tx, rows, errors) => {
      // Units inserted in this chunk, by project and serial (those of earlier chunks are in the
      // database: the lookup below runs in the import's transaction), so memory stays per chunk.
      const inserted = new Map<string, string>();
      const projectMap = await repo.projectsByCode(
        tx,
        rows.map((r) => String(r.values.projectCode)),
      );
      const productMap = await repo.productIdsByModel(
        tx,
        rows.map((r) => String(r.values.productModel)),
      );
      const resolved = rows.flatMap((r) => {
        const project = projectMap.get(String(r.values.projectCode).toLowerCase());
        const productId = productMap.get(String(r.values.productModel).toLowerCase());
        if (!project) errors.push({ row: r.row, column: '项目编码', message: 'no project with this code' });
        if (!productId)
          errors.push({ row: r.row, column: '产品型号', message: 'no product with this model' });
        return project && productId ? [{ ...r, project, productId, serial: String(r.values.serial) }] : [];
      });
      const existing = await repo.existingAssetKeys(tx, resolved);
      const parentSerials = resolved
        .filter((r) => r.values.parentSerial)
        .map((r) => String(r.values.parentSerial));
      const parentsInDb = await repo.assetIdsBySerial(
        tx,
        resolved.map((r) => r.project.id),
        parentSerials,
      );
      const fresh = resolved.filter((r) => {
        if (!existing.has(`${r.productId}|${r.serial}`)) return true;
        errors.push({
          row: r.row,
          column: '序列号',
          message: 'this product already has equipment with this serial',
        });
        return false;
      });
      // Insert in waves: units first, then components whose unit now exists (in the file or the database).
      let pending = fresh;
      let count = 0;
      while (pending.length) {
        const ready: ((typeof pending)[number] & { parentId: string | null })[] = [];
        const waiting: typeof pending = [];
        for (const r of pending) {
          if (!r.values.parentSerial) ready.push({ ...r, parentId: null });
          else {
            const key = `${r.project.id}|${r.values.parentSerial}`;
            const parentId = inserted.get(key) ?? parentsInDb.get(key);
            if (parentId) ready.push({ ...r, parentId });
            else waiting.push(r);
          }
        }
        if (!ready.length) {
          for (const r of waiting) {
            errors.push({
              row: r.row,
              column: '所属整机序列号',
              message: 'no unit with this serial in the project',
            });
          }
          break;
        }
        const created = await repo.insertAssets(
          tx,
          ready.map(({ values: v, project, productId, parentId }) => ({
            customerId: project.customerId,
            projectId: project.id,
            productId,
            serial: String(v.serial),
            name: optional(v.name),
            location: optional(v.location),
            parentId,
            installDate: optional(v.installDate),
            commissioningDate: optional(v.commissioningDate),
            acceptanceDate: optional(v.acceptanceDate),
            status: v.acceptanceDate ? ('in_service' as const) : ('installed' as const),
          })),
        );
        for (const a of created) inserted.set(`${a.projectId}|${a.serial}`, a.id);
        await repo.insertArchiveRows(
          tx,
          created.map((a) => ({
            customerId: a.customerId,
            projectId: a.projectId,
            assetId: a.id,
            kind: 'registry.asset-registered',
            occurredAt: ctx.clock.now(),
            summary: `Equipment ${a.serial} registered (import)`,
            details: { serial: a.serial, imported: true },
            refType: 'asset',
            refId: a.id,
            actorId: ctx.principal.userId,
            actorLabel: ctx.principal.displayName,
          })),
        );
        count += created.length;
        pending = waiting;
      }
      return count;
    };
  },
};

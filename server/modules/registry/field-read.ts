// Registry facts the field module shows and ranks by: the customer and site of a work order, and
// what its equipment is. Staff-side reads by id; the caller has already checked access.
import { eq, inArray, sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { assets, contacts, customers, products, projects } from './schema.ts';

export interface CustomerFacts {
  name: string;
  address: string | null;
  region: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface ProjectFacts {
  name: string;
  address: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  emergencyPlanFileId: string | null;
}

export async function customerFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, CustomerFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      address: customers.address,
      region: customers.region,
      contactName: customers.contactName,
      contactPhone: customers.contactPhone,
      contactEmail: customers.contactEmail,
    })
    .from(customers)
    .where(inArray(customers.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

export async function projectFacts(db: Executor, ids: readonly string[]): Promise<Map<string, ProjectFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: projects.id,
      name: projects.name,
      address: projects.address,
      region: projects.region,
      latitude: projects.latitude,
      longitude: projects.longitude,
      emergencyPlanFileId: projects.emergencyPlanFileId,
    })
    .from(projects)
    .where(inArray(projects.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/** The product categories and product ids of a set of equipment. */
export async function equipmentProducts(
  db: Executor,
  assetIds: readonly string[],
): Promise<{ categories: string[]; productIds: string[] }> {
  if (!assetIds.length) return { categories: [], productIds: [] };
  const rows = await db
    .selectDistinct({ productId: assets.productId, category: products.category })
    .from(assets)
    .innerJoin(products, eq(products.id, assets.productId))
    .where(inArray(assets.id, [...assetIds]));
  return {
    categories: [...new Set(rows.map((r) => r.category))],
    productIds: [...new Set(rows.map((r) => r.productId))],
  };
}

export async function contactEmail(db: Executor, contactId: string): Promise<string | null> {
  const [row] = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, contactId));
  return row?.email ?? null;
}

export interface EquipmentFacts {
  serial: string;
  name: string | null;
  productName: string;
  productModel: string;
  location: string | null;
}

/** What a piece of equipment is and where it stands, for documents (the repair report). */
export async function equipmentFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, EquipmentFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: assets.id,
      serial: assets.serial,
      name: assets.name,
      productName: products.name,
      productModel: products.model,
      location: assets.location,
    })
    .from(assets)
    .innerJoin(products, eq(products.id, assets.productId))
    .where(inArray(assets.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

export interface MaintenanceAssetFacts {
  customerId: string;
  projectId: string;
  serial: string;
  name: string | null;
  category: string;
  sizeClass: 'small' | 'medium' | 'large';
  productId: string;
  productName: string;
}

/** Where equipment stands and what it is, for maintenance plans (templates match category and size class). */
export async function maintenanceAssetFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, MaintenanceAssetFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: assets.id,
      customerId: assets.customerId,
      projectId: assets.projectId,
      serial: assets.serial,
      name: assets.name,
      category: products.category,
      sizeClass: products.sizeClass,
      productId: products.id,
      productName: products.name,
    })
    .from(assets)
    .innerJoin(products, eq(products.id, assets.productId))
    .where(sql`${assets.id} = any(${uuidArray([...new Set(ids)])})`);
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/** Product names by id (model and name). */
export async function productNamesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: products.id, model: products.model, name: products.name })
    .from(products)
    .where(inArray(products.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, `${r.model} ${r.name}`]));
}

/** The equipment of a project in service (not replaced or retired): a maintenance contract's assets. */
export async function projectAssetIds(db: Executor, projectId: string): Promise<string[]> {
  const rows = await db
    .select({ id: assets.id })
    .from(assets)
    .where(sql`${assets.projectId} = ${projectId} and ${assets.status} not in ('replaced', 'retired')`);
  return rows.map((r) => r.id);
}

/** The size class of each piece of equipment (its product's), for a large batch of ids: one array parameter. */
export async function maintenanceAssetSizes(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, 'small' | 'medium' | 'large'>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: assets.id, sizeClass: products.sizeClass })
    .from(assets)
    .innerJoin(products, eq(products.id, assets.productId))
    .where(sql`${assets.id} = any(${uuidArray(ids)})`);
  return new Map(rows.map((r) => [r.id, r.sizeClass]));
}

export interface ContactFacts {
  customerId: string;
  name: string;
  phone: string | null;
  email: string | null;
  title: string | null;
}

/** Who the contacts are and how to reach them (the ticket page's caller, the change log's names). */
export async function contactFacts(db: Executor, ids: readonly string[]): Promise<Map<string, ContactFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: contacts.id,
      customerId: contacts.customerId,
      name: contacts.name,
      phone: contacts.phone,
      email: contacts.email,
      title: contacts.title,
    })
    .from(contacts)
    .where(inArray(contacts.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

// Zod schemas of the HTTP API, shared by the server (validation, OpenAPI) and the web client (types).
import { z } from 'zod';
import { ALL_ROLES, PERMISSIONS, USER_KINDS } from './roles.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

export const ZId = z.uuid();
/** A record's version (an int4 column): a larger number is a 400, not a database error. */
export const ZVersion = z.int().min(1).max(2_147_483_647);

type WithoutDefault<S> = S extends z.ZodDefault<infer I> ? I : S;

/**
 * The body of a PATCH: every field of a create shape optional and WITHOUT its default, plus the
 * version. (`.partial()` keeps defaults, so a PATCH naming one field would reset the others.)
 */
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => {
      const inner = (field instanceof z.ZodDefault ? field.def.innerType : field) as z.ZodType;
      return [key, inner.optional()];
    }),
  ) as unknown as { [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> };
  return z.strictObject(fields).extend({ version: ZVersion });
}

export const ZFieldError = z.object({ field: z.string(), message: z.string() });
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  errors: z.array(ZFieldError).optional(),
  requestId: z.string().optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

export const ZCursorQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

// ---------- auth ----------
export const ZLoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z.object({
  id: ZId,
  kind: z.enum(USER_KINDS),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(ALL_ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  customerId: ZId.nullable(),
  customerName: z.string().nullable(),
  locale: ZLocale,
  /** The user's own zone (for showing times). */
  timeZone: z.string(),
  /** The organisation's zone (configuration): business days, schedules, report periods. */
  organisationTimeZone: z.string(),
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10, 'at least 10 characters').max(200),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZUpdateProfileRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(200).nullable().optional(),
  locale: ZLocale.optional(),
});

// ---------- users ----------
export const ZUser = z.object({
  id: ZId,
  kind: z.enum(USER_KINDS),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(ALL_ROLES)),
  customerId: ZId.nullable(),
  customerName: z.string().nullable(),
  locale: ZLocale,
  disabled: z.boolean(),
  version: ZVersion,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUsername = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only');

export const ZCreateUserRequest = z.strictObject({
  kind: z.enum(USER_KINDS),
  username: ZUsername,
  displayName: z.string().trim().min(1).max(100),
  email: z.email().max(200).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  roles: z.array(z.enum(ALL_ROLES)).min(1).max(10),
  customerId: ZId.nullable().optional(),
  locale: ZLocale.default('zh-CN'),
  password: z.string().min(10, 'at least 10 characters').max(200),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z.strictObject({
  version: ZVersion,
  displayName: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(200).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  roles: z.array(z.enum(ALL_ROLES)).min(1).max(10).optional(),
  locale: ZLocale.optional(),
  disabled: z.boolean().optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZResetPasswordRequest = z.strictObject({
  version: ZVersion,
  newPassword: z.string().min(10, 'at least 10 characters').max(200),
});

export const ZUserListQuery = ZCursorQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(USER_KINDS).optional(),
  role: z.enum(ALL_ROLES).optional(),
  customerId: ZId.optional(),
});

// ---------- roles ----------
export const ZRoleInfo = z.object({ role: z.enum(ALL_ROLES), permissions: z.array(z.enum(PERMISSIONS)) });

// ---------- api tokens ----------
export const ZApiToken = z.object({
  id: ZId,
  name: z.string(),
  role: z.enum(ALL_ROLES),
  prefix: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;
export const ZCreateApiTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ALL_ROLES).refine((r) => !r.startsWith('customer'), 'tokens are for staff roles'),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });

// ---------- customers ----------
export const CUSTOMER_TYPES = ['enterprise', 'government', 'institution', 'individual'] as const;
export const ZCustomer = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  region: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  version: ZVersion,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type TCustomer = z.infer<typeof ZCustomer>;

const customerFields = {
  name: z.string().trim().min(1).max(200),
  type: z.enum(CUSTOMER_TYPES).optional(),
  region: z.string().trim().max(100).nullable().optional(),
  contactName: z.string().trim().max(100).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
  contactEmail: z.email().max(200).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
};
export const ZCreateCustomerRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  ...customerFields,
});
export type TCreateCustomerRequest = z.infer<typeof ZCreateCustomerRequest>;
export const ZUpdateCustomerRequest = z.strictObject({
  version: ZVersion,
  ...Object.fromEntries(Object.entries(customerFields).map(([k, v]) => [k, v.optional()])),
} as { version: typeof ZVersion } & {
  [K in keyof typeof customerFields]: z.ZodOptional<(typeof customerFields)[K]>;
});
export type TUpdateCustomerRequest = z.infer<typeof ZUpdateCustomerRequest>;
export const ZCustomerListQuery = ZCursorQuery.extend({
  q: z.string().trim().max(100).optional(),
  type: z.enum(CUSTOMER_TYPES).optional(),
  region: z.string().trim().max(100).optional(),
  sort: z.enum(['name', 'code', 'createdAt']).default('name'),
});

// ---------- audit ----------
export const ZAuditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actorId: ZId.nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditListQuery = ZCursorQuery.extend({
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(100).optional(),
  actorId: ZId.optional(),
  action: z.string().trim().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

// ---------- files ----------
export const ZFileMeta = z.object({
  id: ZId,
  name: z.string(),
  contentType: z.string(),
  size: z.int(),
  sha256: z.string(),
  customerId: ZId.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type TFileMeta = z.infer<typeof ZFileMeta>;

// ---------- the company's letterhead ----------
/** Until an administrator names the company, documents carry the product's name. */
export const DEFAULT_COMPANY_NAME = 'Aftercare';
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const;
export const ZCompanyProfile = z.object({
  name: z.string(),
  logoFileId: ZId.nullable(),
  version: z.int(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type TCompanyProfile = z.infer<typeof ZCompanyProfile>;
export const ZUpdateCompanyProfileRequest = z.strictObject({
  /** The current version; 0 before the first change. */
  version: z.int().min(0).max(2_147_483_647),
  name: z.string().trim().min(1).max(100),
  logoFileId: ZId.nullable(),
});
export type TUpdateCompanyProfileRequest = z.infer<typeof ZUpdateCompanyProfileRequest>;

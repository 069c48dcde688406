// The knowledge base (知识库) as the seed's service wants it: articles written by staff in Chinese and
// English, every save kept as a revision, reviewed before publishing (draft → in review → published,
// by a reviewer with knowledge.publish), searched in Chinese with aliases, suggested while a fault
// report is written, voted helpful or not. A customer reads public, published articles only.
import type {
  TArticle,
  TArticleActionRequest,
  TArticleDetail,
  TArticleListQuery,
  TArticleRevision,
  TArticleStatus,
  TCreateAliasRequest,
  TCreateArticleRequest,
  THelpfulRequest,
  TSuggestQuery,
  TUpdateArticleRequest,
} from '../../../common/knowledge-api.ts';
import { plainTextOf, renderMarkdown } from '../../../common/markdown.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import { assertReferences } from '../../platform/references.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { userNames } from '../accounts/index.ts';
import { findFile } from '../files/index.ts';
import { productCategories } from '../registry/index.ts';
import * as repo from './repository.ts';
import { knowledgeArticles } from './schema.ts';

const EXCERPT = 160;

export const audienceOf = (ctx: Ctx): repo.Audience =>
  ctx.principal.kind === 'customer' ? 'customer' : 'staff';

export function toArticle(row: repo.ArticleRow): TArticle {
  return {
    id: row.id,
    kind: row.kind,
    visibility: row.visibility,
    status: row.status,
    category: row.category,
    faultClass: row.faultClass,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    excerptZh: plainTextOf(row.bodyZh).slice(0, EXCERPT),
    excerptEn: plainTextOf(row.bodyEn).slice(0, EXCERPT),
    revision: row.revision,
    helpfulYes: row.helpfulYes,
    helpfulNo: row.helpfulNo,
    deflections: row.deflections,
    version: row.version,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The address of an attachment of the article, readable by whoever may read the article. */
export const attachmentUrl = (articleId: string, fileId: string) =>
  `/api/v1/knowledge/articles/${articleId}/files/${fileId}`;

/** The attachments as the article shows them (staff uploads: named through the files module). */
async function attachmentsOf(ctx: Ctx, row: repo.ArticleRow): Promise<TArticleDetail['attachments']> {
  const all: Ctx = { ...ctx, scope: { kind: 'all' } };
  const found = await Promise.all(row.attachmentIds.map((id) => findFile(all, id).catch(() => null)));
  return found
    .filter((f): f is NonNullable<typeof f> => f !== null)
    .map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, url: attachmentUrl(row.id, f.id) }));
}

async function toDetail(ctx: Ctx, row: repo.ArticleRow): Promise<TArticleDetail> {
  const fileUrl = (fileId: string) =>
    row.attachmentIds.includes(fileId) ? attachmentUrl(row.id, fileId) : null;
  return {
    ...toArticle(row),
    bodyZh: row.bodyZh,
    bodyEn: row.bodyEn,
    htmlZh: renderMarkdown(row.bodyZh, fileUrl),
    htmlEn: renderMarkdown(row.bodyEn, fileUrl),
    attachmentIds: row.attachmentIds,
    attachments: await attachmentsOf(ctx, row),
    reviewNote: row.reviewNote,
    createdAt: row.createdAt.toISOString(),
  };
}

async function articleOf(ctx: Ctx, id: string): Promise<repo.ArticleRow> {
  const row = await repo.findArticle(ctx.db, audienceOf(ctx), id);
  if (!row) throw notFound('Article');
  return row;
}

export async function getArticle(ctx: Ctx, id: string): Promise<TArticleDetail> {
  return toDetail(ctx, await articleOf(ctx, id));
}

/** The attachment a reader of the article may download (a customer reads public articles' images). */
export async function articleAttachment(ctx: Ctx, id: string, fileId: string): Promise<string> {
  const row = await articleOf(ctx, id);
  if (!row.attachmentIds.includes(fileId)) throw notFound('File');
  return fileId;
}

// ---------- writing ----------
export async function createArticle(ctx: Ctx, input: TCreateArticleRequest): Promise<TArticleDetail> {
  await assertReferences(ctx, null, [{ field: 'attachmentIds', kind: 'file', ids: input.attachmentIds }]);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const article = await repo.insertArticle(tx, {
      ...input,
      category: input.category ?? null,
      faultClass: input.faultClass ?? null,
      createdBy: ctx.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertRevision(tx, {
      articleId: article.id,
      revision: 1,
      titleZh: article.titleZh,
      titleEn: article.titleEn,
      bodyZh: article.bodyZh,
      bodyEn: article.bodyEn,
      savedBy: ctx.principal.userId,
      savedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: 'knowledge.create',
      entityType: 'knowledge_article',
      entityId: article.id,
      after: { titleZh: article.titleZh, kind: article.kind, visibility: article.visibility },
    });
    return article;
  });
  return toDetail(ctx, row);
}

const TEXT_FIELDS = ['titleZh', 'titleEn', 'bodyZh', 'bodyEn'] as const;

/**
 * Every save is a new revision (the history). A published article whose text changes goes back to
 * draft: what customers read is always what a reviewer published.
 */
export async function updateArticle(
  ctx: Ctx,
  id: string,
  input: TUpdateArticleRequest,
): Promise<TArticleDetail> {
  const before = await repo.findArticle(ctx.db, 'staff', id);
  if (!before) throw notFound('Article');
  await assertReferences(ctx, null, [{ field: 'attachmentIds', kind: 'file', ids: input.attachmentIds }]);
  const { version, ...fields } = input;
  const values = definedOnly(fields);
  const textChanged = TEXT_FIELDS.some((f) => values[f] !== undefined && values[f] !== before[f]);
  const row = await ctx.db.transaction(async (tx) => {
    const after = await updateVersioned(tx, knowledgeArticles, 'Article', id, version, {
      ...values,
      ...(textChanged
        ? { revision: before.revision + 1, status: 'draft' as const, publishedAt: null, publishedBy: null }
        : {}),
    });
    if (textChanged)
      await repo.insertRevision(tx, {
        articleId: id,
        revision: after.revision,
        titleZh: after.titleZh,
        titleEn: after.titleEn,
        bodyZh: after.bodyZh,
        bodyEn: after.bodyEn,
        savedBy: ctx.principal.userId,
        savedAt: ctx.clock.now(),
      });
    await writeAudit(tx, ctx, {
      action: 'knowledge.update',
      entityType: 'knowledge_article',
      entityId: id,
      before: { revision: before.revision, status: before.status, visibility: before.visibility },
      after: { revision: after.revision, status: after.status, visibility: after.visibility },
    });
    return after;
  });
  return toDetail(ctx, row);
}

export async function articleRevisions(ctx: Ctx, id: string): Promise<TArticleRevision[]> {
  await articleOf(ctx, id);
  const rows = await repo.revisionsOf(ctx.db, id);
  const names = await userNames(ctx.db, [
    ...new Set(rows.map((r) => r.savedBy).filter((u): u is string => !!u)),
  ]);
  return rows.map((r) => ({
    revision: r.revision,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    bodyZh: r.bodyZh,
    bodyEn: r.bodyEn,
    savedByName: r.savedBy ? (names.get(r.savedBy) ?? null) : null,
    savedAt: r.savedAt.toISOString(),
  }));
}

// ---------- review (审核) ----------
type Step = 'submit' | 'publish' | 'reject' | 'unpublish';
const STEPS: Record<Step, { from: TArticleStatus[]; to: TArticleStatus; reviewer: boolean }> = {
  submit: { from: ['draft'], to: 'in_review', reviewer: false },
  publish: { from: ['in_review'], to: 'published', reviewer: true },
  reject: { from: ['in_review'], to: 'draft', reviewer: true },
  unpublish: { from: ['published'], to: 'draft', reviewer: true },
};

export async function reviewStep(
  ctx: Ctx,
  id: string,
  step: Step,
  input: TArticleActionRequest,
): Promise<TArticleDetail> {
  const rule = STEPS[step];
  if (rule.reviewer && !ctx.principal.permissions.has('knowledge.publish')) throw forbidden();
  const before = await repo.findArticle(ctx.db, 'staff', id);
  if (!before) throw notFound('Article');
  // A stale version is answered 409 by updateVersioned; a current one in the wrong state here.
  if (before.version === input.version && !rule.from.includes(before.status))
    throw conflict(`The article is ${before.status}; it cannot be sent to ${rule.to} from there`);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const after = await updateVersioned(tx, knowledgeArticles, 'Article', id, input.version, {
      status: rule.to,
      reviewNote: step === 'reject' ? (input.note ?? null) : step === 'submit' ? null : before.reviewNote,
      ...(step === 'publish' ? { publishedAt: now, publishedBy: ctx.principal.userId } : {}),
      ...(step === 'unpublish' ? { publishedAt: null, publishedBy: null } : {}),
    });
    await writeAudit(tx, ctx, {
      action: `knowledge.${step}`,
      entityType: 'knowledge_article',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, note: input.note ?? null },
    });
    return after;
  });
  return toDetail(ctx, row);
}

// ---------- search ----------
/** The query and what the aliases it holds make of it (同义词: alias → term). */
export async function expandQuery(ctx: Ctx, q: string, category: string | undefined): Promise<string[]> {
  const terms = new Set([q]);
  for (const alias of await repo.aliasesIn(ctx.db, q, category)) {
    const lower = q.toLowerCase();
    const at = lower.indexOf(alias.alias.toLowerCase());
    if (at >= 0) terms.add(q.slice(0, at) + alias.term + q.slice(at + alias.alias.length));
    terms.add(alias.term);
  }
  return [...terms].slice(0, 10);
}

export async function listArticles(ctx: Ctx, query: TArticleListQuery) {
  const { q, cursor, limit, ...filters } = query;
  const audience = audienceOf(ctx);
  if (q) {
    const terms = await expandQuery(ctx, q, filters.category);
    const rows = await repo.searchArticles(ctx.db, audience, filters, terms, limit);
    return { items: rows.map(toArticle), nextCursor: null };
  }
  const rows = await repo.listArticles(ctx.db, audience, filters, decodeCursor(cursor), limit);
  return pageFrom(rows.map(toArticle), limit, (r) => ({ v: r.updatedAt, id: r.id }));
}

/** Published articles for the text of a fault report being written, or of a ticket. */
export async function suggestArticles(ctx: Ctx, query: TSuggestQuery): Promise<TArticle[]> {
  const rows = await repo.suggestArticles(ctx.db, audienceOf(ctx), query.text, query.category, query.limit);
  return rows.map(toArticle);
}

export async function knowledgeFacets(ctx: Ctx) {
  const [fromArticles, fromProducts] = await Promise.all([
    repo.productFacets(ctx.db),
    productCategories(ctx.db),
  ]);
  return {
    categories: [...new Set([...fromProducts, ...fromArticles.categories])].sort(),
    faultClasses: fromArticles.faultClasses,
  };
}

// ---------- aliases ----------
export async function listAliases(ctx: Ctx) {
  return (await repo.listAliases(ctx.db)).map(({ createdAt: _c, ...a }) => a);
}

export async function createAlias(ctx: Ctx, input: TCreateAliasRequest) {
  const row = await ctx.db.transaction(async (tx) => {
    const alias = await repo.insertAlias(tx, { ...input, category: input.category ?? null });
    await writeAudit(tx, ctx, {
      action: 'knowledge.alias',
      entityType: 'knowledge_alias',
      entityId: alias.id,
      after: input,
    });
    return alias;
  });
  const { createdAt: _c, ...alias } = row;
  return alias;
}

export async function deleteAlias(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteAlias(tx, id);
    if (!row) throw notFound('Alias');
    await writeAudit(tx, ctx, {
      action: 'knowledge.alias_delete',
      entityType: 'knowledge_alias',
      entityId: id,
      before: row,
    });
  });
}

// ---------- feedback ----------
export async function voteHelpful(ctx: Ctx, id: string, input: THelpfulRequest) {
  const row = await articleOf(ctx, id);
  if (!ctx.principal.userId) throw forbidden('Only a signed-in person can vote');
  return ctx.db.transaction((tx) =>
    repo.saveVote(
      tx,
      row.id,
      ctx.principal.userId as string,
      input.helpful,
      input.comment || null,
      ctx.clock.now(),
    ),
  );
}

/** "Did this solve it?" yes: counted for the article; the fault report is not sent. */
export async function recordDeflection(ctx: Ctx, id: string, text: string | undefined) {
  const row = await articleOf(ctx, id);
  await ctx.db.transaction((tx) =>
    repo.insertDeflection(tx, {
      articleId: row.id,
      userId: ctx.principal.userId,
      customerId: ctx.scope.kind === 'customer' ? ctx.scope.customerId : null,
      text: text || null,
      createdAt: ctx.clock.now(),
    }),
  );
}

export async function unhelpfulArticles(ctx: Ctx, minVotes: number, minRatio: number) {
  const rows = await repo.unhelpfulArticles(ctx.db, minVotes, minRatio);
  return rows.map(({ ratio, ...r }) => ({ ...r, unhelpfulRatio: Number(ratio ?? 0) }));
}

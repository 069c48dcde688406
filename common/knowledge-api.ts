// The knowledge base (知识库, issue 18): articles in Chinese and English by product category and fault
// class — troubleshooting of common faults (常见故障排除), operation and maintenance notes — kept in
// versions, reviewed before publishing, searched in Chinese, suggested to customers and agents.
import { z } from 'zod';
import { patchOf, ZCursorQuery, ZId, ZVersion } from './api.ts';

export const ARTICLE_KINDS = ['troubleshooting', 'operation', 'maintenance'] as const;
export type TArticleKind = (typeof ARTICLE_KINDS)[number];
/** internal: staff only; public: customers in the portal too (once published). */
export const ARTICLE_VISIBILITIES = ['internal', 'public'] as const;
/** draft → in_review → published; a reviewer sends one back to draft. */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published'] as const;
export type TArticleStatus = (typeof ARTICLE_STATUSES)[number];

const line = (max: number) => z.string().trim().min(1).max(max);
const optLine = (max: number) => z.string().trim().max(max).nullable().optional();

const articleFields = {
  kind: z.enum(ARTICLE_KINDS),
  visibility: z.enum(ARTICLE_VISIBILITIES).default('internal'),
  /** A product category of the registry (products.category). */
  category: optLine(100),
  /** The fault class (故障类别), the words tickets use for faultCategory. */
  faultClass: optLine(100),
  titleZh: line(200),
  bodyZh: z.string().max(100_000).default(''),
  titleEn: z.string().trim().max(200).default(''),
  bodyEn: z.string().max(100_000).default(''),
  /** Images and attachments (files module); the body shows an image by `![](file:<id>)`. */
  attachmentIds: z.array(ZId).max(30).default([]),
};
export const ZCreateArticleRequest = z.strictObject(articleFields);
export type TCreateArticleRequest = z.infer<typeof ZCreateArticleRequest>;
/** Every save is a new revision; the version guards against a concurrent edit (409). */
export const ZUpdateArticleRequest = patchOf(articleFields);
export type TUpdateArticleRequest = z.infer<typeof ZUpdateArticleRequest>;
export const ZArticleActionRequest = z.strictObject({
  version: ZVersion,
  note: z.string().trim().max(1000).optional(),
});
export type TArticleActionRequest = z.infer<typeof ZArticleActionRequest>;

export const ZArticle = z.object({
  id: ZId,
  kind: z.enum(ARTICLE_KINDS),
  visibility: z.enum(ARTICLE_VISIBILITIES),
  status: z.enum(ARTICLE_STATUSES),
  category: z.string().nullable(),
  faultClass: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  /** The opening of the body as plain text (the reader's language is chosen by the client). */
  excerptZh: z.string(),
  excerptEn: z.string(),
  revision: z.int(),
  helpfulYes: z.int(),
  helpfulNo: z.int(),
  /** Fault reports not sent because the article solved them ("did this solve it?" yes). */
  deflections: z.int(),
  version: z.int(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type TArticle = z.infer<typeof ZArticle>;

export const ZArticleDetail = ZArticle.extend({
  bodyZh: z.string(),
  bodyEn: z.string(),
  /** The body rendered from Markdown: the author's own HTML is shown as text, never run. */
  htmlZh: z.string(),
  htmlEn: z.string(),
  attachmentIds: z.array(ZId),
  /** The attachments' names and types, to list and download them through the article. */
  attachments: z.array(z.object({ id: ZId, name: z.string(), contentType: z.string(), url: z.string() })),
  reviewNote: z.string().nullable(),
  createdAt: z.string(),
});
export type TArticleDetail = z.infer<typeof ZArticleDetail>;

export const ZArticleRevision = z.object({
  revision: z.int(),
  titleZh: z.string(),
  titleEn: z.string(),
  bodyZh: z.string(),
  bodyEn: z.string(),
  savedByName: z.string().nullable(),
  savedAt: z.string(),
});
export type TArticleRevision = z.infer<typeof ZArticleRevision>;

export const ZArticleListQuery = ZCursorQuery.extend({
  /** Words of a title or body; two Chinese characters are enough. Ranked: title before body. */
  q: z.string().trim().max(100).optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  visibility: z.enum(ARTICLE_VISIBILITIES).optional(),
  category: z.string().trim().max(100).optional(),
  faultClass: z.string().trim().max(100).optional(),
});
export type TArticleListQuery = z.infer<typeof ZArticleListQuery>;

/** The text of a fault report (or a ticket) to suggest articles for. */
export const ZSuggestQuery = z.object({
  text: z.string().trim().min(1).max(2000),
  category: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export type TSuggestQuery = z.infer<typeof ZSuggestQuery>;

// ---------- aliases (同义词) ----------
export const ZAlias = z.object({
  id: ZId,
  /** The product category it applies to; null: every category. */
  category: z.string().nullable(),
  alias: z.string(),
  term: z.string(),
});
export type TAlias = z.infer<typeof ZAlias>;
export const ZCreateAliasRequest = z.strictObject({
  category: optLine(100),
  alias: line(50),
  term: line(50),
});
export type TCreateAliasRequest = z.infer<typeof ZCreateAliasRequest>;

// ---------- feedback ----------
export const ZHelpfulRequest = z.strictObject({
  helpful: z.boolean(),
  comment: z.string().trim().max(1000).optional(),
});
export type THelpfulRequest = z.infer<typeof ZHelpfulRequest>;

/** "Did this solve it?" answered yes in the portal: the fault report was not sent (a deflection). */
export const ZDeflectionRequest = z.strictObject({ text: z.string().trim().max(2000).optional() });

export const ZUnhelpfulArticle = z.object({
  id: ZId,
  titleZh: z.string(),
  titleEn: z.string(),
  helpfulYes: z.int(),
  helpfulNo: z.int(),
  /** no / (yes + no). */
  unhelpfulRatio: z.number(),
  deflections: z.int(),
  lastComments: z.array(z.string()),
});
export type TUnhelpfulArticle = z.infer<typeof ZUnhelpfulArticle>;
export const ZUnhelpfulQuery = z.object({
  minVotes: z.coerce.number().int().min(1).max(1000).default(3),
  minRatio: z.coerce.number().min(0).max(1).default(0.5),
});

export const ZKnowledgeFacets = z.object({
  categories: z.array(z.string()),
  faultClasses: z.array(z.string()),
});
export type TKnowledgeFacets = z.infer<typeof ZKnowledgeFacets>;

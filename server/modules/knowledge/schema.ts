// The knowledge base (知识库): articles with every saved revision, aliases that widen a search, the
// readers' "was this helpful" votes and the fault reports an article answered (deflections).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ARTICLE_KINDS, ARTICLE_STATUSES, ARTICLE_VISIBILITIES } from '../../../common/knowledge-api.ts';
import { ts } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ARTICLE_KINDS }).notNull(),
    visibility: text('visibility', { enum: ARTICLE_VISIBILITIES }).notNull().default('internal'),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    category: text('category'),
    faultClass: text('fault_class'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull().default(''),
    bodyZh: text('body_zh').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The number of the latest revision (knowledge_revisions). */
    revision: integer('revision').notNull().default(1),
    reviewNote: text('review_note'),
    helpfulYes: integer('helpful_yes').notNull().default(0),
    helpfulNo: integer('helpful_no').notNull().default(0),
    deflections: integer('deflections').notNull().default(0),
    // The distinct 2-character grams (text_bigrams, migration ticket_search_bigrams) of both titles,
    // and of titles and bodies, kept by a trigger (migration knowledge_search_grams): two Chinese
    // characters find an article through the GIN indexes, the title's grams rank it first.
    titleGrams: text('title_grams').array().notNull().default(sql`'{}'::text[]`),
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: ts('published_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('knowledge_articles_updated_idx').on(t.updatedAt, t.id),
    index('knowledge_articles_status_idx').on(t.status, t.updatedAt),
  ],
);

/** Every save of an article's text: the history the editor shows. */
export const knowledgeRevisions = pgTable(
  'knowledge_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: ts('saved_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('knowledge_revisions_article_idx').on(t.articleId, t.revision)],
);

/** alias → term (同义词): a query holding the alias also looks for the term; per product category. */
export const knowledgeAliases = pgTable(
  'knowledge_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    category: text('category'),
    alias: text('alias').notNull(),
    term: text('term').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('knowledge_aliases_unique_idx').on(
      sql`coalesce(${t.category}, '')`,
      sql`lower(${t.alias})`,
      sql`lower(${t.term})`,
    ),
  ],
);

/** "Was this helpful": one vote per reader and article (a second one replaces the first). */
export const knowledgeVotes = pgTable(
  'knowledge_votes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    helpful: boolean('helpful').notNull(),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('knowledge_votes_user_idx').on(t.articleId, t.userId)],
);

/** "Did this solve it?" answered yes while writing a fault report: the report was not sent. */
export const knowledgeDeflections = pgTable(
  'knowledge_deflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    customerId: uuid('customer_id'),
    text: text('text'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_deflections_article_idx').on(t.articleId)],
);

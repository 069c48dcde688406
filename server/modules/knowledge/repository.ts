// Every SQL statement of the knowledge base: articles and their revisions, the search (2-character
// grams, title before body), suggestions, aliases, helpful votes and deflections.
import { and, asc, desc, eq, getTableColumns, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { TArticleListQuery } from '../../../common/knowledge-api.ts';
import type { Executor } from '../../db/pool.ts';
import { bigramsOf, gramStats, gramsHeldByAtLeast, termRowsBound } from '../../platform/gram-stats.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import {
  knowledgeAliases,
  knowledgeArticles,
  knowledgeDeflections,
  knowledgeRevisions,
  knowledgeVotes,
} from './schema.ts';

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
export type RevisionRow = typeof knowledgeRevisions.$inferSelect;
export type AliasRow = typeof knowledgeAliases.$inferSelect;

/** What a reader may see: a customer only public, published articles; staff every article. */
export type Audience = 'customer' | 'staff';

const a = knowledgeArticles;
// The list and the search never carry the grams back.
const { titleGrams: _t, searchGrams: _s, ...listColumns } = getTableColumns(a);

function audienceFilter(audience: Audience): SQL {
  return audience === 'customer'
    ? sql`(${a.visibility} = 'public' and ${a.status} = 'published')`
    : sql`true`;
}

type Filters = Omit<TArticleListQuery, 'q' | 'cursor' | 'limit'>;

function filtersOf(audience: Audience, f: Filters): SQL {
  const parts: SQL[] = [audienceFilter(audience)];
  if (f.kind) parts.push(eq(a.kind, f.kind));
  if (f.status) parts.push(eq(a.status, f.status));
  if (f.visibility) parts.push(eq(a.visibility, f.visibility));
  if (f.category) parts.push(eq(a.category, f.category));
  if (f.faultClass) parts.push(eq(a.faultClass, f.faultClass));
  return and(...parts) as SQL;
}

// ---------- articles ----------
export async function insertArticle(tx: Executor, values: typeof a.$inferInsert): Promise<ArticleRow> {
  const [row] = await tx.insert(a).values(values).returning();
  return row!;
}

export async function findArticle(
  db: Executor,
  audience: Audience,
  id: string,
): Promise<ArticleRow | undefined> {
  const [row] = await db
    .select()
    .from(a)
    .where(and(eq(a.id, id), audienceFilter(audience)));
  return row;
}

/** Newest change first, cursor on (updated_at, id). */
export async function listArticles(
  db: Executor,
  audience: Audience,
  f: Filters,
  after: CursorKey | null,
  limit: number,
): Promise<ArticleRow[]> {
  const where: SQL[] = [filtersOf(audience, f)];
  if (after) {
    const at = new Date(String(after.v));
    where.push(or(lt(a.updatedAt, at), and(eq(a.updatedAt, at), lt(a.id, after.id))) as SQL);
  }
  return (await db
    .select(listColumns)
    .from(a)
    .where(and(...where))
    .orderBy(desc(a.updatedAt), desc(a.id))
    .limit(limit + 1)) as ArticleRow[];
}

/**
 * A term's grams as a constant array (platform's bigramsOf, what text_bigrams stores): the SQL
 * function in a row filter would be evaluated for every row the planner walks.
 */
const gramArray = (term: string) => sql`${sql.param(bigramsOf(term))}::text[]`;

/** The text of one term inside a column pair, on lower case (the grams are lower case too). */
const contains = (cols: SQL, term: string) => sql`strpos(lower(${cols}), lower(${term})) > 0`;
const titles = sql`(${a.titleZh} || ' ' || ${a.titleEn})`;
const bodies = sql`(${a.bodyZh} || ' ' || ${a.bodyEn})`;

/** The most matches a search sorts itself (counting more costs a heap fetch each); a term in more articles walks the recency index instead. */
export const SORTED_SEARCH_CAP = 1000;

/**
 * Whether at least SORTED_SEARCH_CAP articles hold every gram of a term: the planner cannot tell, and
 * would sort every match of a word that half the articles hold, where walking the newest first and
 * rechecking finds a page at once. Answered from the grams' statistics (platform/gram-stats.ts, as
 * tickets' isCommonTerm) without reading the index; counted on the GIN index up to the cap only when
 * they cannot tell (no statistics yet, or a gram they do not list whose bound reaches the cap).
 */
async function isCommonTerm(
  db: Executor,
  column: typeof a.titleGrams | typeof a.searchGrams,
  term: string,
): Promise<boolean> {
  if ([...term].length < 2) return true;
  return gramsHeldByAtLeast(db, 'knowledge_articles', column.name, term, SORTED_SEARCH_CAP);
}

/** One term in a title (or in title and body): by the grams' GIN index when rare, else rechecked only. */
async function termFilter(db: Executor, term: string, inBody: boolean): Promise<SQL> {
  const text = inBody
    ? sql`(${contains(titles, term)} or ${contains(bodies, term)})`
    : contains(titles, term);
  const column = inBody ? a.searchGrams : a.titleGrams;
  return (await isCommonTerm(db, column, term)) ? text : sql`(${column} @> ${gramArray(term)} and ${text})`;
}

/**
 * Articles holding any of the terms (the query and what its aliases add): those with a term in a
 * title first, then those with it in a body, each newest first. A rare term is found through the GIN
 * index of its grams and rechecked; a common one walks the recency index and stops at a page.
 */
export async function searchArticles(
  db: Executor,
  audience: Audience,
  f: Filters,
  terms: string[],
  limit: number,
): Promise<ArticleRow[]> {
  const base = filtersOf(audience, f);
  const inTitle = or(...(await Promise.all(terms.map((t) => termFilter(db, t, false))))) as SQL;
  const first = (await db
    .select(listColumns)
    .from(a)
    .where(and(base, inTitle))
    .orderBy(desc(a.updatedAt), desc(a.id))
    .limit(limit)) as ArticleRow[];
  if (first.length >= limit) return first;
  const inText = or(...(await Promise.all(terms.map((t) => termFilter(db, t, true))))) as SQL;
  const titleText = or(...terms.map((t) => contains(titles, t))) as SQL;
  const rest = (await db
    .select(listColumns)
    .from(a)
    .where(and(base, inText, sql`not (${titleText})`))
    .orderBy(desc(a.updatedAt), desc(a.id))
    .limit(limit - first.length)) as ArticleRow[];
  return [...first, ...rest];
}

/** The 3-character runs of a text as pairs of consecutive grams (at most 60), for the suggestions. */
function gramPairs(text: string): string[][] {
  const chars = [...text.toLowerCase()].filter((c) => !/[\s\p{P}]/u.test(c));
  const pairs = new Map<string, string[]>();
  for (let i = 0; i + 2 < chars.length && pairs.size < 60; i++) {
    const run = `${chars[i]}${chars[i + 1]}${chars[i + 2]}`;
    pairs.set(run, [`${chars[i]}${chars[i + 1]}`, `${chars[i + 1]}${chars[i + 2]}`]);
  }
  return [...pairs.values()];
}

/** How many candidates the suggestions score: the newest titles holding a 3-character run of the text. */
const SUGGEST_CANDIDATES = 300;
/** A run estimated in at most this many titles is rare: its matches are fetched through the GIN index. */
const RARE_RUN_TITLES = 2000;

/**
 * Published articles sharing the most 2-character grams with a text (a fault report being written):
 * a gram in a title counts three times one in a body. The candidates are the newest articles whose
 * title holds a 3-character run of the text, at most SUGGEST_CANDIDATES: through the GIN index of the
 * titles' grams for the runs the statistics call rare (a run is as rare as its rarer gram), or, when
 * every run is common, by walking the newest articles and rechecking (a page is found at once). A long
 * text's common runs (故障, 控制) would otherwise make the index fetch and sort most of the table.
 */
export async function suggestArticles(
  db: Executor,
  audience: Audience,
  text: string,
  category: string | undefined,
  limit: number,
): Promise<ArticleRow[]> {
  const pairs = gramPairs(text);
  if (!pairs.length) return [];
  const stats = await gramStats(db, 'knowledge_articles', a.titleGrams.name);
  // A run is as rare as its rarer gram; without statistics every run counts as rare (the index).
  const rare = pairs.filter((p) => (termRowsBound(stats, p)?.rows ?? 0) <= RARE_RUN_TITLES);
  const grams = sql`${sql.param(bigramsOf(text).slice(0, 200))}::text[]`;
  const where: SQL[] = [audienceFilter(audience), eq(a.status, 'published')];
  if (rare.length) where.push(or(...rare.map((p) => sql`${a.titleGrams} @> ${sql.param(p)}::text[]`)) as SQL);
  else {
    // No index serves a pattern: the newest articles are walked and each title rechecked.
    const runs = pairs.map((p) => p[0]! + [...p[1]!].at(-1)!);
    where.push(sql`lower(${a.titleZh} || ' ' || ${a.titleEn}) ~ ${runs.map(escapeRegex).join('|')}`);
  }
  if (category) where.push(or(eq(a.category, category), sql`${a.category} is null`) as SQL);
  const candidates = db
    .select({ id: a.id })
    .from(a)
    .where(and(...where))
    .orderBy(desc(a.updatedAt))
    .limit(SUGGEST_CANDIDATES);
  const score = sql`(3 * (select count(*) from unnest(${a.titleGrams}) g where g = any(${grams}))
    + (select count(*) from unnest(${a.searchGrams}) g where g = any(${grams})))`;
  return (await db
    .select(listColumns)
    .from(a)
    .where(inArray(a.id, candidates))
    .orderBy(desc(score), desc(a.helpfulYes), desc(a.updatedAt))
    .limit(limit)) as ArticleRow[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function productFacets(db: Executor): Promise<{ faultClasses: string[]; categories: string[] }> {
  const r = await db.execute<{ fault_class: string | null; category: string | null }>(
    sql`select distinct fault_class, category from knowledge_articles limit 2000`,
  );
  const faultClasses = new Set<string>();
  const categories = new Set<string>();
  for (const row of r.rows) {
    if (row.fault_class) faultClasses.add(row.fault_class);
    if (row.category) categories.add(row.category);
  }
  return { faultClasses: [...faultClasses].sort(), categories: [...categories].sort() };
}

// ---------- revisions ----------
export async function insertRevision(tx: Executor, values: typeof knowledgeRevisions.$inferInsert) {
  await tx.insert(knowledgeRevisions).values(values);
}

export async function revisionsOf(db: Executor, articleId: string): Promise<RevisionRow[]> {
  return db
    .select()
    .from(knowledgeRevisions)
    .where(eq(knowledgeRevisions.articleId, articleId))
    .orderBy(desc(knowledgeRevisions.revision));
}

// ---------- aliases ----------
export async function listAliases(db: Executor): Promise<AliasRow[]> {
  return db.select().from(knowledgeAliases).orderBy(asc(knowledgeAliases.alias));
}

/** The aliases a query holds (for its category, and those for every category). */
export async function aliasesIn(db: Executor, q: string, category: string | undefined): Promise<AliasRow[]> {
  const t = knowledgeAliases;
  return db
    .select()
    .from(t)
    .where(
      and(
        sql`strpos(lower(${q}), lower(${t.alias})) > 0`,
        category ? or(sql`${t.category} is null`, eq(t.category, category)) : undefined,
      ),
    )
    .limit(20);
}

export async function insertAlias(tx: Executor, values: typeof knowledgeAliases.$inferInsert) {
  const [row] = await tx.insert(knowledgeAliases).values(values).returning();
  return row!;
}

export async function deleteAlias(tx: Executor, id: string): Promise<AliasRow | undefined> {
  const [row] = await tx.delete(knowledgeAliases).where(eq(knowledgeAliases.id, id)).returning();
  return row;
}

// ---------- votes and deflections ----------
/** One vote per reader (a second replaces the first); the article's counts recomputed. */
export async function saveVote(
  tx: Executor,
  articleId: string,
  userId: string,
  helpful: boolean,
  comment: string | null,
  now: Date,
) {
  const v = knowledgeVotes;
  await tx
    .insert(v)
    .values({ articleId, userId, helpful, comment, createdAt: now })
    .onConflictDoUpdate({ target: [v.articleId, v.userId], set: { helpful, comment, createdAt: now } });
  const [row] = await tx
    .update(a)
    .set({
      helpfulYes: sql`(select count(*)::int from ${v} where ${v.articleId} = ${articleId} and ${v.helpful})`,
      helpfulNo: sql`(select count(*)::int from ${v} where ${v.articleId} = ${articleId} and not ${v.helpful})`,
    })
    .where(eq(a.id, articleId))
    .returning({ helpfulYes: a.helpfulYes, helpfulNo: a.helpfulNo });
  return row!;
}

export async function insertDeflection(tx: Executor, values: typeof knowledgeDeflections.$inferInsert) {
  await tx.insert(knowledgeDeflections).values(values);
  await tx
    .update(a)
    .set({ deflections: sql`${a.deflections} + 1` })
    .where(eq(a.id, values.articleId));
}

/** Articles whose readers mostly said "not helpful": the ratio first, then the number of votes. */
export async function unhelpfulArticles(db: Executor, minVotes: number, minRatio: number) {
  const ratio = sql<number>`(${a.helpfulNo}::float / nullif(${a.helpfulYes} + ${a.helpfulNo}, 0))`;
  const rows = await db
    .select({
      id: a.id,
      titleZh: a.titleZh,
      titleEn: a.titleEn,
      helpfulYes: a.helpfulYes,
      helpfulNo: a.helpfulNo,
      deflections: a.deflections,
      ratio,
      // Written out: drizzle leaves columns unqualified inside a select's own expressions.
      lastComments: sql<string[]>`coalesce((select array_agg(c.comment order by c.created_at desc) from
        (select v.comment, v.created_at from knowledge_votes v where v.article_id = knowledge_articles.id
          and not v.helpful and v.comment is not null order by v.created_at desc limit 3) c), '{}')`,
    })
    .from(a)
    .where(and(sql`${a.helpfulYes} + ${a.helpfulNo} >= ${minVotes}`, sql`${ratio} >= ${minRatio}`))
    .orderBy(desc(ratio), desc(sql`${a.helpfulNo}`))
    .limit(100);
  return rows;
}

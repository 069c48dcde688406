import type { TArticle, TArticleDetail } from '../../../../common/knowledge-api.ts';

const english = (language: string) => language.startsWith('en');

/** The article's title in the reader's language (the Chinese one when there is no English). */
export const articleTitle = (a: Pick<TArticle, 'titleZh' | 'titleEn'>, language: string) =>
  english(language) && a.titleEn ? a.titleEn : a.titleZh;

export const articleExcerpt = (a: TArticle, language: string) =>
  english(language) && a.excerptEn ? a.excerptEn : a.excerptZh;

/** The rendered body in the reader's language: server-rendered, the author's own HTML escaped. */
export const articleHtml = (a: TArticleDetail, language: string) =>
  english(language) && a.bodyEn.trim() ? a.htmlEn : a.htmlZh;

/** A product category by its name in the reader's language (the registry's codes are named in field.categories). */
export const categoryLabel = (
  t: (key: string, options?: { defaultValue: string }) => string,
  category: string,
) => t(`field.categories.${category}`, { defaultValue: category });

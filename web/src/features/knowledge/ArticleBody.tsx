import { useTranslation } from 'react-i18next';
import type { TArticleDetail } from '../../../../common/knowledge-api.ts';
import { articleHtml } from './article-text.ts';

/** An article's body as the server rendered it from Markdown (escape-first: no markup of the author's). */
export function ArticleBody({ article }: { article: TArticleDetail }) {
  const { i18n } = useTranslation();
  return (
    <div
      className="kb-article"
      data-testid="article-body"
      style={{ overflowWrap: 'anywhere', lineHeight: 1.7 }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: common/markdown.ts escapes every character of the author's text before it builds its own elements
      dangerouslySetInnerHTML={{ __html: articleHtml(article, i18n.language) }}
    />
  );
}

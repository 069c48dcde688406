// A small Markdown renderer for knowledge-base articles, shared by the server (the stored article's
// HTML) and the editor's preview. It escapes the whole text FIRST, then builds the few elements it
// knows (headings, paragraphs, lists, quotes, code, rules, bold, italic, links, images), so any HTML or
// script an author writes comes back as visible text, never as markup. Links and images take only
// http(s), mailto, an absolute path of this site, or `file:<id>` (an attachment, resolved by the caller).

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Where `file:<id>` points (an attachment of the article); null leaves the link out. */
export type FileUrlOf = (fileId: string) => string | null;

const FILE_REF = /^file:([0-9a-f-]{36})$/i;

/** The address a link may carry, from its (already escaped) text; null when it is not allowed. */
function safeUrl(escaped: string, fileUrl: FileUrlOf): string | null {
  const url = escaped.trim();
  const file = FILE_REF.exec(url);
  if (file?.[1]) return fileUrl(file[1].toLowerCase());
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return null;
}

/** Inline elements of one escaped line. Code spans are cut out first so nothing inside them applies. */
function inline(escaped: string, fileUrl: FileUrlOf): string {
  const codes: string[] = [];
  let s = escaped.replace(/`([^`]+)`/g, (_, code: string) => {
    codes.push(`<code>${code}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, alt: string, src: string) => {
    const url = safeUrl(src, fileUrl);
    return url ? `<img src="${url}" alt="${alt}" loading="lazy">` : whole;
  });
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, text: string, href: string) => {
    const url = safeUrl(href, fileUrl);
    return url ? `<a href="${url}" rel="noopener noreferrer" target="_blank">${text}</a>` : whole;
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the placeholder of a cut-out code span
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] ?? '');
}

type ListKind = 'ul' | 'ol';

/** Renders Markdown to HTML that holds no markup of the author's own. */
export function renderMarkdown(markdown: string, fileUrl: FileUrlOf = () => null): string {
  const out: string[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { kind: ListKind; items: string[] } | null = null;
  let quote: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map((l) => inline(l, fileUrl)).join('<br>')}</p>`);
    paragraph = [];
    if (list) out.push(`<${list.kind}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.kind}>`);
    list = null;
    if (quote.length)
      out.push(`<blockquote>${quote.map((l) => inline(l, fileUrl)).join('<br>')}</blockquote>`);
    quote = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = escapeHtml(lines[i] ?? '');
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i] ?? ''); i++) code.push(escapeHtml(lines[i] ?? ''));
      out.push(`<pre><code>${code.join('\n')}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quoted = /^&gt;\s?(.*)$/.exec(line);
    if (!line.trim()) flush();
    else if (heading?.[1] && heading[2] !== undefined) {
      flush();
      const level = heading[1].length;
      out.push(`<h${level}>${inline(heading[2], fileUrl)}</h${level}>`);
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      flush();
      out.push('<hr>');
    } else if (bullet?.[1] !== undefined || numbered?.[1] !== undefined) {
      const kind: ListKind = bullet ? 'ul' : 'ol';
      const text = (bullet?.[1] ?? numbered?.[1]) as string;
      if (!list || list.kind !== kind || paragraph.length || quote.length) flush();
      list ??= { kind, items: [] };
      list.items.push(inline(text, fileUrl));
    } else if (quoted?.[1] !== undefined) {
      if (paragraph.length || list) flush();
      quote.push(quoted[1]);
    } else {
      if (list || quote.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return out.join('\n');
}

/** The text of Markdown without its marks, for excerpts in lists and suggestions. */
export function plainTextOf(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[#>*`_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

import { describe, expect, it } from 'vitest';
import { plainTextOf, renderMarkdown } from './markdown.ts';

const FILE = '0b5d3a52-6f0e-4c1e-9a4b-1f2e3d4c5b6a';

describe('renderMarkdown', () => {
  it('builds headings, lists, emphasis, code and quotes', () => {
    const html = renderMarkdown('## 步骤\n1. 断电\n2. **检查** `E3`\n\n- 甲\n- *乙*\n\n> 注意安全');
    expect(html).toBe(
      '<h2>步骤</h2>\n<ol><li>断电</li><li><strong>检查</strong> <code>E3</code></li></ol>\n' +
        '<ul><li>甲</li><li><em>乙</em></li></ul>\n<blockquote>注意安全</blockquote>',
    );
  });

  it('shows HTML and script as text, never as markup', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror=alert(2)>\n"quoted" & \'single\'',
    );
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('keeps only safe link targets', () => {
    expect(renderMarkdown('[a](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('[a](//evil.example/x)')).not.toContain('href');
    expect(renderMarkdown('[a](https://example.com/x)')).toContain('href="https://example.com/x"');
    expect(renderMarkdown('[a](/portal/knowledge)')).toContain('href="/portal/knowledge"');
    // a quote cannot close the attribute: it was escaped before the link was built
    expect(renderMarkdown('[a](https://x.example/"onmouseover=alert(1))')).not.toContain('" onmouseover');
  });

  it('resolves an attachment only through the caller', () => {
    expect(renderMarkdown(`![图](file:${FILE})`)).toBe(`<p>![图](file:${FILE})</p>`);
    expect(renderMarkdown(`![图](file:${FILE})`, (id) => `/files/${id}`)).toBe(
      `<p><img src="/files/${FILE}" alt="图" loading="lazy"></p>`,
    );
  });

  it('leaves code blocks untouched', () => {
    expect(renderMarkdown('```\n**x** <b>\n```')).toBe('<pre><code>**x** &lt;b&gt;</code></pre>');
  });
});

describe('plainTextOf', () => {
  it('drops the marks for an excerpt', () => {
    expect(plainTextOf('## 标题\n- **加粗** [链接](https://x)')).toBe('标题 加粗 链接');
  });
});

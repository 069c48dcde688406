// What makes a stored file safe to hand back: a name that shows what it is (no bidi trick turning
// "exe.txt" into "txt.exe", no extension a browser would render as a page) and no markup stored as text.

// C0/C1 controls, path separators, and the bidi/zero-width format characters that reorder or hide
// part of a name (U+202E RIGHT-TO-LEFT OVERRIDE among them).
const UNSAFE_NAME_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u001f\u007f-\u009f/\\\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

// Extensions a browser opens as a document that can run script.
const MARKUP_EXTENSIONS = /\.(html?|xhtml?|shtml|svgz?|xml|xsl|xslt|mht|mhtml|hta|js|mjs|htc|swf)$/i;

// Markup anywhere in a text file (not only in its first bytes: padding must not hide it).
const MARKUP = /<\s*(script|html|svg|iframe|!doctype|\?xml|body|object|embed|xsl|math|meta|base)\b/i;

/** A file name cleaned of control and bidi characters, never empty. */
export function safeFileName(name: string): string {
  return name.normalize('NFC').replace(UNSAFE_NAME_CHARS, '').trim().slice(0, 200) || 'file';
}

/**
 * A name whose extension a browser would render (page.html, logo.svg) keeps its text but gets the
 * extension of what is stored (page.html.txt), so opening the download never runs it as a page.
 */
export function downloadSafeName(name: string, storedExtension: string): string {
  return MARKUP_EXTENSIONS.test(name) ? `${name}.${storedExtension}`.slice(-200) : name;
}

/** Text without NUL bytes and without markup, looked for in the whole file. */
export function looksLikePlainText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  return !MARKUP.test(data.toString('utf8'));
}

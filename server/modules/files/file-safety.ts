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

// The longest text a markup match can need from the previous piece: "<", collapsed whitespace and
// a keyword ("!doctype" is the longest).
const CARRY_LIMIT = 16;
const PENDING_TAG = /<\s*[!?a-z]*$/i;

/**
 * `looksLikePlainText` over a stream, piece by piece, with the same answer as on the whole file: a
 * tag cut between two pieces is carried over (whitespace after its "<" collapsed, so padding cannot
 * make the carry grow), and UTF-8 characters cut between pieces are decoded whole.
 */
export class PlainTextScanner {
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';
  private plain = true;

  feed(piece: Uint8Array): void {
    if (!this.plain) return;
    if (piece.includes(0)) {
      this.plain = false;
      return;
    }
    this.scan(this.carry + this.decoder.decode(piece, { stream: true }), false);
  }

  /** The verdict, once the last piece has been fed. */
  end(): boolean {
    if (this.plain) this.scan(this.carry + this.decoder.decode(), true);
    return this.plain;
  }

  private scan(text: string, last: boolean): void {
    const pending = last ? null : PENDING_TAG.exec(text);
    const settled = pending ? text.slice(0, pending.index) : text;
    if (MARKUP.test(settled)) this.plain = false;
    this.carry = pending ? pending[0].replace(/^<\s+/, '< ').slice(0, CARRY_LIMIT) : '';
  }
}

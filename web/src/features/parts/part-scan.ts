// What a scanned part or batch barcode points at. A part's barcode is its part number; a batch's is
// its batch code; a combined label reads "partNumber*batchCode" (the part, in that batch). The match
// ignores case and surrounding spaces, as keyboard-wedge scanners and hand typing vary.

export interface ScanCode {
  partNumber: string | null;
  batchCode: string | null;
  /** Neither part nor batch said which: the text may be either. */
  either: string | null;
}

const norm = (s: string) => s.trim().toUpperCase();

export function parseScan(scanned: string): ScanCode {
  const text = norm(scanned);
  const star = text.indexOf('*');
  if (star < 0) return { partNumber: null, batchCode: null, either: text || null };
  return {
    partNumber: norm(text.slice(0, star)) || null,
    batchCode: norm(text.slice(star + 1)) || null,
    either: null,
  };
}

/**
 * The lines a scan points at, best first: by part number (and batch when the code names one); a bare
 * code that is no part number is tried as a batch code. Lines in good condition come first (what a
 * scan most often counts or issues). Empty when nothing matches.
 */
export function matchScan<L extends { partNumber: string; batchCode?: string; condition?: string }>(
  lines: readonly L[],
  scanned: string,
): L[] {
  const code = parseScan(scanned);
  const byPart = (n: string) => lines.filter((l) => norm(l.partNumber) === n);
  const byBatch = (ls: readonly L[], b: string) => ls.filter((l) => l.batchCode && norm(l.batchCode) === b);
  let found: L[];
  if (code.either) {
    found = byPart(code.either);
    if (!found.length) found = byBatch(lines, code.either);
  } else if (code.partNumber) {
    found = byPart(code.partNumber);
    if (code.batchCode) found = byBatch(found, code.batchCode);
  } else if (code.batchCode) {
    found = byBatch(lines, code.batchCode);
  } else found = [];
  const rank = (l: L) => (l.condition === undefined || l.condition === 'good' ? 0 : 1);
  return [...found].sort((a, b) => rank(a) - rank(b));
}

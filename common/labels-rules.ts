// Pure rules of the QR labels: what a reporter may see of the engineer.

/**
 * An engineer's name as told to someone outside the company: a Chinese name becomes the surname and
 * 工 (王建国 → 王工, the usual way to address an engineer), a Latin name its first word (Tom Li → Tom).
 */
export function publicEngineerName(displayName: string | null): string | null {
  const name = displayName?.trim();
  if (!name) return null;
  if (/^\p{Script=Han}/u.test(name)) return `${[...name][0]}工`;
  return name.split(/\s+/)[0] ?? null;
}

/** Crockford base32 without I, L, O, U: nothing to misread on a printed label. */
export const LABEL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

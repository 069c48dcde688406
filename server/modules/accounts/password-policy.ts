// Which passwords are refused beyond the length rule: the most common ones, trivial patterns, and the
// user's own names (NIST SP 800-63B §3.1.1.2: check against breached and context-specific words).
import { readFileSync } from 'node:fs';

let commonPasswords: Set<string> | null = null;

function isCommon(lower: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
  if (commonPasswords.has(lower)) return true;
  // "password2026!", "!!dragon123": a common word dressed with digits and symbols
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  return core.length > 0 && core !== lower && commonPasswords.has(core);
}

const RUNS = [
  '1234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()',
];
const RUN_TEXT = [...RUNS, ...RUNS.map((r) => [...r].reverse().join(''))];

const isRunPiece = (piece: string) => /^(.)\1*$/u.test(piece) || RUN_TEXT.some((run) => run.includes(piece));

/**
 * Made of at most three pieces of keyboard rows, alphabet or digit runs, or one repeated character
 * ("aaaaaaaaaa", "qwerty123456", "1qaz2wsx3edc"), or one short unit repeated ("abcabcabca").
 */
function isTrivialPattern(lower: string): boolean {
  for (let unit = 1; unit <= 4; unit++) {
    if (
      lower.length >= unit * 2 &&
      lower === lower.slice(0, unit).repeat(lower.length).slice(0, lower.length)
    ) {
      return true;
    }
  }
  const chars = [...lower];
  // fewest pieces (each at least 3 long) that cover the first i characters
  const pieces: number[] = new Array(chars.length + 1).fill(Number.POSITIVE_INFINITY);
  pieces[0] = 0;
  for (let end = 3; end <= chars.length; end++) {
    for (let start = 0; start <= end - 3; start++) {
      if (pieces[start]! + 1 < pieces[end]! && isRunPiece(chars.slice(start, end).join(''))) {
        pieces[end] = pieces[start]! + 1;
      }
    }
  }
  return pieces[chars.length]! <= 3;
}

/** Why the password is refused, in words for the person choosing it; null when it is acceptable. */
export function weakPasswordReason(
  password: string,
  names: { username: string; displayName: string },
): string | null {
  const lower = password.toLowerCase();
  if (isTrivialPattern(lower)) {
    return 'is too easy to guess: a repeated character, a run like 1234567890 or abcdefghij, or a keyboard row';
  }
  if (isCommon(lower)) return 'is one of the most common passwords; choose another';
  for (const name of [names.username, names.displayName]) {
    const own = name.trim().toLowerCase();
    if (own.length >= 3 && lower.includes(own)) return 'must not contain your login name or display name';
  }
  return null;
}

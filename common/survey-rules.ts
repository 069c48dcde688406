// Pure rules of satisfaction surveys (篇1 五.4), one definition used by the server (stored on the
// answer, summed by the report), the web app and the tests.

export interface TStars {
  responseStars: number;
  engineerStars: number;
  resultStars: number;
  notSatisfied: boolean;
}

/**
 * Satisfied (满意) = every one of the three ratings is 4 or 5 stars and the customer did not tick
 * "I'm not satisfied". The satisfaction rate is satisfied answers / all answers.
 */
export function isSatisfied(a: TStars): boolean {
  return Math.min(a.responseStars, a.engineerStars, a.resultStars) >= 4 && !a.notSatisfied;
}

/** An unsatisfied answer (any rating of 2 stars or fewer, or the tick) opens a service recovery. */
export function needsRecovery(a: TStars): boolean {
  return Math.min(a.responseStars, a.engineerStars, a.resultStars) <= 2 || a.notSatisfied;
}

/** The rate in percent with one decimal; null when nobody answered. */
export function satisfactionPercent(satisfied: number, answers: number): number | null {
  if (answers <= 0) return null;
  return Math.round((satisfied / answers) * 1000) / 10;
}

/**
 * Sampling: whether a source is drawn at `percent` (0–100). Deterministic on the source's id (FNV-1a),
 * so a rerun draws the same sources and the share drawn approaches the percentage.
 */
export function isSampled(sourceId: string, percent: number): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  let h = 0x811c9dc5;
  for (let i = 0; i < sourceId.length; i++) {
    h ^= sourceId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 10_000 < percent * 100;
}

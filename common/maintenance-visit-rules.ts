// Pure rules of the checklist on the phone: what an answer must hold for its kind, when it is a hidden
// danger (隐患: a failed check, a measurement outside its allowed range), and what is still unanswered.
import type { TChecklistItem } from './maintenance-api.ts';
import type { TAnswerInput } from './maintenance-visit-api.ts';

export interface AnswerProblem {
  /** The answer's field at fault (relative to the answer). */
  field: 'result' | 'value' | 'text' | 'note' | 'photoIds';
  message: string;
}

type AnswerFacts = Pick<TAnswerInput, 'result' | 'value' | 'text' | 'note' | 'photoIds'>;

export function isDanger(item: TChecklistItem, a: AnswerFacts): boolean {
  if (item.kind === 'check') return a.result === 'fail';
  if (item.kind === 'measurement' && a.value !== null)
    return (item.min !== null && a.value < item.min) || (item.max !== null && a.value > item.max);
  return false;
}

/** The first thing wrong with an answer to this item, or null. */
export function answerProblem(item: TChecklistItem, a: AnswerFacts): AnswerProblem | null {
  if (item.kind === 'check' && a.result === null)
    return { field: 'result', message: `${item.label}: pass, fail or not applicable` };
  if (item.kind !== 'check' && a.result !== null)
    return { field: 'result', message: `${item.label} is not a check` };
  if (item.kind === 'measurement' && a.value === null)
    return { field: 'value', message: `${item.label}: the measured value` };
  if (item.kind === 'reading' && a.value === null && !a.text)
    return { field: 'value', message: `${item.label}: the reading` };
  if (item.kind === 'note' && !a.text && !a.note)
    return { field: 'text', message: `${item.label}: the note` };
  if (item.kind === 'photo' && !a.photoIds.length)
    return { field: 'photoIds', message: `${item.label}: a photo` };
  if (isDanger(item, a)) {
    if (!a.note) return { field: 'note', message: `${item.label}: a hidden danger needs a note` };
    if (!a.photoIds.length)
      return { field: 'photoIds', message: `${item.label}: a hidden danger needs a photo` };
  }
  if (item.photoRequired && !a.photoIds.length)
    return { field: 'photoIds', message: `${item.label}: a photo is required` };
  return null;
}

/** The required entries of a checklist that have no answer (by key), in the checklist's order. */
export function unanswered(checklist: readonly TChecklistItem[], answered: ReadonlySet<string>) {
  return checklist.filter((item) => item.required && !answered.has(item.key));
}

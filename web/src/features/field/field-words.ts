// Words for the codes the field API speaks: suggestion reasons, charge bases, product categories,
// durations. Every code the API can send has a zh and an en text (field-words.test.ts checks it), so
// no raw code reaches the dispatcher or the engineer.
import type { TFunction } from 'i18next';
import type { TChargeBasis, TSuggestionReasonItem } from '../../../../common/field-api.ts';

/** A product category by its name in the user's language; a category the app does not know keeps its own. */
export const categoryName = (t: TFunction, category: string) =>
  t(`field.categories.${category}`, { defaultValue: category });

/** An instant in the organisation's time zone, date and time in one line. */
export const zonedTime = (iso: string, language: string, timeZone: string | undefined) =>
  new Date(iso).toLocaleString(language, {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** A suggestion's reason in words: its values formatted (categories by name, times in the organisation's zone). */
export function suggestionReasonText(
  t: TFunction,
  r: TSuggestionReasonItem,
  language: string,
  timeZone: string | undefined,
): string {
  const p = r.params;
  const values: Record<string, string | number> = { ...p };
  if (typeof p.categories === 'string')
    values.categories = p.categories
      .split(',')
      .map((c) => categoryName(t, c))
      .join(language === 'en' ? ', ' : '、');
  for (const k of ['start', 'due'] as const)
    if (typeof p[k] === 'string') values[k] = zonedTime(p[k], language, timeZone);
  return t(`field.suggestionReasons.${r.code}`, values);
}

export const chargeBasisText = (t: TFunction, basis: TChargeBasis) => t(`field.bases.${basis}`);

/** "1小时20分" / "1 h 20 min": minutes and hours, days when it is that long. */
export function durationText(t: TFunction, seconds: number): string {
  const m = Math.floor(Math.abs(seconds) / 60);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d) return t('field.durationDhm', { d, h, m: m % 60 });
  if (h) return t('field.durationHm', { h, m: m % 60 });
  return t('field.durationM', { m });
}

// Every code the field API can send has words in Chinese and in English (a missing one fails here,
// before a dispatcher or an engineer sees a raw code).
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  CHARGE_BASES,
  nextVisitStage,
  SKIPPABLE_STAGES,
  SUGGESTION_REASONS,
  VISIT_SEQUENCE,
  VISIT_STAGES,
} from '../../../../common/field-api.ts';
import { en } from '../../app/locales/en.ts';
import { zhCN } from '../../app/locales/zh-CN.ts';
import { chargeBasisText, durationText, suggestionReasonText } from './field-words.ts';

const LANGS = { 'zh-CN': zhCN, en } as const;
// Each language on its own: no fallback to the other, so a word missing in English is not hidden.
const tOf = (lang: keyof typeof LANGS) => {
  const i = i18next.createInstance();
  void i.init({
    resources: { [lang]: { translation: LANGS[lang] } },
    lng: lang,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return i.t.bind(i);
};
const has = (dict: Record<string, unknown>, key: string) =>
  typeof dict[key] === 'string' || typeof dict[`${key}_other`] === 'string';

describe('field words', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const field = LANGS[lang].field as unknown as Record<string, Record<string, unknown>>;
    it(`words every suggestion reason in ${lang}`, () => {
      const missing = SUGGESTION_REASONS.filter((c) => !has(field.suggestionReasons!, c));
      expect(missing).toEqual([]);
      const t = tOf(lang);
      for (const code of SUGGESTION_REASONS) {
        const text = suggestionReasonText(
          t,
          {
            code,
            effect: 'info',
            params: {
              categories: 'lighting,hvac',
              km: 12,
              region: '杭州市',
              count: 3,
              start: '2026-11-24T01:30:00Z',
              due: '2026-11-24T06:00:00Z',
            },
          },
          lang,
          'Asia/Shanghai',
        );
        expect(text).not.toMatch(/[a-z]+_[a-z]+|field\.|\{\{|lighting|hvac|T\d\d:/);
      }
    });
    it(`words every charge basis, stage and skippable stage in ${lang}`, () => {
      const t = tOf(lang);
      for (const b of CHARGE_BASES) expect(chargeBasisText(t, b)).not.toContain('field.');
      for (const s of VISIT_STAGES) expect(has(field.stageNames!, s)).toBe(true);
      expect(durationText(t, 80 * 60)).toBe(lang === 'en' ? '1 h 20 min' : '1小时20分');
    });
  }
  it('says "今日已有 3 单" and "Already 3 jobs today"', () => {
    const r = { code: 'jobs_today', effect: 'minus', params: { count: 3 } } as const;
    expect(suggestionReasonText(tOf('zh-CN'), r, 'zh-CN', 'Asia/Shanghai')).toBe('今日已有 3 单');
    expect(suggestionReasonText(tOf('en'), r, 'en', 'Asia/Shanghai')).toBe('Already 3 jobs today');
  });
  it('proposes the first stage neither done nor skipped, none once completed', () => {
    expect(nextVisitStage([])).toBe(VISIT_SEQUENCE[0]);
    expect(nextVisitStage([{ stage: 'remote_guidance' }, { stage: 'accepted' }])).toBe('departed');
    expect(nextVisitStage([{ stage: 'accepted' }, { stage: 'arrived' }])).toBe('credentials_shown');
    expect(nextVisitStage([{ stage: 'completed' }])).toBeNull();
    expect(SKIPPABLE_STAGES).not.toContain('arrived');
  });
});

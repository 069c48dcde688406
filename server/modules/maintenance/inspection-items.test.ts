import { describe, expect, it } from 'vitest';
import { chooseTemplates, SPECIAL_INSPECTION_TEMPLATE_ID } from './inspection-items.ts';

const tpl = (
  id: string,
  category: string | null,
  sizeClass: 'small' | 'large' | null,
  cycle = 'routine',
) => ({
  id,
  name: id,
  cycle,
  category,
  sizeClass,
});

describe('the template of an inspected asset', () => {
  const lamp = { assetId: 'lamp', category: 'Lighting', sizeClass: 'small' as const };
  it('takes the closest fit: category and size over category over any, a routine one first', () => {
    const chosen = chooseTemplates(
      [lamp],
      [
        tpl('any', null, null),
        tpl('category', 'lighting', null),
        tpl('exact-patrol', 'lighting', 'small', 'patrol'),
        tpl('exact', 'LIGHTING', 'small'),
        tpl('large', 'lighting', 'large'),
      ],
    );
    expect(chosen.get('lamp')).toBe('exact');
    expect(
      chooseTemplates([lamp], [tpl('any', null, null), tpl('category', 'lighting', null)]).get('lamp'),
    ).toBe('category');
  });
  it('falls back to the special-inspection checklist when nothing applies (never choosing it otherwise)', () => {
    const chosen = chooseTemplates(
      [lamp],
      [
        tpl('large', 'lighting', 'large'),
        tpl('hvac', 'hvac', null),
        tpl(SPECIAL_INSPECTION_TEMPLATE_ID, null, null),
      ],
    );
    expect(chosen.get('lamp')).toBe(SPECIAL_INSPECTION_TEMPLATE_ID);
  });
});

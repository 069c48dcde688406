// Every permission is named in both languages: the roles page shows these names, never the key
// (a missing one is caught here in milliseconds instead of by the browser scan of every page).
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../../common/roles.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

describe('permission names', () => {
  it.each([
    ['zh-CN', zhCN.permissions],
    ['en', en.permissions],
  ])('%s names every permission', (_lang, names) => {
    const named = names as Record<string, string>;
    expect(PERMISSIONS.filter((p) => !named[p]?.trim())).toEqual([]);
  });
});

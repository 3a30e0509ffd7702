import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import enUS from './en-US.json';
import { createI18n, detectLocale, LOCALE_STORAGE_KEY, resources } from './index';
import {
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  PRIORITIES,
  SEED_CATEGORIES,
  TIMELINE_KINDS,
} from '../../contract/domain/incident';
import { UNIT_KINDS, UNIT_STATUSES } from '../../contract/domain/unit';
import { GRID_LEVELS } from '../../contract/domain/grid';
import { ERROR_CODES } from '../../contract/errors';
import { makeHostError } from '../../contract/errorMessages';

function keys(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object') return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('i18n resources', () => {
  it('zh-CN and en-US have the same key set', () => {
    expect(keys(zhCN).sort()).toEqual(keys(enUS).sort());
  });

  it('no value is empty', () => {
    for (const r of [zhCN, enUS]) {
      for (const k of keys(r)) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], r);
        expect(typeof v === 'string' && v.length > 0, k).toBe(true);
      }
    }
  });

  const groups: [string, readonly string[]][] = [
    ['status', INCIDENT_STATUSES],
    ['statusAction', INCIDENT_STATUSES],
    ['priority', PRIORITIES],
    ['source', INCIDENT_SOURCES],
    ['category', SEED_CATEGORIES],
    ['unitKind', UNIT_KINDS],
    ['unitStatus', UNIT_STATUSES],
    ['gridLevel', GRID_LEVELS],
    ['timeline', TIMELINE_KINDS],
  ];
  for (const [group, values] of groups) {
    it(`labels every ${group} value from the contract in both languages`, () => {
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const i18n = createI18n(lang);
        for (const v of values) {
          expect(i18n.exists(`${group}.${v}`), `${lang} ${group}.${v}`).toBe(true);
        }
      }
    });
  }

  it('merges the contract error templates under errors.* and fills params', () => {
    for (const lang of ['zh-CN', 'en-US'] as const) {
      expect(Object.keys(resources[lang].translation.errors).sort()).toEqual([...ERROR_CODES].sort());
    }
    const e = makeHostError('not_found', { entity: 'incident', id: 'abc' });
    expect(createI18n('en-US').t(e.key, e.params)).toBe(e.message);
    expect(createI18n('zh-CN').t(e.key, e.params)).toContain('abc');
  });

  it('picks zh-CN for Chinese browsers, en-US otherwise, and a saved choice first', () => {
    expect(detectLocale(null, 'zh-TW')).toBe('zh-CN');
    expect(detectLocale(null, 'zh')).toBe('zh-CN');
    expect(detectLocale(null, 'de-DE')).toBe('en-US');
    expect(detectLocale(null, undefined)).toBe('en-US');
    const storage = { getItem: (k: string) => (k === LOCALE_STORAGE_KEY ? 'en-US' : null) };
    expect(detectLocale(storage, 'zh-CN')).toBe('en-US');
    const junk = { getItem: () => 'fr-FR' };
    expect(detectLocale(junk, 'zh-CN')).toBe('zh-CN');
  });
});

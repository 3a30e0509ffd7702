import { describe, expect, it } from 'vitest';
import { createI18n } from './index';
import { categoryName, formatAge, formatDateTime, formatTime } from './format';

describe('formatting', () => {
  const zh = createI18n('zh-CN');
  const en = createI18n('en-US');
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('formats ages in both languages', () => {
    expect(formatAge(zh.t, now - 12 * 60_000, now)).toBe('12 分钟前');
    expect(formatAge(en.t, now - 12 * 60_000, now)).toBe('12 min ago');
    expect(formatAge(en.t, now - 10_000, now)).toBe('just now');
    expect(formatAge(en.t, now - 3 * 3600_000, now)).toBe('3 h ago');
    expect(formatAge(zh.t, now - 5 * 86400_000, now)).toBe('5 天前');
  });

  it('uses a 24-hour clock', () => {
    const t = new Date(2026, 0, 1, 15, 4, 5).getTime();
    expect(formatTime(t, 'en-US')).toMatch(/15:04:05/);
    expect(formatTime(t, 'zh-CN')).toMatch(/15:04:05/);
    expect(formatDateTime(t, 'en-US')).toMatch(/15:04:05/);
    expect(formatDateTime(t, 'en-US')).not.toMatch(/PM/);
  });

  it('names categories from the host, falling back to the seeded label and then the code', () => {
    const cats = [{ code: 'fire_safety', nameZh: '消防', nameEn: 'Fire', active: true }];
    expect(categoryName('fire_safety', cats, 'zh-CN', zh.t)).toBe('消防');
    expect(categoryName('fire_safety', cats, 'en-US', en.t)).toBe('Fire');
    expect(categoryName('emergency', cats, 'en-US', en.t)).toBe('Emergency');
    expect(categoryName('custom_x', cats, 'en-US', en.t)).toBe('custom_x');
  });
});

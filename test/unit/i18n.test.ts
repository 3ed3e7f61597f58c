import { CATALOGS, localeFrom, MESSAGE_KEYS, t } from '../../src/i18n/messages';

describe('messages', () => {
  it('has every key in both Japanese and English, with the same parameters', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(CATALOGS.ja).sort()).toEqual(Object.keys(CATALOGS.en).sort());
    for (const key of MESSAGE_KEYS)
      expect([key, params(CATALOGS.ja[key])]).toEqual([key, params(CATALOGS.en[key])]);
  });

  it('fills parameters', () => {
    expect(t('en', 'device.notFound', { id: 'PC-9' })).toContain('"PC-9"');
    expect(t('ja', 'device.notFound', { id: 'PC-9' })).toContain('「PC-9」');
  });

  it('picks the language from Teams and POSIX locales', () => {
    expect(localeFrom('ja-JP', 'en')).toBe('ja');
    expect(localeFrom('ja_JP.UTF-8', 'en')).toBe('ja');
    expect(localeFrom('en-US', 'ja')).toBe('en');
    expect(localeFrom('C.UTF-8', 'ja')).toBe('en');
    expect(localeFrom(undefined, 'ja')).toBe('ja');
  });
});

import { CATALOGS, localeFrom, MESSAGE_KEYS, t, templateParams } from '../../src/i18n/messages';

describe('messages', () => {
  it('has every key in both Japanese and English, with the same parameters', () => {
    const params = templateParams;
    expect(Object.keys(CATALOGS.ja).sort()).toEqual(Object.keys(CATALOGS.en).sort());
    for (const key of MESSAGE_KEYS)
      expect([key, params(CATALOGS.ja[key])]).toEqual([key, params(CATALOGS.en[key])]);
  });

  it('fills parameters', () => {
    expect(t('en', 'device.notFound', { id: 'PC-9' })).toContain('"PC-9"');
    expect(t('ja', 'device.notFound', { id: 'PC-9' })).toContain('「PC-9」');
  });

  it('uses the plural form of the number in English, and the one form of Japanese', () => {
    expect(t('en', 'import.rejected', { count: 1 })).toMatch(/^1 row is invalid,/);
    expect(t('en', 'import.rejected', { count: 2 })).toMatch(/^2 rows are invalid,/);
    expect(t('en', 'import.rejected', { count: '1,234' })).toMatch(/^1,234 rows are invalid,/);
    expect(t('en', 'import.rejected', { count: 0 })).toMatch(/^0 rows are invalid,/);
    expect(t('ja', 'import.rejected', { count: 1 })).toContain('1 行');
    // A template whose number is not given keeps its placeholder, as a plain one does.
    expect(t('en', 'import.rejected')).toContain('{count, plural,');
  });

  it('never says "1 rows" in English: a number before a noun has a singular and a plural form', () => {
    // Words after a number that are not plural nouns, and parameters that are not numbers.
    const fine =
      /^(is|has|was|waits|leaves|looks|takes|lacks|its|ms|shares|stays|matches|said it has)$/;
    const notNumbers = new Set([
      'provision.problem.licencesExhausted', // {sku}
      'provision.planSwitchOff', // {kind}
      'card.link.settingsIntro', // {provider}
      'cli.commander.missingOptionValue', // {option}
      'cli.preview.conflict', // {mdmDeviceId}
      'stocktake.answer.notYours', // {assetNumber}
      'card.alert.stocktake.notMine', // {user}
    ]);
    const wrong: string[] = [];
    for (const key of MESSAGE_KEYS) {
      if (notNumbers.has(key)) continue;
      const one = Object.fromEntries(templateParams(CATALOGS.en[key]).map((name) => [name, 1]));
      for (const m of t('en', key, one).matchAll(
        /(?<![\w.-])1 ((?:[A-Za-z0-9-]+ ){0,2}?[A-Za-z]+s)\b/g,
      ))
        if (!fine.test(m[1].split(' ').at(-1) ?? '')) wrong.push(`${key}: ${m[0]}`);
    }
    expect(wrong).toEqual([]);
  });

  it('picks the language from Teams and POSIX locales', () => {
    expect(localeFrom('ja-JP', 'en')).toBe('ja');
    expect(localeFrom('ja_JP.UTF-8', 'en')).toBe('ja');
    expect(localeFrom('en-US', 'ja')).toBe('en');
    expect(localeFrom('C.UTF-8', 'ja')).toBe('en');
    expect(localeFrom(undefined, 'ja')).toBe('ja');
  });
});

import { turnLocale } from '../../src/bot/locale';
import { loadConfig } from '../../src/config/config';

describe('DAICHO_BOT_LOCALE: the language a turn is answered in', () => {
  it('auto follows the Teams locale, then DAICHO_LOCALE', () => {
    expect(turnLocale('auto', 'ja-JP', 'en')).toBe('ja');
    expect(turnLocale('auto', 'en-US', 'ja')).toBe('en');
    expect(turnLocale('auto', undefined, 'en')).toBe('en');
    expect(turnLocale('auto', '  ', 'ja')).toBe('ja');
  });

  it('a fixed language wins over what the client sends (the Playground always sends en-US)', () => {
    expect(turnLocale('ja', 'en-US', 'en')).toBe('ja');
    expect(turnLocale('en', 'ja-JP', 'ja')).toBe('en');
  });

  it('is read from the environment, auto by default, and a bad value names the variable', () => {
    const root = '/nonexistent-daicho-root';
    expect(loadConfig({}, root).botLocale).toBe('auto');
    expect(loadConfig({ DAICHO_BOT_LOCALE: 'ja' }, root).botLocale).toBe('ja');
    expect(() => loadConfig({ DAICHO_BOT_LOCALE: 'fr' }, root)).toThrow(/DAICHO_BOT_LOCALE/);
  });
});

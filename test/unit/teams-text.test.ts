import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOGS, MESSAGE_KEYS, t, type Locale } from '../../src/i18n/messages';
import { allCards } from '../support/card-cases';
import { visibleStrings } from '../support/latin-text';
import { droppedWords, visibleInTeams } from '../support/teams-text';

/** Sample values: a number for a parameter a plural form depends on, a word otherwise. */
function sampleParams(template: string, count: number): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const m of template.matchAll(/\{(\w+)(\}|, plural,)/g))
    params[m[1]] = m[2] === '}' && params[m[1]] === undefined ? `Sample${m[1]}` : count;
  return params;
}

describe('catalog text in Teams', () => {
  it('the check itself sees what Teams drops', () => {
    expect(droppedWords('Try: explain <code>, replace <asset number>.')).toEqual([
      'code',
      'asset',
      'number',
    ]);
    expect(visibleInTeams('"provision why <person id>" shows')).not.toContain('person');
    expect(droppedWords('Try: explain ‹code›, replace `<asset number>`, **bold**.')).toEqual([]);
  });

  for (const locale of ['en', 'ja'] satisfies Locale[]) {
    it(`shows every word of every ${locale} message, with one and with several`, () => {
      const problems: string[] = [];
      for (const key of MESSAGE_KEYS) {
        for (const count of [1, 3]) {
          const text = t(locale, key, sampleParams(CATALOGS[locale][key], count));
          const dropped = droppedWords(text);
          if (dropped.length > 0)
            problems.push(`${key} (${count}): ${dropped.join(' ')} — ${text}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  for (const locale of ['en', 'ja'] satisfies Locale[]) {
    it(`shows every word of every ${locale} card, text built in code included`, () => {
      const problems: string[] = [];
      for (const [name, card] of allCards(locale, 'Taro Yamada <taro@contoso.co.jp>'))
        for (const text of visibleStrings(card)) {
          const dropped = droppedWords(text);
          if (dropped.length > 0) problems.push(`${name}: ${dropped.join(' ')} — ${text}`);
        }
      expect(problems).toEqual([]);
    });
  }

  it('shows every word of the troubleshooting guides and the replacement checklists', () => {
    const problems: string[] = [];
    for (const dir of ['src/troubleshooting/trees', 'src/workflows/checklists']) {
      for (const file of readdirSync(path.join(__dirname, '../..', dir))) {
        const json: unknown = JSON.parse(
          readFileSync(path.join(__dirname, '../..', dir, file), 'utf8'),
        );
        for (const text of stringsIn(json)) {
          const dropped = droppedWords(text);
          if (dropped.length > 0) problems.push(`${file}: ${dropped.join(' ')} — ${text}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * The message keys are types: the English catalog defines them, and the compiler (tsc with
 * tsconfig.test.json, and ts-jest when this file runs) rejects a Japanese catalog that lacks one
 * and a lookup by a key that does not exist. Each `@ts-expect-error` fails the build if the line
 * under it ever compiles.
 */
import type { TranslationOf } from '../../src/i18n/catalog';
import { isMessageKey, t, type MessageKey, type MessageKeySuffix } from '../../src/i18n/messages';
import { peopleEn } from '../../src/i18n/people-en';
import { ja } from '../../src/i18n/ja';
import { peopleJa } from '../../src/i18n/people-ja';
import { cliSay } from '../../src/cli/context';
import { DaichoError } from '../../src/errors';

type PeopleTranslation = TranslationOf<typeof peopleEn>;

/** The Japanese people catalog without one of its keys. */
function withoutNotFound(): Omit<PeopleTranslation, 'people.notFound'> {
  const { 'people.notFound': dropped, ...rest } = peopleJa;
  expect(dropped).toBeTruthy();
  return rest;
}

describe('message keys are checked by the compiler', () => {
  it('rejects a Japanese catalog missing a key, or with a key English does not have', () => {
    const rest = withoutNotFound();
    // @ts-expect-error a key missing from the Japanese catalog
    const missing: PeopleTranslation = rest;
    const complete: PeopleTranslation = { ...rest, 'people.notFound': '見つかりません' };
    const extra: PeopleTranslation = {
      ...peopleJa,
      // @ts-expect-error a key the English catalog does not define
      'people.noSuchMessage': '余計なキー',
    };
    expect(Object.keys(missing)).not.toContain('people.notFound');
    expect(Object.keys(complete).sort()).toEqual(Object.keys(peopleEn).sort());
    expect(extra['people.notFound']).toBe(peopleJa['people.notFound']);
  });

  it('types the whole Japanese catalog by the English keys', () => {
    const { 'device.notFound': dropped, ...rest } = ja;
    // @ts-expect-error the Japanese catalog without one key is not a catalog
    const incomplete: typeof ja = rest;
    expect(dropped).toContain('{id}');
    expect(Object.keys(incomplete)).toHaveLength(Object.keys(ja).length - 1);
  });

  it('rejects an unknown key in t(), the CLI, errors and keys built from parts', () => {
    const unknownPart: string = 'noSuchStatus';
    // Never called: the assertions here are the compile errors.
    const unknownKeys = () => [
      // @ts-expect-error an unknown key
      t('en', 'device.noSuchMessage'),
      // @ts-expect-error an unknown key
      cliSay('cli.noSuchMessage'),
      // @ts-expect-error an unknown key
      new DaichoError('NOT_FOUND', 'device.noSuchMessage'),
      // @ts-expect-error a built key whose part is not in the catalog
      t('en', `card.run.${unknownPart}`),
    ];
    expect(typeof unknownKeys).toBe('function');
    const status: MessageKeySuffix<'card.run.'> = 'success';
    // @ts-expect-error not the end of any `card.run.` key
    const badStatus: MessageKeySuffix<'card.run.'> = 'noSuchStatus';
    expect(t('en', `card.run.${status}`)).not.toBe(`card.run.${status}`);
    expect(badStatus).toBe('noSuchStatus');
  });

  it('lets a key read at runtime through only after checking it against the catalog', () => {
    const fromData: string = 'device.notFound';
    const key: MessageKey | null = isMessageKey(fromData) ? fromData : null;
    expect(key).toBe('device.notFound');
    expect(isMessageKey('device.noSuchMessage')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});

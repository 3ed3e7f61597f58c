/**
 * Every user-facing sentence, in Japanese and English. Keys are stable; `{name}` is replaced by
 * the parameter of that name. The English catalog defines the keys (`MessageKey`); the Japanese
 * one is typed by them, so a key missing from either language fails to compile.
 */
export type Locale = 'ja' | 'en';

import { en, type MessageKey } from './en';
import { ja } from './ja';

export type { MessageKey };

/**
 * The rest of every key that starts with `Prefix`: `MessageKeySuffix<'card.run.'>` is
 * 'ok' | 'failed' | …, so a key built as `card.run.${suffix}` is checked against the catalog.
 */
export type MessageKeySuffix<Prefix extends string> = SuffixOf<MessageKey, Prefix>;
// A separate type parameter so the conditional distributes over each key of the union.
type SuffixOf<Key, Prefix extends string> = Key extends `${Prefix}${infer Suffix}` ? Suffix : never;

export const CATALOGS: Record<Locale, Readonly<Record<MessageKey, string>>> = { ja, en };

/** Every message key, for code that iterates the catalog (the guard types them, no cast). */
export const MESSAGE_KEYS: readonly MessageKey[] = Object.keys(en).filter(isMessageKey);

/** Whether a string built or read at runtime names a message (the catalog's own keys only). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export function t(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = CATALOGS[locale][key] ?? CATALOGS.en[key] ?? key;
  return fill(template, locale, params);
}

/**
 * `{name}` is the parameter; `{name, plural, one {# row is} other {# rows are}}` picks the form
 * for the number (Intl.PluralRules of the locale, `#` is the number as given). A form missing
 * for the number's category falls back to `other`.
 */
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const PLURAL_FORM = /(\w+) \{((?:[^{}]|\{\w+\})*)\}/g;
const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};

function fill(template: string, locale: Locale, params: Record<string, string | number>): string {
  const withForms = template.replace(PLURAL, (whole, name: string, forms: string) => {
    if (!(name in params)) return whole;
    const given = params[name];
    const rules = (pluralRules[locale] ??= new Intl.PluralRules(locale));
    const category = rules.select(Number(String(given).replace(/[,\s]/g, '')));
    const chosen = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1], m[2]]));
    return (chosen.get(category) ?? chosen.get('other') ?? '').replace(/#/g, String(given));
  });
  return withForms.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The parameters a template uses, plain or plural, each once and sorted (for the checks). */
export function templateParams(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
}

/**
 * Picks ja or en from a Teams or POSIX locale ("ja-JP", "ja_JP.UTF-8", "en-US", "C.UTF-8"):
 * Japanese for ja*, English for any other language, the fallback when there is none.
 */
export function localeFrom(tag: string | undefined, fallback: Locale): Locale {
  if (!tag || !tag.trim()) return fallback;
  return tag.trim().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

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
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Picks ja or en from a Teams or POSIX locale ("ja-JP", "ja_JP.UTF-8", "en-US", "C.UTF-8"):
 * Japanese for ja*, English for any other language, the fallback when there is none.
 */
export function localeFrom(tag: string | undefined, fallback: Locale): Locale {
  if (!tag || !tag.trim()) return fallback;
  return tag.trim().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

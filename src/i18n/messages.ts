/**
 * Every user-facing sentence, in Japanese and English. Keys are stable; `{name}` is replaced by
 * the parameter of that name. A key missing from one language is caught by a unit test.
 */
export type Locale = 'ja' | 'en';
type Catalog = Record<string, string>;

import { en } from './en';
import { ja } from './ja';

export const CATALOGS: Record<Locale, Catalog> = { ja, en };

export function t(
  locale: Locale,
  key: string,
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

import { localeFrom, t, type Locale, type MessageKey } from '../i18n/messages';

/** The user's language from Teams (e.g. "ja-JP"), Japanese when Teams sends none. */
export function userLocale(turn: { localeTag?: string }, fallback: Locale = 'ja'): Locale {
  return localeFrom(turn.localeTag, fallback);
}

export function sayer(turn: { localeTag?: string }, fallback: Locale = 'ja') {
  const locale = userLocale(turn, fallback);
  return {
    locale,
    say: (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params),
  };
}

/**
 * The language a turn is answered in (DAICHO_BOT_LOCALE): a fixed `ja` / `en`, or with `auto` the
 * user's Teams locale, else DAICHO_LOCALE. A fixed language exists because some clients (the
 * Agents Playground) always send en-US, so a Japanese demo could never be shown otherwise.
 */
export function turnLocale(
  policy: 'ja' | 'en' | 'auto',
  activityLocale: string | undefined,
  fallback: Locale,
): Locale {
  return policy === 'auto' ? localeFrom(activityLocale, fallback) : policy;
}

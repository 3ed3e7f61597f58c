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

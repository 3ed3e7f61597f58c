import type { TurnContext } from 'botbuilder';
import { localeFrom, t, type Locale, type MessageKey } from '../i18n/messages';

/** The user's language from Teams (activity.locale, e.g. "ja-JP"), Japanese when Teams sends none. */
export function userLocale(context: TurnContext, fallback: Locale = 'ja'): Locale {
  return localeFrom(context.activity.locale, fallback);
}

export function sayer(context: TurnContext, fallback: Locale = 'ja') {
  const locale = userLocale(context, fallback);
  return {
    locale,
    say: (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params),
  };
}

import { isDaichoError } from '../errors';
import { t, type Locale } from '../i18n/messages';

export interface ErrorCardData {
  title: string;
  message: string;
  correlation: string;
  labels: { help: string };
}

/**
 * What a user sees when a card action fails: our errors' own localized sentence (it says how to
 * fix it), a generic one for anything else — never a message or stack meant for the log.
 */
export function errorCardData(
  error: unknown,
  locale: Locale,
  correlationId: string,
): ErrorCardData {
  return {
    title: t(locale, 'card.error.title'),
    message: isDaichoError(error)
      ? t(locale, error.messageKey, error.params)
      : t(locale, 'card.error.unexpected'),
    correlation: t(locale, 'card.error.correlation', { correlationId }),
    labels: { help: t(locale, 'card.action.help') },
  };
}

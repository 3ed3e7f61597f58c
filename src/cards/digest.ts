import type { AlertDoc } from '../db/collections';
import { t, type Locale } from '../i18n/messages';
import { alertText } from './alert';
import { bounded, clip, count } from './format';
import { ALERT_TYPES } from './status';

/** Lines per alert type: the digest replaces a flood of cards, so it must stay short itself. */
export const DIGEST_PER_TYPE = 5;

export interface DigestCardData {
  title: string;
  intro: string;
  groups: { title: string; items: { text: string }[]; more: string }[];
  labels: { status: string };
}

/** One card for many alerts (the notifier sends it instead of one card each past a threshold). */
export function digestCardData(alerts: AlertDoc[], locale: Locale): DigestCardData {
  const groups = ALERT_TYPES.map((type) => {
    const ofType = alerts.filter((a) => a.type === type);
    const { shown, more } = bounded(ofType, DIGEST_PER_TYPE, locale);
    return {
      title: t(locale, 'card.digest.group', {
        type: t(locale, `card.alertType.${type}`),
        count: count(ofType.length, locale),
      }),
      items: shown.map((a) => ({ text: clip(alertText(a, locale), 200) })),
      more,
    };
  }).filter((g) => g.items.length > 0);
  return {
    title: t(locale, 'card.digest.title', { count: count(alerts.length, locale) }),
    intro: t(locale, 'card.digest.intro'),
    groups,
    labels: { status: t(locale, 'card.action.status') },
  };
}

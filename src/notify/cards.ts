import { alertCardData } from '../cards/alert';
import { digestCardData } from '../cards/digest';
import { cardAttachment, renderCard, type AdaptiveCard } from '../cards/render';
import type { Locale } from '../i18n/messages';
import type { OutboundMessage } from '../teams/proactive';
import type { Unit } from './plan';

/**
 * The message for a unit. `summary` is what Teams shows in the notification and the chat list,
 * where a card alone would read "sent a card".
 */
export function unitActivity(unit: Unit, locale: Locale): OutboundMessage {
  if (unit.card === 'alert') {
    const data = alertCardData(unit.alerts[0], locale);
    return cardActivity(renderCard('alert', data), data.title);
  }
  const data = digestCardData(unit.alerts, locale);
  return cardActivity(renderCard('digest', data), data.title);
}

export function cardActivity(card: AdaptiveCard, summary?: string): OutboundMessage {
  return { type: 'message', summary, attachments: [cardAttachment(card)] };
}

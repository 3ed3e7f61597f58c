import type { AdaptiveCard } from '../bot/cards/render';
import type { Collections } from '../db/collections';
import type { Locale } from '../i18n/messages';
import type { Logger } from '../log';
import { cardActivity } from './cards';
import type { Sender } from './sender';

/** The new card in the language of each conversation it replaces a card in. */
export type RenderForLocale = (locale: Locale) => AdaptiveCard;

export interface UpdateCounts {
  updated: number;
  failed: number;
}

/**
 * Replaces every alert card of the alert (in each alert channel it went to) with a new card,
 * e.g. "resolved by … " without buttons. Digests that mention the alert are left alone: they
 * stand for many alerts. Conversations the bot has left since are skipped.
 */
export async function updateAlertCards(
  deps: { c: Collections; sender: Sender; log: Logger; locale: Locale },
  alertId: string,
  render: RenderForLocale,
): Promise<UpdateCounts> {
  const alert = await deps.c.alerts.findOne({ _id: alertId });
  const cards = (alert?.sentActivities ?? []).filter((s) => s.card === 'alert');
  const counts: UpdateCounts = { updated: 0, failed: 0 };
  if (cards.length === 0) return counts;
  const conversations = await deps.c.conversations
    .find({ _id: { $in: cards.map((s) => s.conversationId) } })
    .toArray();
  await Promise.all(
    cards.map(async (sent) => {
      const conversation = conversations.find((x) => x._id === sent.conversationId);
      if (!conversation) return;
      const target = {
        conversationId: conversation._id,
        tenantId: conversation.tenantId,
        reference: conversation.reference,
      };
      const activity = cardActivity(render(conversation.locale ?? deps.locale));
      const result = await deps.sender.update(target, sent.activityId, activity);
      if (result.ok) counts.updated++;
      else {
        counts.failed++;
        deps.log.warn({ alertId, ...sent, ...result }, 'alert card not updated');
      }
    }),
  );
  return counts;
}

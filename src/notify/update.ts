import type { Alerts } from '../alerts';
import type { ConversationDoc, ConversationStore } from '../conversations/conversation-store';
import type { Collections } from '../db/collections';
import type { AdaptiveCard } from '../cards/render';
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
  deps: {
    c: Collections;
    alerts: Alerts;
    conversations: ConversationStore;
    sender: Sender;
    log: Logger;
    locale: Locale;
  },
  alertId: string,
  render: RenderForLocale,
): Promise<UpdateCounts> {
  const sent = await deps.alerts.sentActivitiesOf(alertId);
  const cards = sent.filter((s) => s.card === 'alert');
  return updateCardCopies(
    deps,
    cards,
    (_sent, conversation) => render(conversation.locale ?? deps.locale),
    { alertId },
    'alert card not updated',
  );
}

/** A message showing a card, to replace in place. */
export interface CardCopy {
  conversationId: string;
  activityId: string;
}

/**
 * Replaces each copy with the card `render` makes for it (at most one request per copy, through
 * the rate-limited sender). Copies in conversations the bot has left since are skipped; a
 * failure is counted and logged with `context`, never thrown.
 */
export async function updateCardCopies<C extends CardCopy>(
  deps: { conversations: ConversationStore; sender: Pick<Sender, 'update'>; log: Logger },
  copies: C[],
  render: (copy: C, conversation: ConversationDoc) => AdaptiveCard | Promise<AdaptiveCard>,
  context: Record<string, unknown>,
  failure: string,
): Promise<UpdateCounts> {
  const counts: UpdateCounts = { updated: 0, failed: 0 };
  if (copies.length === 0) return counts;
  const conversations = await deps.conversations.withIds(copies.map((c) => c.conversationId));
  await Promise.all(
    copies.map(async (copy) => {
      const conversation = conversations.find((x) => x._id === copy.conversationId);
      if (!conversation) return;
      const target = {
        conversationId: conversation._id,
        tenantId: conversation.tenantId,
        reference: conversation.reference,
      };
      const activity = cardActivity(await render(copy, conversation));
      const result = await deps.sender.update(target, copy.activityId, activity);
      if (result.ok) counts.updated++;
      else {
        counts.failed++;
        const fields: Record<string, unknown> = { ...context, ...copy, ...result };
        deps.log.warn(fields, failure);
      }
    }),
  );
  return counts;
}

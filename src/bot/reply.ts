import type { TurnContext } from 'botbuilder';
import {
  cardAttachment,
  renderCard,
  type AdaptiveCard,
  type CardDataMap,
  type CardName,
} from '../cards/render';

/** Sends one card (a template in cards/ expanded with its data). */
export async function sendCard<N extends CardName>(
  context: TurnContext,
  name: N,
  data: CardDataMap[N],
): Promise<void> {
  await context.sendActivity({ attachments: [cardAttachment(renderCard(name, data))] });
}

/** What a handler answers: a sentence, or a card already expanded. */
export type Reply = AdaptiveCard | string;

/** Sends a handler's answer as a message (a card as an attachment). */
export async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
  if (typeof reply === 'string') await context.sendActivity(reply);
  else await context.sendActivity({ attachments: [cardAttachment(reply)] });
}

import type { TurnContext } from 'botbuilder';
import { cardAttachment, renderCard, type CardDataMap, type CardName } from './cards/render';

/** Sends one card (a template in cards/ expanded with its data). */
export async function sendCard<N extends CardName>(
  context: TurnContext,
  name: N,
  data: CardDataMap[N],
): Promise<void> {
  await context.sendActivity({ attachments: [cardAttachment(renderCard(name, data))] });
}

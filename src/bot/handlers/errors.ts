import { randomUUID } from 'node:crypto';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY } from 'botbuilder';
import { isDatabaseUnreachable } from '../../db/database';
import { isDaichoError } from '../../errors';
import { maskSecrets } from '../../secrets';
import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';

/**
 * Any failure in a turn: the user reads a sentence in their language (the error's own message
 * for the errors we know, else a generic one) with a correlation id; the log keeps the rest.
 * Never a stack trace in the chat.
 */
export function registerErrors(app: Application<TurnState>, deps: BotDeps): void {
  app.error(async (context, error) => {
    const correlationId = randomUUID();
    const { say } = sayer(context);
    deps.log.error(
      { err: error, correlationId, activityType: context.activity.type },
      'bot turn failed',
    );
    const sentence = isDaichoError(error)
      ? `${maskSecrets(say(error.messageKey, error.params))} (${correlationId})`
      : isDatabaseUnreachable(error)
        ? say('bot.ledgerUnreachable', { correlationId })
        : say('bot.error', { correlationId });
    // A card press (Action.Execute) must be answered: without an invoke response Teams shows
    // the card as failed (501) and the sentence lands apart from it.
    const answered = context.turnState.get(INVOKE_RESPONSE_KEY) !== undefined;
    if (context.activity.name === 'adaptiveCard/action' && !answered) {
      const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message' };
      await context
        .sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { ...body, value: sentence } },
        })
        .catch(() => undefined);
      return;
    }
    await context.sendActivity(sentence).catch(() => undefined);
  });
}

import { randomUUID } from 'node:crypto';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { isDaichoError } from '../../errors';
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
      ? `${say(error.messageKey, error.params)} (${correlationId})`
      : say('bot.error', { correlationId });
    await context.sendActivity(sentence).catch(() => undefined);
  });
}

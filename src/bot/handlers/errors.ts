import { isDatabaseUnreachable } from '../../db/database';
import { isDaichoError } from '../../errors';
import { maskSecrets } from '../../secrets';
import { sayer } from '../locale';

/**
 * Any failure in a turn, as the user reads it: a sentence in their language (the error's own
 * message for the errors we know, else a generic one) with a correlation id; the log keeps the
 * rest. Never a stack trace in the chat.
 */
export function turnFailureSentence(
  turn: { localeTag?: string },
  error: unknown,
  correlationId: string,
): string {
  const { say } = sayer(turn);
  if (isDaichoError(error))
    return `${maskSecrets(say(error.messageKey, error.params))} (${correlationId})`;
  return isDatabaseUnreachable(error)
    ? say('bot.ledgerUnreachable', { correlationId })
    : say('bot.error', { correlationId });
}

import { isDaichoError } from '../errors';
import { sayer } from './locale';
import type { BotTurn } from './turn';

/**
 * Runs a service call for a card press. A DaichoError (a refusal the user can act on: another
 * MDM is linked, no credentials, a run no longer held, nothing linked) becomes its sentence, so
 * the press is answered instead of failing the turn (an unanswered invoke is an error in Teams).
 */
export async function refusalOr<T>(
  turn: BotTurn,
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: string }> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!isDaichoError(e)) throw e;
    return { ok: false, reply: sayer(turn).say(e.messageKey, e.params) };
  }
}

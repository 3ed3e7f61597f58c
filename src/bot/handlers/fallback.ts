import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';
import { excerpt } from '../text';
import type { BotTurn, Reply } from '../turn';
import { deviceByBareId } from './device';

/**
 * Anything no other route took, tried last: a bare asset number, serial number or UUID shows that
 * device; anything else gets a short help, never silence.
 */
export async function fallbackReply(turn: BotTurn, deps: BotDeps): Promise<Reply> {
  return (await deviceByBareId(turn, deps)) ?? unknownMessageReply(turn);
}

/** The short help for input nobody understood. */
export function unknownMessageReply(turn: BotTurn): string {
  return sayer(turn).say('bot.unknown', { text: excerpt(turn.text) });
}

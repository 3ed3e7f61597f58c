import { sayer } from '../locale';
import { excerpt } from '../text';
import type { BotTurn } from '../turn';

/** Anything no other route took: a short help, never silence. Tried last. */
export function unknownMessageReply(turn: BotTurn): string {
  return sayer(turn).say('bot.unknown', { text: excerpt(turn.text) });
}

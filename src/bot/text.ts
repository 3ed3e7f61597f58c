import { isDaichoError } from '../errors';

/**
 * What a user typed, bounded. A message's text enters the bot in one place (app.ts normalizes it
 * before any handler runs), and every reply that quotes it quotes an excerpt.
 */

/**
 * The longest message the bot reads, in characters (UTF-16 code units, JavaScript's
 * `length`: a Japanese character is one). A command is one short line — the longest argument
 * the bot uses is a 200-character device filter — so 4,000 is far above any command, yet far
 * below what Teams lets through (~28 KB a message) and the 1 MB the HTTP route accepts. A longer
 * message is answered with `bot.tooLong` and nothing runs: it is a paste by mistake, not a
 * command, and acting on its first part would act on words the user did not mean as a whole.
 * The command patterns are linear-time whatever the length (commands.ts); the cap keeps every
 * other per-message step (a lookup, a reply) small too. docs/security.md documents this value.
 */
export const MAX_MESSAGE_LENGTH = 4000;

/** How much of the user's own words a reply quotes: "No device matches "…"". */
export const EXCERPT_LENGTH = 50;

export interface MessageText {
  /** Cut to MAX_MESSAGE_LENGTH, then trimmed; '' for a message without text. */
  text: string;
  /** The text as received was longer than MAX_MESSAGE_LENGTH. */
  tooLong: boolean;
  /** The length as received (0 without text). */
  length: number;
}

/**
 * A message's text as the handlers read it: cut to the maximum, then trimmed. Anything but a
 * string (a hostile client can send any JSON) is no text.
 */
export function normalizeMessage(raw: unknown): MessageText {
  if (typeof raw !== 'string') return { text: '', tooLong: false, length: 0 };
  return {
    text: cut(raw, MAX_MESSAGE_LENGTH).trim(),
    tooLong: raw.length > MAX_MESSAGE_LENGTH,
    length: raw.length,
  };
}

/**
 * The user's words as a reply quotes them: on one line (each run of whitespace one space), at
 * most `max` characters, then "…" when there was more. Reads no further than it needs, so a
 * huge string costs no more than a short one.
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const chars: string[] = [];
  let gap = false;
  // Code points, not code units: a surrogate pair (an emoji) is never cut in half.
  for (const ch of text) {
    if (WHITESPACE.test(ch)) {
      gap = chars.length > 0;
      continue;
    }
    if (gap) chars.push(' ');
    gap = false;
    chars.push(ch);
    if (chars.length > max) return `${chars.slice(0, max).join('').trimEnd()}…`;
  }
  return chars.join('');
}

/**
 * Waits for `work` (a lookup of what the user typed); if it is refused with a DaichoError, the
 * named message parameters — the user's own words, e.g. `id` in "No person "{id}"" — are cut to
 * an excerpt before the refusal is shown. Other parameters (a list of known codes, a count) stay.
 */
export async function quoting<T>(work: Promise<T>, ...params: string[]): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isDaichoError(e))
      for (const name of params) {
        const value = e.params[name];
        if (typeof value === 'string') e.params[name] = excerpt(value);
      }
    throw e;
  }
}

const WHITESPACE = /^\s$/;

/** The first `max` code units, one less if that would split a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

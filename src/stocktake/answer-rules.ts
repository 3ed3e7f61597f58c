import type { MessageKey } from '../i18n/messages';
import {
  STOCKTAKE_RESULTS,
  type AnswerInput,
  type StocktakeDoc,
  type StocktakeIdentity,
  type StocktakeItemDoc,
  type StocktakeResult,
} from './stocktake-types';

/** The longest note kept with an answer (a card's text box, bounded). */
export const NOTE_MAX = 500;
/** The longest serial number a user may propose. */
export const SERIAL_MAX = 100;

/** Who closed a stocktake that closed itself when its deadline passed. */
export const DEADLINE_CLOSER = 'deadline';

/** Why an answer is refused, as a message the person who pressed reads. */
export interface Refusal {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** Control characters other than line breaks removed, surrounding space trimmed. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

/** Checks an answer as a card or a caller sent it (any JSON); the cleaned input or a refusal. */
export function parseAnswerInput(raw: {
  result?: unknown;
  note?: unknown;
  proposedSerial?: unknown;
}): AnswerInput | Refusal {
  const result = raw.result;
  if (typeof result !== 'string' || !(STOCKTAKE_RESULTS as readonly string[]).includes(result))
    return {
      key: 'stocktake.answer.badResult',
      params: { choices: STOCKTAKE_RESULTS.join(', ') },
    };
  const note = optionalText(raw.note, NOTE_MAX, 'stocktake.answer.noteTooLong');
  if (typeof note === 'object' && note !== null) return note;
  const serial = optionalText(raw.proposedSerial, SERIAL_MAX, 'stocktake.answer.serialTooLong');
  if (typeof serial === 'object' && serial !== null) return serial;
  if (serial !== null && /[\r\n]/.test(serial))
    return { key: 'stocktake.answer.serialTooLong', params: { max: SERIAL_MAX } };
  return { result: result as StocktakeResult, note, proposedSerial: serial };
}

function optionalText(v: unknown, max: number, tooLong: MessageKey): string | null | Refusal {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return { key: 'stocktake.answer.notText', params: {} };
  const s = clean(v);
  if (s.length > max) return { key: tooLong, params: { max } };
  return s === '' ? null : s;
}

export function isRefusal(v: unknown): v is Refusal {
  return typeof v === 'object' && v !== null && 'key' in v;
}

/** Whether the stocktake takes answers at `now`: open and not past its deadline. */
export function stocktakeRefusal(stocktake: StocktakeDoc, now: Date): Refusal | null {
  // Closed by its deadline (on the first look after it): said as the deadline it is.
  const byDeadline = stocktake.status !== 'open' && stocktake.closedBy === DEADLINE_CLOSER;
  if (stocktake.status !== 'open' && !byDeadline)
    return { key: 'stocktake.answer.closed', params: { id: stocktake._id } };
  if (byDeadline || now.getTime() > stocktake.deadline.getTime())
    return {
      key: 'stocktake.answer.pastDeadline',
      params: { id: stocktake._id, deadline: stocktake.deadlineDay },
    };
  return null;
}

/** Only the asked user (by principal name or Entra object id) or an admin answers for a device. */
export function isAskedUser(item: StocktakeItemDoc, who: StocktakeIdentity): boolean {
  const upn = who.upn?.trim().toLowerCase();
  const aad = who.aadObjectId?.trim().toLowerCase();
  if (item.upn && upn && item.upn === upn) return true;
  return !!item.aadObjectId && !!aad && item.aadObjectId.toLowerCase() === aad;
}

/**
 * The rules of an answer, before anything is written: the stocktake takes answers, the person
 * may answer for the device, the device is one that was asked (not on the admin's list). The
 * device's current 利用者 is checked by the ledger as it records the answer.
 */
export function answerRefusal(
  stocktake: StocktakeDoc,
  item: StocktakeItemDoc,
  who: StocktakeIdentity,
  now: Date,
): Refusal | null {
  const closed = stocktakeRefusal(stocktake, now);
  if (closed) return closed;
  if (!who.admin && !isAskedUser(item, who))
    return { key: 'stocktake.answer.notYours', params: { assetNumber: item.assetNumber } };
  if (item.state === 'changedHands')
    return { key: 'stocktake.answer.changedHands', params: { assetNumber: item.assetNumber } };
  if (item.state === 'unreachable' && !who.admin)
    return { key: 'stocktake.answer.notYours', params: { assetNumber: item.assetNumber } };
  return null;
}

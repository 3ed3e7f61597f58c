import { z } from 'zod';

/**
 * What the stocktake cards' buttons send back (stocktake-start.ts, stocktake-ask.ts,
 * stocktake-progress.ts), checked again by the routes of src/bot/handlers/stocktake*.ts: a card's
 * data is whatever the client sends.
 */

/** A typed scope value: text, cut; anything else is no value. */
const SCOPE_TEXT = z
  .unknown()
  .transform((v) => (typeof v === 'string' ? v.trim().slice(0, 200) : ''))
  .catch('');

/**
 * The start card's inputs (and the preview's start button): the device list's filters and the
 * deadline day. Read loosely; the route checks the filters like a typed device query and the
 * service checks the deadline.
 */
export const STOCKTAKE_SCOPE = z
  .object({
    status: SCOPE_TEXT,
    source: SCOPE_TEXT,
    deviceType: SCOPE_TEXT,
    user: SCOPE_TEXT,
    deadline: SCOPE_TEXT,
  })
  .partial()
  .passthrough()
  .catch({});
export type StocktakeScopePayload = z.infer<typeof STOCKTAKE_SCOPE>;

/** A stocktake id as the service makes them (ST-YYYYMMDD-N). */
export const STOCKTAKE_ID = z.string().regex(/^ST-\d{8}-\d{1,6}$/);
export const STOCKTAKE_REF = z.object({ stocktakeId: STOCKTAKE_ID }).passthrough();
export type StocktakeRefPayload = z.infer<typeof STOCKTAKE_REF>;

/** The most devices one ask card lists (more are asked on a second card). */
export const ASK_CARD_MAX_DEVICES = 20;

/** One item of a stocktake (a MongoDB ObjectId in hex). */
export const ITEM_ID = z.string().regex(/^[0-9a-f]{24}$/);

/**
 * The ask card's Send: the items it lists, and per item the inputs `r_<id>` (the answer),
 * `n_<id>` (a note) and `s_<id>` (a serial correction), merged in by Teams. The inputs are read
 * by `answerInputs` and checked by the service (StocktakeService.answer).
 */
export const STOCKTAKE_ANSWER = z
  .object({
    stocktakeId: STOCKTAKE_ID,
    items: z.array(ITEM_ID).min(1).max(ASK_CARD_MAX_DEVICES),
  })
  .passthrough();
export type StocktakeAnswerPayload = z.infer<typeof STOCKTAKE_ANSWER>;

/** The input ids of one item on the ask card. */
export function askInputIds(itemId: string): { result: string; note: string; serial: string } {
  return { result: `r_${itemId}`, note: `n_${itemId}`, serial: `s_${itemId}` };
}

/** One item's answer as the card sent it: raw values, checked by the service. */
export function answerInputs(
  payload: Record<string, unknown>,
  itemId: string,
): { result: unknown; note: unknown; proposedSerial: unknown } | null {
  const ids = askInputIds(itemId);
  const result = payload[ids.result];
  // Nothing chosen for this device: it is not answered by this press.
  if (result === undefined || result === null || result === '') return null;
  return { result, note: payload[ids.note], proposedSerial: payload[ids.serial] };
}

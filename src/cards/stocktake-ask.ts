import { t, type Locale } from '../i18n/messages';
import { tokyoDateTime } from '../stocktake/deadline';
import {
  STOCKTAKE_RESULTS,
  type StocktakeDoc,
  type StocktakeItemDoc,
} from '../stocktake/stocktake-types';
import { clip, fieldLabel, show } from './format';
import { ASK_CARD_MAX_DEVICES, askInputIds } from './stocktake-payloads';

/** One device on the ask card, with its inputs (ids per item) and the answer recorded so far. */
export interface AskDevice {
  heading: string;
  serialLine: string;
  recorded: string;
  resultId: string;
  noteId: string;
  serialId: string;
  result: string;
  note: string;
  serial: string;
}

export interface StocktakeAskCardData {
  title: string;
  intro: string;
  /** Whose devices, when it is not the reader's own (an admin answering for someone). */
  forUser: string;
  /** What the last press did (recorded, or why not); '' on the card as sent. */
  notice: string;
  noticeColor: 'Good' | 'Attention' | 'Default';
  devices: AskDevice[];
  results: { title: string; value: string }[];
  stocktakeId: string;
  items: string[];
  /** False once the stocktake is closed: the card shows the answers without a Send button. */
  canAnswer: boolean;
  labels: { answer: string; choose: string; note: string; serial: string; send: string };
}

export interface AskCardOptions {
  notice?: string;
  noticeColor?: StocktakeAskCardData['noticeColor'];
  forUser?: string;
  canAnswer?: boolean;
}

/**
 * The card a user gets in their chat with the bot: their devices (asset number, model, serial),
 * each with 手元にある / 自分のではない / 紛失 / 故障, a note and a serial correction, one Send.
 * The answers recorded so far are the inputs' values, so an answer can be changed until the
 * deadline. At most ASK_CARD_MAX_DEVICES devices (the sender splits longer lists).
 */
export function stocktakeAskCardData(
  stocktake: Pick<StocktakeDoc, '_id' | 'deadlineDay'>,
  items: StocktakeItemDoc[],
  locale: Locale,
  options: AskCardOptions = {},
): StocktakeAskCardData {
  const shown = items.slice(0, ASK_CARD_MAX_DEVICES);
  return {
    title: t(locale, 'card.stocktake.ask.title'),
    intro: t(locale, 'card.stocktake.ask.intro', {
      deadline: t(locale, 'card.stocktake.deadlineValue', { deadline: stocktake.deadlineDay }),
    }),
    forUser: options.forUser
      ? t(locale, 'card.stocktake.ask.forUser', { user: clip(options.forUser, 60) })
      : '',
    notice: options.notice ?? '',
    noticeColor: options.noticeColor ?? 'Default',
    devices: shown.map((item) => askDevice(item, locale)),
    results: STOCKTAKE_RESULTS.map((r) => ({
      title: t(locale, `stocktake.result.${r}`),
      value: r,
    })),
    stocktakeId: stocktake._id,
    items: shown.map((i) => i._id.toHexString()),
    canAnswer: options.canAnswer ?? true,
    labels: {
      answer: t(locale, 'card.stocktake.ask.answer'),
      choose: t(locale, 'card.stocktake.ask.choose'),
      note: t(locale, 'card.stocktake.ask.note'),
      serial: t(locale, 'card.stocktake.ask.serial'),
      send: t(locale, 'card.stocktake.ask.send'),
    },
  };
}

function askDevice(item: StocktakeItemDoc, locale: Locale): AskDevice {
  const ids = askInputIds(item._id.toHexString());
  const a = item.answer;
  const model = item.model ? ` · ${clip(item.model, 60)}` : '';
  return {
    heading: `${clip(item.assetNumber, 40)}${model}`,
    serialLine: `${fieldLabel('serialNumber', locale)}: ${show(item.serialNumber, locale, 60)}`,
    recorded: a
      ? t(locale, 'card.stocktake.ask.recorded', {
          result: t(locale, `stocktake.result.${a.result}`),
          at: tokyoDateTime(a.at),
        })
      : '',
    resultId: ids.result,
    noteId: ids.note,
    serialId: ids.serial,
    result: a?.result ?? '',
    note: a?.note ?? '',
    serial:
      item.proposedSerial && !item.proposedSerial.acceptedAt ? item.proposedSerial.serial : '',
  };
}

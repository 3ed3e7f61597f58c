import { setMaxListeners } from 'node:events';
import type { ObjectId } from 'mongodb';
import type { ConversationStore } from '../conversations/conversation-store';
import { stocktakeAskCardData } from '../cards/stocktake-ask';
import { ASK_CARD_MAX_DEVICES } from '../cards/stocktake-payloads';
import { stocktakeProgressCardData } from '../cards/stocktake-progress';
import { renderCard } from '../cards/render';
import { t, type Locale } from '../i18n/messages';
import type { Logger } from '../log';
import { cardActivity } from '../notify/cards';
import type { Sender } from '../notify/sender';
import type { StocktakeService } from '../stocktake/stocktake-service';
import type { StocktakeItemDoc } from '../stocktake/stocktake-types';

/** How many users' cards are on their way at once (the rate limiter paces the requests). */
const SEND_CONCURRENCY = 50;
/**
 * Sent cards are marked asked in one write per this many items, or this long after the first
 * unwritten one, whichever comes first. One write per user held the sending to the database's
 * pace (~17 cards a second for 2,000 users on the emulator, against Teams' 50). A restart waits
 * for the last write (`stop`); a crash can lose the marks not written yet, and those users are
 * asked again: at most MAX_UNRECORDED items (about two seconds of sending at Teams' pace) are
 * sent and not yet recorded, and sending waits when the database falls that far behind.
 */
const MARK_BATCH = 100;
const MARK_EVERY_MS = 200;
const MAX_UNRECORDED = 200;

export interface AskCounts {
  /** Users sent every card they were due. */
  sent: number;
  /** Users not reached this time (no chat with the bot any more, Teams refused, rate limit). */
  failed: number;
}

/**
 * The stocktake's proactive cards: the ask cards in the users' personal chats, and the admin's
 * progress card updated in place. One place for sending, so reminders and a restart reuse it.
 */
export interface StocktakeCards {
  /**
   * Sends the ask card to every user of the open stocktake not asked yet, and marks their items
   * asked once Teams took the card: a user is asked once, also across restarts (run it again
   * after one: only those not asked yet get a card).
   */
  sendAsks(): Promise<AskCounts>;
  /** Replaces the progress card with the current counts (updates coalesce: the latest wins). */
  updateProgress(stocktakeId: string, sent?: AskCounts): Promise<void>;
  /**
   * Stops sending (before a restart): cards waiting for a rate-limit slot are not sent, those
   * already on their way finish and are marked asked; resolves once that is written.
   */
  stop(): Promise<void>;
}

export interface StocktakeCardsOptions {
  stocktakes: StocktakeService;
  conversations: ConversationStore;
  /** The notifier's sender: alert, workflow and stocktake cards count against one limit. */
  sender: Pick<Sender, 'send' | 'update'>;
  /** The language of the ask cards where the chat has none of its own. */
  locale: Locale;
  log: Logger;
}

export function stocktakeCards(o: StocktakeCardsOptions): StocktakeCards {
  const running = new Map<string, { again: boolean; done: Promise<void> }>();
  const updateProgress = (stocktakeId: string, sent?: AskCounts): Promise<void> => {
    const pending = running.get(stocktakeId);
    if (pending && !sent) {
      pending.again = true;
      return pending.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await updateOnce(o, stocktakeId, sent);
        } while (state.again);
      } catch (e) {
        o.log.warn({ err: e, stocktakeId }, 'stocktake progress card not updated');
      } finally {
        if (running.get(stocktakeId) === state) running.delete(stocktakeId);
      }
    })();
    running.set(stocktakeId, state);
    return state.done;
  };
  // One send at a time in this process: the start's and the schedule's would ask users twice.
  let sending: Promise<AskCounts> | null = null;
  const stopping = new AbortController();
  // Every card waiting for a rate-limit slot listens to it (SEND_CONCURRENCY of them).
  setMaxListeners(0, stopping.signal);
  const sendOnce = () => {
    if (stopping.signal.aborted) return Promise.resolve({ sent: 0, failed: 0 });
    sending ??= sendAsks(o, stopping.signal).finally(() => (sending = null));
    return sending;
  };
  const stop = async () => {
    stopping.abort();
    await sending?.catch(() => undefined);
  };
  return { sendAsks: sendOnce, updateProgress, stop };
}

async function updateOnce(
  o: StocktakeCardsOptions,
  stocktakeId: string,
  sent: AskCounts | undefined,
): Promise<void> {
  const status = await o.stocktakes.status(stocktakeId);
  const ref = status.stocktake.progressCard;
  if (!ref) return;
  const [conversation] = await o.conversations.withIds([ref.conversationId]);
  if (!conversation) return;
  const card = renderCard(
    'stocktake-progress',
    stocktakeProgressCardData(status, ref.locale, sent),
  );
  const result = await o.sender.update(
    {
      conversationId: conversation._id,
      tenantId: conversation.tenantId,
      reference: conversation.reference,
    },
    ref.activityId,
    cardActivity(card, t(ref.locale, 'stocktake.bot.progressSummary', { id: stocktakeId })),
  );
  if (!result.ok) o.log.warn({ stocktakeId, ...result }, 'stocktake progress card not updated');
}

/** The items to ask, by user (Entra object id, lower case). */
function byUser(items: StocktakeItemDoc[]): Map<string, StocktakeItemDoc[]> {
  const users = new Map<string, StocktakeItemDoc[]>();
  for (const item of items) {
    const key = item.aadObjectId?.toLowerCase();
    if (!key) continue; // reachable users have one; a later sync may have removed it
    users.set(key, [...(users.get(key) ?? []), item]);
  }
  return users;
}

/** Marks sent items asked in batches (MARK_BATCH, MARK_EVERY_MS), one write at a time. */
function askedMarks(o: StocktakeCardsOptions) {
  let pending: ObjectId[] = [];
  let unrecorded = 0;
  let timer: NodeJS.Timeout | null = null;
  let writing = Promise.resolve();
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return writing;
    const ids = pending;
    pending = [];
    writing = writing
      .then(() => o.stocktakes.markAsked(ids))
      // Not marked: those users are asked again on the next round, the only way to lose nothing.
      .catch((e: unknown) => o.log.error({ err: e, items: ids.length }, 'asked not recorded'))
      .finally(() => (unrecorded -= ids.length));
    return writing;
  };
  /** Resolves at once, or once written when the database is MAX_UNRECORDED items behind. */
  const add = (ids: ObjectId[]): Promise<void> => {
    pending.push(...ids);
    unrecorded += ids.length;
    if (unrecorded >= MAX_UNRECORDED) return flush();
    if (pending.length >= MARK_BATCH) void flush();
    else timer ??= setTimeout(() => void flush(), MARK_EVERY_MS);
    return Promise.resolve();
  };
  return { add, flush };
}

async function sendAsks(o: StocktakeCardsOptions, signal: AbortSignal): Promise<AskCounts> {
  const counts: AskCounts = { sent: 0, failed: 0 };
  // Users on the admin's list who now have a chat (installed for them, or opened it) are asked.
  await o.stocktakes.markReachable(await o.conversations.personalUserIds());
  const items = await o.stocktakes.listToAsk();
  if (items.length === 0) return counts;
  const stocktake = await o.stocktakes.find(items[0].stocktakeId);
  const users = byUser(items);
  const chats = await o.conversations.personalChatsOf(users.keys());
  const queue = [...users.entries()];
  const marks = askedMarks(o);
  const worker = async () => {
    for (let next = queue.shift(); next && !signal.aborted; next = queue.shift()) {
      const [userId, theirs] = next;
      const chat = chats.get(userId);
      const ok = chat ? await askOne(o, { stocktake, chat, items: theirs, marks, signal }) : false;
      if (ok) counts.sent++;
      else counts.failed++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, worker));
  } finally {
    await marks.flush();
  }
  if (counts.failed > 0)
    o.log.warn({ stocktakeId: stocktake._id, ...counts }, 'stocktake asks not all sent');
  return counts;
}

interface Ask {
  stocktake: Parameters<typeof stocktakeAskCardData>[0];
  chat: Awaited<ReturnType<ConversationStore['withIds']>>[number];
  items: StocktakeItemDoc[];
  marks: ReturnType<typeof askedMarks>;
  signal: AbortSignal;
}

/** One user's card (or cards, past ASK_CARD_MAX_DEVICES devices); true when all were sent. */
async function askOne(
  o: StocktakeCardsOptions,
  { stocktake, chat, items, marks, signal }: Ask,
): Promise<boolean> {
  const locale = chat.locale ?? o.locale;
  const target = { conversationId: chat._id, tenantId: chat.tenantId, reference: chat.reference };
  for (let i = 0; i < items.length; i += ASK_CARD_MAX_DEVICES) {
    const chunk = items.slice(i, i + ASK_CARD_MAX_DEVICES);
    const card = renderCard('stocktake-ask', stocktakeAskCardData(stocktake, chunk, locale));
    const summary = t(locale, 'card.stocktake.ask.summary', { deadline: stocktake.deadlineDay });
    const result = await o.sender.send(target, cardActivity(card, summary), signal);
    if (!result.ok) {
      // Stopping (a restart): the card goes after it, nothing to warn about.
      if (!signal.aborted)
        o.log.warn(
          { stocktakeId: stocktake._id, conversationId: chat._id, ...result },
          'stocktake ask not sent',
        );
      return false;
    }
    await marks.add(chunk.map((c) => c._id));
  }
  return true;
}

import type { ConversationDoc, ConversationStore } from '../conversations/conversation-store';
import { stocktakeAskCardData } from '../cards/stocktake-ask';
import { ASK_CARD_MAX_DEVICES } from '../cards/stocktake-payloads';
import { renderCard } from '../cards/render';
import { t, type Locale } from '../i18n/messages';
import type { Logger } from '../log';
import { cardActivity } from '../notify/cards';
import type { Sender, SendResult } from '../notify/sender';
import { DEADLINE_CLOSER } from '../stocktake/answer-rules';
import type {
  DueReminder,
  ReminderWindow,
  StocktakeFollowUp,
} from '../stocktake/stocktake-follow-up';
import type { StocktakeService } from '../stocktake/stocktake-service';
import type { StocktakeDoc } from '../stocktake/stocktake-types';
import type { StocktakeCards } from './stocktake-cards';

/** How many users' reminders are on their way at once (the rate limiter paces the requests). */
const SEND_CONCURRENCY = 50;

export interface ReminderCounts {
  due: number;
  sent: number;
  /** Reminded in the last day already (another process, a restart), or no chat with the bot. */
  skipped: number;
  failed: number;
}

export interface StocktakeFollowOptions {
  followUp: StocktakeFollowUp;
  stocktakes: Pick<StocktakeService, 'find' | 'status'>;
  conversations: Pick<ConversationStore, 'withIds' | 'personalChatsOf'>;
  cards: Pick<StocktakeCards, 'updateProgress'>;
  /** The notifier's sender: every proactive message counts against one limit. */
  sender: Pick<Sender, 'send'>;
  /** The language of reminders where the chat has none of its own. */
  locale: Locale;
  log: Logger;
  /** When reminders may go out (default: weekdays 9:00–18:00 Japan time). */
  window?: ReminderWindow;
}

/**
 * The stocktake's follow-up in Teams, run by the schedule: the deadline closes the stocktake,
 * a close (deadline, CLI, card) shows on the admin's progress card, the admin is told of a
 * deadline close in one message, and users who have not answered get their ask card again.
 */
export interface StocktakeFollow {
  /** Closes an overdue stocktake and shows every close not shown yet; how many were shown. */
  showCloses(): Promise<number>;
  /** One reminder per user due (at most one a day each, only within the reminder window). */
  sendReminders(): Promise<ReminderCounts>;
}

const targetOf = (c: ConversationDoc) => ({
  conversationId: c._id,
  tenantId: c.tenantId,
  reference: c.reference,
});

export function stocktakeFollow(o: StocktakeFollowOptions): StocktakeFollow {
  return {
    async showCloses() {
      await o.followUp.closeOverdue();
      const closed = await o.followUp.claimClosesToShow();
      for (const s of closed) await showClose(o, s);
      return closed.length;
    },
    sendReminders: () => sendReminders(o),
  };
}

/** The progress card shows the close; a deadline close is also told in one message. */
async function showClose(o: StocktakeFollowOptions, s: StocktakeDoc): Promise<void> {
  await o.cards.updateProgress(s._id);
  const ref = s.progressCard;
  if (!ref || s.closedBy !== DEADLINE_CLOSER) return;
  const [conversation] = await o.conversations.withIds([ref.conversationId]);
  if (!conversation) return; // the bot was removed from there: nobody to tell
  const { counts } = await o.stocktakes.status(s._id);
  const text = t(ref.locale, 'stocktake.bot.deadlineClosed', {
    id: s._id,
    deadline: s.deadlineDay,
    total: counts.total,
    answered: counts.answered,
    pending: counts.pending,
    problems: counts.problems,
  });
  const result = await o.sender.send(targetOf(conversation), { type: 'message', text });
  if (result.ok) return;
  o.log.warn({ stocktakeId: s._id, ...result }, 'stocktake close not told');
  // Teams may take it later: the next check shows the close again (the card update is the same).
  if (result.kind !== 'permanent') await o.followUp.showFailed(s);
}

async function sendReminders(o: StocktakeFollowOptions): Promise<ReminderCounts> {
  const counts: ReminderCounts = { due: 0, sent: 0, skipped: 0, failed: 0 };
  const due = await o.followUp.dueReminders(o.window);
  if (!due) return counts;
  counts.due = due.users.length;
  const stocktake = await o.stocktakes.find(due.stocktakeId);
  if (stocktake.status !== 'open') return counts;
  const chats = await o.conversations.personalChatsOf(due.users.map((u) => u.user));
  const queue = [...due.users];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const outcome = await remindOne(o, stocktake, chats.get(next.user), next);
      counts[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, worker));
  if (counts.due > 0) o.log.info({ stocktakeId: stocktake._id, ...counts }, 'stocktake reminders');
  return counts;
}

/** One user's reminder: claimed first (once a day), their unanswered devices' ask card again. */
async function remindOne(
  o: StocktakeFollowOptions,
  stocktake: StocktakeDoc,
  chat: ConversationDoc | undefined,
  due: DueReminder,
): Promise<'sent' | 'skipped' | 'failed'> {
  if (!chat) return 'skipped'; // they removed the bot; the progress card counts them as not yet
  const claimedAt = await o.followUp.claimReminder(stocktake._id, due.user);
  if (!claimedAt) return 'skipped';
  const locale = chat.locale ?? o.locale;
  const notice = t(locale, 'card.stocktake.ask.reminder', {
    count: due.items.length,
    deadline: stocktake.deadlineDay,
  });
  const summary = t(locale, 'card.stocktake.ask.reminderSummary', {
    deadline: stocktake.deadlineDay,
  });
  for (let i = 0; i < due.items.length; i += ASK_CARD_MAX_DEVICES) {
    const chunk = due.items.slice(i, i + ASK_CARD_MAX_DEVICES);
    const card = renderCard(
      'stocktake-ask',
      stocktakeAskCardData(stocktake, chunk, locale, { notice, noticeColor: 'Attention' }),
    );
    const result: SendResult = await o.sender.send(targetOf(chat), cardActivity(card, summary));
    if (!result.ok) {
      o.log.warn(
        { stocktakeId: stocktake._id, conversationId: chat._id, ...result },
        'stocktake reminder not sent',
      );
      // Nothing reached them: the next check tries again. Teams refused (the bot was removed):
      // tomorrow. Part of it reached them: that was today's reminder.
      if (i === 0 && result.kind !== 'permanent')
        await o.followUp.releaseReminder(stocktake._id, due.user, claimedAt);
      return 'failed';
    }
    await o.followUp.markReminded(chunk, claimedAt);
  }
  return 'sent';
}

/**
 * The stocktake's schedule, now and every `intervalMs`: closes (the deadline's, and showing
 * others'), then the ask cards due (a stocktake started from the CLI, a send a restart
 * interrupted), then reminders. One run at a time; a run still going when the next is due is
 * not doubled.
 */
export function startStocktakeSchedule(
  cards: Pick<StocktakeCards, 'sendAsks'>,
  follow: StocktakeFollow | undefined,
  intervalMs: number,
  log: Logger,
  installs?: Pick<StocktakeService, 'installForUnreachable'>,
): { stop(): void; run(): Promise<void> } {
  let running: Promise<void> | null = null;
  const step = async (what: string, f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      log.error({ err: e }, `stocktake ${what} failed`);
    }
  };
  const once = async () => {
    if (follow) await step('close', () => follow.showCloses());
    await step('asks', () => cards.sendAsks());
    // Installs the bot through Graph for users without a chat (when configured); Teams then tells
    // the bot, and they are asked — at once if Teams was quicker than Graph's answer.
    if (installs)
      await step('installs', async () => {
        const counts = await installs.installForUnreachable();
        if (counts.installed + counts.refused + counts.failed > 0)
          log.info(counts, 'stocktake: bot installed for users without a chat');
        if (counts.installed > 0) await cards.sendAsks();
      });
    if (follow) await step('reminders', () => follow.sendReminders());
  };
  const run = () => (running ??= once().finally(() => (running = null)));
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), run };
}

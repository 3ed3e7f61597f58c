import { DEADLINE_CLOSER } from './answer-rules';
import { TOKYO_OFFSET_MS } from './deadline';
import type { StocktakeService } from './stocktake-service';
import type { StocktakeStore } from './stocktake-store';
import type { StocktakeDoc, StocktakeItemDoc } from './stocktake-types';

/**
 * When reminders go out: weekdays (Monday to Friday) from 9:00 to 18:00 Japan time — nobody is
 * reminded at night or at the weekend. Japanese public holidays are not known to Daicho.
 */
export const REMINDER_WINDOW = { days: [1, 2, 3, 4, 5], fromHour: 9, toHour: 18 } as const;
export type ReminderWindow = { days: readonly number[]; fromHour: number; toHour: number };

/** A user is reminded at most once in this long (a day). */
export const REMIND_EVERY_MS = 24 * 3600_000;
/** Closes older than this are not shown again (a server that was down for long stays quiet). */
const SHOW_CLOSES_WITHIN_MS = 7 * 24 * 3600_000;

/** Whether `at` lies in the reminder window (Asia/Tokyo, which has no daylight saving time). */
export function inReminderWindow(at: Date, w: ReminderWindow = REMINDER_WINDOW): boolean {
  const tokyo = new Date(at.getTime() + TOKYO_OFFSET_MS);
  const hour = tokyo.getUTCHours();
  return w.days.includes(tokyo.getUTCDay()) && hour >= w.fromHour && hour < w.toHour;
}

/** One user due a reminder: every device of theirs asked and not answered yet. */
export interface DueReminder {
  /** Their Entra object id, lower case (the personal chat's key). */
  user: string;
  items: StocktakeItemDoc[];
}

export interface FollowUpDeps {
  store: StocktakeStore;
  stocktakes: Pick<StocktakeService, 'listPending' | 'markReminded'>;
  now?: () => Date;
}

/**
 * What the Teams side does without anyone pressing: close a stocktake whose deadline passed,
 * show closes on the admin's progress card, and remind users who have not answered — once a
 * day each at most, claimed in the database first, so neither a restart nor a second process
 * sends one twice.
 */
export class StocktakeFollowUp {
  private readonly now: () => Date;

  constructor(private readonly deps: FollowUpDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Closes the open stocktake when its deadline has passed (closed by 'deadline'); or null. */
  async closeOverdue(): Promise<StocktakeDoc | null> {
    const open = await this.deps.store.open();
    const now = this.now();
    if (!open || now.getTime() <= open.deadline.getTime()) return null;
    return this.deps.store.close(open._id, DEADLINE_CLOSER, now);
  }

  /**
   * Closed stocktakes (by the deadline, the CLI, a card) whose progress card does not show the
   * close yet, each claimed for this caller; `showFailed` gives a claim back.
   */
  async claimClosesToShow(): Promise<StocktakeDoc[]> {
    const now = this.now();
    const closed = await this.deps.store.closedNotShown(
      new Date(now.getTime() - SHOW_CLOSES_WITHIN_MS),
    );
    const claimed: StocktakeDoc[] = [];
    for (const s of closed)
      if (await this.deps.store.claimCloseShown(s._id, now))
        claimed.push({ ...s, closeShownAt: now });
    return claimed;
  }

  async showFailed(s: StocktakeDoc): Promise<void> {
    if (s.closeShownAt) await this.deps.store.releaseCloseShown(s._id, s.closeShownAt);
  }

  /** The users due a reminder now (none outside `window`), with the open stocktake. */
  async dueReminders(
    window: ReminderWindow = REMINDER_WINDOW,
  ): Promise<{ stocktakeId: string; users: DueReminder[] } | null> {
    if (!inReminderWindow(this.now(), window)) return null;
    const pending = await this.deps.stocktakes.listPending();
    if (pending.length === 0) return null;
    const stocktakeId = pending[0].stocktakeId;
    const due = new Set(
      pending.flatMap((i) => (i.aadObjectId ? [i.aadObjectId.toLowerCase()] : [])),
    );
    // Every device of theirs not answered yet, also those asked a little later (a second card).
    const open = await this.deps.store.items(stocktakeId, {
      state: 'toAsk',
      askedAt: { $ne: null },
    });
    const users = new Map<string, StocktakeItemDoc[]>();
    for (const item of open) {
      const user = item.aadObjectId?.toLowerCase();
      if (user && due.has(user)) users.set(user, [...(users.get(user) ?? []), item]);
    }
    return { stocktakeId, users: [...users].map(([user, items]) => ({ user, items })) };
  }

  /** Claims today's reminder for this user: false when it was sent (or claimed) in the last day. */
  async claimReminder(stocktakeId: string, user: string): Promise<Date | null> {
    const now = this.now();
    const before = new Date(now.getTime() - REMIND_EVERY_MS);
    return (await this.deps.store.claimReminder(stocktakeId, user, now, before)) ? now : null;
  }

  /** After a send that failed for a reason that may pass: the next check tries again. */
  releaseReminder(stocktakeId: string, user: string, claimedAt: Date): Promise<void> {
    return this.deps.store.releaseReminder(stocktakeId, user, claimedAt);
  }

  /** Records the reminder on the devices it was about. */
  markReminded(items: StocktakeItemDoc[], at: Date): Promise<void> {
    return this.deps.stocktakes.markReminded(
      items.map((i) => i._id),
      at,
    );
  }
}

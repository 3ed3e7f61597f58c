import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import { runCycle, type CycleCounts, type NotifierState } from './cycle';
import type { NotifierOptions } from './notifier-options';
import { DEFAULT_OUTBOX_POLICY } from './plan';
import { RateLimiter, TEAMS_LIMITS } from './rate-limit';
import { Sender } from './sender';
import { updateAlertCards, type RenderForLocale, type UpdateCounts } from './update';

// The options and the cycle live in their own modules; callers keep importing from here.
export type { CycleCounts } from './cycle';
export type { NotifierOptions } from './notifier-options';

export interface Notifier {
  runOnce(): Promise<CycleCounts>;
  stop(): Promise<void>;
  /** Updates every alert card of the alert in place (e.g. once someone resolved it). */
  updateAlertCards(alertId: string, render: RenderForLocale): Promise<UpdateCounts>;
}

/**
 * Sends the alerts outbox to the conversations chosen as alert channels. Each cycle claims a
 * batch, plans the messages per conversation, sends every conversation's messages in order and
 * the conversations side by side (each has its own Teams limit), and settles each alert once
 * all its conversations have answered.
 */
export function startNotifier(o: NotifierOptions): Notifier {
  const s = notifierState(o);
  const { runOnce, stop } = startCycles(s, o.intervalMs ?? 10_000);
  return {
    runOnce,
    stop,
    updateAlertCards: (alertId, render) =>
      updateAlertCards(
        { ...o, sender: s.sender, log: s.log, locale: o.locale ?? 'ja' },
        alertId,
        render,
      ),
  };
}

/** The options with their defaults, and the shared sender and abort signal. */
function notifierState(o: NotifierOptions): NotifierState {
  const mode = o.mode ?? 'each';
  const limiter = o.limiter ?? new RateLimiter(o.limits ?? TEAMS_LIMITS, o.clock);
  const abort = new AbortController();
  // Every send of a batch (one per alert channel at a time, and their retry sleeps) listens to
  // this one signal, to stop at once; Node's default of 10 listeners would warn for nothing.
  setMaxListeners(0, abort.signal);
  return {
    deviceReads: o.deviceReads,
    conversations: o.conversations,
    alerts: o.alerts,
    log: o.log,
    mode,
    digestThreshold: o.digestThreshold ?? 5,
    locale: o.locale ?? 'ja',
    // A digest is one message however many alerts it holds, so it can take more per cycle.
    batchSize: o.batchSize ?? (mode === 'digest' ? 1_000 : 100),
    claimMs: o.claimMs ?? 120_000,
    policy: { ...DEFAULT_OUTBOX_POLICY, ...o.outbox },
    owner: o.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    sender: o.sender ?? new Sender({ ...o, limiter, maxWaitMs: o.maxWaitMs ?? 60_000 }),
    random: o.random,
    abort,
    warnedNoChannel: false,
  };
}

/**
 * Runs the cycles one at a time, whether the timer or runOnce() asks, and stops them: stop()
 * waits for the cycle under way, so the caller can close the database after it.
 */
function startCycles(s: NotifierState, intervalMs: number): Pick<Notifier, 'runOnce' | 'stop'> {
  const { log, abort } = s;
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<CycleCounts> => {
    const next = running.then(() => runCycle(s));
    running = next.catch(() => undefined);
    return next;
  };

  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    let full = false;
    try {
      const counts = await runOnce();
      if (counts.claimed > 0) log.info({ ...counts, mode: s.mode }, 'notifier cycle');
      // A full batch means a backlog: go on at once rather than after a pause.
      full = counts.claimed >= s.batchSize;
    } catch (err) {
      log.error({ err }, 'notifier cycle failed');
    }
    if (!abort.signal.aborted) timer = setTimeout(() => void tick(), full ? 0 : intervalMs);
  };
  if (intervalMs > 0) timer = setTimeout(() => void tick(), 0);

  return {
    runOnce,
    async stop() {
      // Sends in flight give their alerts back (deferred), so nothing waits for a claim expiry.
      abort.abort();
      clearTimeout(timer);
      await running;
    },
  };
}

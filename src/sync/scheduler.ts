import { Cron } from 'croner';
import type { SyncSchedule } from '../config/config';
import type { Logger } from '../log';

/**
 * Runs the scheduled sync on an interval or a cron expression (croner: a small, maintained cron
 * library with no dependencies). One run at a time in this process; the lease in MongoDB keeps
 * other processes out.
 */
export function startScheduler(
  schedule: SyncSchedule,
  job: () => Promise<void>,
  log: Logger,
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (e) {
      log.error({ err: e }, 'scheduled sync failed');
    } finally {
      running = false;
    }
  };
  if (schedule.kind === 'off') return { stop: () => undefined };
  if (schedule.kind === 'interval') {
    const timer = setInterval(() => void tick(), schedule.ms);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
  const cron = new Cron(schedule.expression, { protect: true, unref: true }, () => void tick());
  return { stop: () => cron.stop() };
}

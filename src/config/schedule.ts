import { Cron } from 'croner';

/** When the scheduled sync runs: never, every n minutes/hours, or on a cron expression. */
export type SyncSchedule =
  { kind: 'off' } | { kind: 'interval'; ms: number } | { kind: 'cron'; expression: string };

/** "off", "every 90m" / "every 6h", or a 5- or 6-field cron expression (checked by croner at start). */
export function parseSchedule(text: string): SyncSchedule | null {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'none') return { kind: 'off' };
  const every = /^every\s+(\d+)\s*(m|min|minutes?|h|hours?)$/.exec(t);
  if (every) {
    const n = Number(every[1]);
    if (n <= 0) return null;
    return { kind: 'interval', ms: n * (every[2].startsWith('h') ? 3600_000 : 60_000) };
  }
  return validCron(text.trim()) ? { kind: 'cron', expression: text.trim() } : null;
}

/**
 * True when croner accepts the expression. It lives with the configuration, not the scheduler,
 * because the config checks it once at start and must not depend on the sync feature.
 */
export function validCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

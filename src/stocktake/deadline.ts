/** Deadlines are whole days in Japan: a stocktake is open until the end of its deadline day. */
export const STOCKTAKE_TIME_ZONE = 'Asia/Tokyo';
/** Japan has no daylight saving time: its offset is always +09:00. */
export const TOKYO_OFFSET_MS = 9 * 3600_000;

/** The end (23:59:59.999 Asia/Tokyo) of a YYYY-MM-DD day, or null for no such day. */
export function endOfTokyoDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return null;
  return new Date(utc + 86_400_000 - 1 - TOKYO_OFFSET_MS);
}

/** The YYYYMMDD of a moment in Asia/Tokyo (for stocktake ids). */
export function tokyoDayStamp(at: Date): string {
  return new Date(at.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** A moment as Asia/Tokyo local time, "YYYY-MM-DD HH:mm" (reports and messages). */
export function tokyoDateTime(at: Date): string {
  return new Date(at.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

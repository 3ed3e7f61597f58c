import type { Filter } from 'mongodb';
import type { MessageKey } from '../i18n/messages';
import { REGISTRATION_STATES, SOURCES, type Source, type StoredDevice } from './device';

/**
 * The device list's filters, as seed 000's list screen has them: source, the MDM-only fields,
 * status, user, duplicates and devices missing from the MDM. Shared by the CLI and the bot;
 * `parseDeviceQuery` checks words from either, `toMongoFilter` turns them into one query.
 */
export interface DeviceQuery {
  source?: Source;
  registrationState?: string;
  /** Last check-in older than this many days (devices never checked in count as older). */
  staleDays?: number;
  status?: string;
  /** Substring of 利用者, case-insensitive. */
  user?: string;
  /** Substring of asset number, serial number, user or model. */
  text?: string;
  /** Devices whose serial number another device also has. */
  duplicates?: boolean;
  missingFromMdm?: boolean;
}

export type QueryProblem = { key: MessageKey; params: Record<string, string | number> };

export function parseDeviceQuery(raw: Record<string, unknown>): {
  query: DeviceQuery;
  problems: QueryProblem[];
} {
  const query: DeviceQuery = {};
  const problems: QueryProblem[] = [];
  const text = (name: string) => {
    const v = raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || v.length > 200) {
      problems.push({ key: 'query.bad', params: { option: name, value: shown(v, 50) } });
      return undefined;
    }
    return v.trim();
  };
  const source = text('source');
  if (source !== undefined) {
    if ((SOURCES as readonly string[]).includes(source)) query.source = source as Source;
    else
      problems.push({
        key: 'query.badChoice',
        params: { option: 'source', value: source, choices: SOURCES.join(', ') },
      });
  }
  const state = text('registrationState');
  if (state !== undefined) {
    if ((REGISTRATION_STATES as readonly string[]).includes(state)) query.registrationState = state;
    else
      problems.push({
        key: 'query.badChoice',
        params: {
          option: 'registration-state',
          value: state,
          choices: REGISTRATION_STATES.join(', '),
        },
      });
  }
  const stale = raw.staleDays;
  if (stale !== undefined && stale !== null && stale !== '') {
    const n = typeof stale === 'number' || typeof stale === 'string' ? Number(stale) : NaN;
    if (Number.isInteger(n) && n >= 0 && n <= 36500) query.staleDays = n;
    else
      problems.push({
        key: 'query.bad',
        params: { option: 'stale-days', value: shown(stale, 20) },
      });
  }
  for (const name of ['status', 'user', 'text'] as const) {
    const v = text(name);
    if (v) query[name] = v;
  }
  if (raw.duplicates === true || raw.duplicates === 'true') query.duplicates = true;
  if (raw.missingFromMdm === true || raw.missingFromMdm === 'true') query.missingFromMdm = true;
  return { query, problems };
}

export function toMongoFilter(
  q: DeviceQuery,
  now: Date,
  duplicateSerialKeys: string[] = [],
): Filter<StoredDevice> {
  const and: Filter<StoredDevice>[] = [];
  if (q.source) and.push({ source: q.source });
  if (q.registrationState) and.push({ 'mdm.registrationState': q.registrationState });
  if (q.staleDays !== undefined) {
    const cutoff = new Date(now.getTime() - q.staleDays * 86_400_000).toISOString();
    and.push(
      { mdm: { $ne: null } },
      { $or: [{ 'mdm.lastCheckInAt': null }, { 'mdm.lastCheckInAt': { $lt: cutoff } }] },
    );
  }
  if (q.status) and.push({ status: q.status });
  if (q.user) and.push({ user: { $regex: literalPattern(q.user), $options: 'i' } });
  if (q.text) {
    const r = { $regex: literalPattern(q.text), $options: 'i' };
    and.push({ $or: [{ assetNumber: r }, { serialNumber: r }, { user: r }, { model: r }] });
  }
  if (q.duplicates) and.push({ serialKey: { $in: duplicateSerialKeys } });
  if (q.missingFromMdm) and.push({ 'mdm.missingFromMdm': true });
  return and.length === 0 ? {} : { $and: and };
}

/**
 * A value as the user sent it, for a message. Never String(v): a card's data is any JSON, and
 * String({"toString": 1}) throws.
 */
function shown(v: unknown, max: number): string {
  let s: string | undefined;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    s = undefined;
  }
  return (s ?? typeof v).slice(0, max);
}

/**
 * A regex source that matches `s` literally. A NUL byte is written `\x00`: BSON carries a
 * pattern as a C string, so a raw NUL makes the driver throw before the query is even sent.
 */
export function literalPattern(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\0/g, '\\x00');
}

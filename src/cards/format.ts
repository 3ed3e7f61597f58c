import type { MdmProvider, Source } from '../ledger/device';
import { isMessageKey, t, type Locale } from '../i18n/messages';
import { PROVIDER_NAMES } from '../sync/settings';

/** Options every builder takes. */
export interface CardOptions {
  /**
   * IANA zone for dates and times. Teams sends the user's in `activity.localTimezone`; the
   * default suits the product's Japanese users when it is missing.
   */
  timeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

/** How long a value shown on a card may be: long names must not push a card over Teams' limit. */
export const MAX_TEXT = 100;

export interface Fact {
  title: string;
  value: string;
}

/** Shortens text for display (by code point, so a Japanese or emoji character is never split). */
export function clip(text: string, max = MAX_TEXT): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Any field value as card text: empty is a dash, never "null" or a blank that looks broken. */
export function show(value: unknown, locale: Locale, max = MAX_TEXT): string {
  if (value === null || value === undefined || value === '') return t(locale, 'card.none');
  if (value instanceof Date) return formatDateTime(value);
  return clip(typeof value === 'string' ? value : JSON.stringify(value), max);
}

export function count(n: number, locale: Locale): string {
  return n.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US');
}

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than using one (it was
 * 6% of a device lookup's CPU). The zones are IANA's few hundred; an unknown one throws here, as
 * before, and is not kept.
 */
const formatters = new Map<string, { time: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }>();

function dateTimeFormat(timeZone: string): {
  time: Intl.DateTimeFormat;
  zone: Intl.DateTimeFormat;
} {
  let format = formatters.get(timeZone);
  if (!format) {
    format = {
      time: new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      // Japanese names Japan's zone "JST" and every other one by its offset ("GMT-5").
      zone: new Intl.DateTimeFormat('ja-JP', { timeZone, timeZoneName: 'short' }),
    };
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * "2024-05-01 09:30 JST" in the user's zone, which it names: JST, UTC, or the offset from UTC
 * ("UTC-4", "UTC+5:30"). The same shape in both languages; sorts as text within one zone. A
 * card or message only: files (CSV, JSON) keep ISO 8601.
 */
export function formatDateTime(
  at: Date | string | null | undefined,
  timeZone = DEFAULT_TIME_ZONE,
): string {
  if (at === null || at === undefined) return '';
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return clip(String(at));
  const format = dateTimeFormat(timeZone);
  const parts = format.time.formatToParts(date);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  const zone = format.zone.formatToParts(date).find((x) => x.type === 'timeZoneName')?.value;
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')} ${zoneName(zone)}`;
}

function zoneName(name: string | undefined): string {
  if (!name) return 'UTC';
  return name.replace(/^GMT(?=[+-]|$)/, 'UTC').replace(/^UTC\+0$/, 'UTC');
}

/** A field's label ("assetNumber" → 資産番号, "mdm.lastCheckInAt" → 最終チェックイン). */
export function fieldLabel(field: string, locale: Locale): string {
  const key = `card.field.${field}`;
  return isMessageKey(key) ? t(locale, key) : field;
}

export function providerName(provider: MdmProvider): string {
  return PROVIDER_NAMES[provider];
}

export function sourceLabel(source: Source, locale: Locale): string {
  return source === 'ledger' ? t(locale, 'card.source.ledger') : providerName(source);
}

/** Why a value changed, from the field-history rule; an unknown rule is shown as it is. */
export function ruleLabel(rule: string, locale: Locale): string {
  const key = `card.rule.${rule}`;
  return isMessageKey(key) ? t(locale, key) : rule;
}

/**
 * Who made a change ("sync:intune", "cli:taro", "teams:<aad id>"). Teams ids mean nothing to a
 * reader, so the handler passes display names it knows; otherwise the id is shown, clipped.
 */
export function actorLabel(by: string, locale: Locale, names: Record<string, string> = {}): string {
  if (names[by]) return clip(names[by]);
  const [kind, ...rest] = by.split(':');
  const name = rest.join(':');
  if (kind === 'sync' && (name === 'intune' || name === 'jamf'))
    return t(locale, 'card.actor.sync', { provider: providerName(name) });
  if (kind === 'cli') return t(locale, 'card.actor.cli', { name: clip(name, 40) });
  return clip(name || by, 40);
}

/** A list cut to `max` items plus the "…and N more" line (empty when nothing was cut). */
export function bounded<T>(items: T[], max: number, locale: Locale): { shown: T[]; more: string } {
  const rest = items.length - max;
  return {
    shown: items.slice(0, max),
    more: rest > 0 ? t(locale, 'card.more', { count: count(rest, locale) }) : '',
  };
}

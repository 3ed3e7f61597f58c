import { t, type Locale } from '../i18n/messages';
import type { DuplicateFinding } from '../sync/reconcile-types';
import type { SyncCounts } from '../sync/summary';
import { clip, count, fieldLabel, type Fact } from './format';

const COUNT_KEYS: (keyof SyncCounts)[] = [
  'mdmDevices',
  'linked',
  'relinked',
  'created',
  'updated',
  'unchanged',
  'duplicates',
  'conflicts',
  'missing',
  'reenrolments',
];

/**
 * A run's counts as facts, in the same order on every card; counts not known yet are left out,
 * and so are the re-enrolment counts while they are 0 (rare events, not a row on every card).
 */
export function countFacts(counts: Partial<SyncCounts>, locale: Locale): Fact[] {
  const rare = new Set<keyof SyncCounts>(['relinked', 'reenrolments']);
  const shown = (k: keyof SyncCounts) =>
    typeof counts[k] === 'number' && !(rare.has(k) && counts[k] === 0);
  return COUNT_KEYS.filter(shown).map((k) => ({
    title: t(locale, `card.count.${k}`),
    value: count(counts[k]!, locale),
  }));
}

/** The label of a matching key as stored in findings ("serial" → シリアル番号). */
export function keyLabel(matchKey: string, locale: Locale): string {
  const label = fieldLabel(matchKey === 'serial' ? 'serialNumber' : matchKey, locale);
  // Mid-sentence in English: "share serial number …" (an acronym such as UUID stays as it is).
  return locale === 'en' ? label.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()) : label;
}

/** Names are clipped and at most 3 listed: 500 devices sharing a serial must stay one line. */
export function nameList(list: string[], locale: Locale): string {
  const shown = list.slice(0, 3).map((n) => clip(n, 40));
  const rest = list.length - shown.length;
  if (rest > 0) shown.push(t(locale, 'card.more', { count: count(rest, locale) }));
  return shown.join(', ');
}

/**
 * One line for a duplicate finding (link preview, digest), its key value as written — `written`
 * where the caller read it from the ledger, else the finding's own; the folded form is for
 * matching only.
 */
export function duplicateLine(d: DuplicateFinding, locale: Locale, written?: string): string {
  const value = clip(written ?? d.keyText ?? d.keyValue, 60);
  const params = { key: keyLabel(d.matchKey, locale), value };
  return d.side === 'mdm'
    ? t(locale, 'card.dup.mdm', {
        ...params,
        count: count(d.mdmDevices.length, locale),
        names: nameList(
          d.mdmDevices.map((m) => m.deviceName ?? m.deviceId),
          locale,
        ),
      })
    : t(locale, 'card.dup.ledger', {
        ...params,
        count: count(d.assetNumbers.length, locale),
        assets: nameList(d.assetNumbers, locale),
      });
}

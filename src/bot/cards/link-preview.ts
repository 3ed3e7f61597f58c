import { t, type Locale } from '../../i18n/messages';
import type { SyncSettings } from '../../sync/settings';
import type { SyncCounts, SyncPreview } from '../../sync/summary';
import { clip, count, providerName, type Fact } from './format';
import { assetRuleLabel, matchKeyLabel } from './link-wizard';
import { countFacts, duplicateLine } from './sync-counts';

/** At most this many duplicates and conflicts each; the CSV has them all. */
export const LINK_PREVIEW_MAX = 10;

export interface LinkPreviewCardData {
  title: string;
  intro: string;
  settingsText: string;
  /** Sent back unchanged by confirm and CSV: what the admin previewed is what gets linked. */
  settings: SyncSettings;
  counts: Fact[];
  sysNote: string;
  /** Duplicates and conflicts; a section only when there are some. */
  sections: { title: string; lines: { text: string }[]; more: string }[];
  labels: { confirm: string; csv: string; cancel: string };
}

export function linkPreviewCardData(
  settings: SyncSettings,
  result: { counts: SyncCounts; preview?: SyncPreview },
  locale: Locale,
): LinkPreviewCardData {
  const p = settings.provider;
  const preview = result.preview;
  const sys = preview ? preview.creates.filter((c) => c.sysNumber).length : 0;
  const sections: LinkPreviewCardData['sections'] = [];
  const duplicates = preview?.duplicates ?? [];
  const conflicts = preview?.conflicts ?? [];
  if (duplicates.length > 0)
    sections.push(
      section(
        t(locale, 'card.linkPreview.duplicates', { count: count(duplicates.length, locale) }),
        duplicates,
        (d) => duplicateLine(d, locale),
        locale,
      ),
    );
  if (conflicts.length > 0)
    sections.push(
      section(
        t(locale, 'card.linkPreview.conflicts', { count: count(conflicts.length, locale) }),
        conflicts,
        (c) =>
          t(locale, 'card.conflict.line', {
            device: clip(c.deviceName ?? c.mdmDeviceId, 60),
            wanted: clip(c.wanted, 60),
          }),
        locale,
      ),
    );
  return {
    title: t(locale, 'card.linkPreview.title', { provider: providerName(p) }),
    intro: t(locale, 'card.linkPreview.intro'),
    settingsText: t(locale, 'card.linkPreview.settings', {
      matchKey: matchKeyLabel(settings.matchKey, p, locale),
      rule: assetRuleLabel(settings.assetNumberRule, p, locale),
    }),
    settings: {
      provider: p,
      matchKey: settings.matchKey,
      assetNumberRule: settings.assetNumberRule,
    },
    counts: countFacts(result.counts, locale),
    sysNote: sys > 0 ? t(locale, 'card.linkPreview.sys', { count: count(sys, locale) }) : '',
    sections,
    labels: {
      confirm: t(locale, 'card.linkPreview.confirm'),
      csv: t(locale, 'card.csv'),
      cancel: t(locale, 'card.cancel'),
    },
  };
}

/** The first few lines and the "N more (download the CSV)" note; lines are built only for those. */
function section<T>(title: string, items: T[], line: (item: T) => string, locale: Locale) {
  const rest = items.length - LINK_PREVIEW_MAX;
  return {
    title,
    lines: items.slice(0, LINK_PREVIEW_MAX).map((item) => ({ text: clip(line(item), 200) })),
    more: rest > 0 ? t(locale, 'card.linkPreview.more', { count: count(rest, locale) }) : '',
  };
}

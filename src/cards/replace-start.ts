import { t, type Locale } from '../i18n/messages';
import type { Device } from '../ledger/device';
import type { Checklist } from '../workflows/checklist';
import { clip, fieldLabel, show, type Fact } from './format';

/** More paths than this would not fit a phone screen; the built-in catalog has three. */
export const REPLACE_PATHS_MAX = 10;
/** Checklist summaries are written by admins: long enough to say why, short enough for a card. */
const SUMMARY_MAX = 400;

export interface ReplaceStartCardData {
  /** The raw asset number, for the start button's data (never clipped). */
  assetNumber: string;
  title: string;
  intro: string;
  facts: Fact[];
  /** One per checklist: its id (the choice's value), title and summary. */
  paths: { value: string; title: string; summary: string }[];
  /** The checklist pre-selected for the device's platform. */
  selected: string;
  labels: Record<
    'paths' | 'path' | 'pathRequired' | 'newDevice' | 'newDevicePlaceholder' | 'start',
    string
  >;
}

/**
 * The first card of a replacement: the old device as the ledger has it, and the paths to choose
 * from (the checklists, the one matching its platform pre-selected), with the new device's
 * asset number if the admin already knows it.
 */
export function replaceStartCardData(
  device: Device,
  checklists: readonly Checklist[],
  suggested: string,
  locale: Locale,
): ReplaceStartCardData {
  const paths = checklists.slice(0, REPLACE_PATHS_MAX).map((c) => ({
    value: c.id,
    title: clip(c.title[locale]),
    summary: clip(c.summary[locale], SUMMARY_MAX),
  }));
  const fields = ['assetNumber', 'model', 'user', 'os'] as const;
  return {
    assetNumber: device.assetNumber,
    title: t(locale, 'card.replace.title', { assetNumber: clip(device.assetNumber) }),
    intro: t(locale, 'card.replace.intro'),
    facts: fields.map((f) => ({ title: fieldLabel(f, locale), value: show(device[f], locale) })),
    paths,
    selected: paths.some((p) => p.value === suggested) ? suggested : (paths[0]?.value ?? ''),
    labels: {
      paths: t(locale, 'card.replace.paths'),
      path: t(locale, 'card.replace.path'),
      pathRequired: t(locale, 'card.replace.pathRequired'),
      newDevice: t(locale, 'card.replace.newDevice'),
      newDevicePlaceholder: t(locale, 'card.replace.newDevicePlaceholder'),
      start: t(locale, 'card.replace.start'),
    },
  };
}

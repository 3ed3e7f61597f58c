import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { SyncSettings } from '../sync/settings';
import type { SyncCounts, SyncPreview } from '../sync/summary';
import { clip, count, providerName, type Fact } from './format';
import { assetRuleLabel, matchKeyLabel } from './link-wizard';
import { countFacts, duplicateLine } from './sync-counts';
import type { LinkSettingsPayload } from './payloads';

/** At most this many duplicates and conflicts each; the CSV has them all. */
export const LINK_PREVIEW_MAX = 10;
/** At most this many planned links and new devices each; the CSV has them all. */
export const LINK_PREVIEW_LIST_MAX = 20;

/** One planned link: the ledger device and the MDM device it would be linked to. */
export interface PreviewLink {
  assetNumber: string;
  mdmDeviceId: string;
  deviceName: string | null;
  /** As written (by the admin in the ledger, else by the MDM), never folded. */
  serialNumber: string | null;
}

/** A re-enrolled device that would take over its ledger device (seed 000's 2025/12/15 rule). */
export interface PreviewRelink {
  assetNumber: string;
  mdmDeviceId: string;
  deviceName: string | null;
  serialNumber: string | null;
}

/**
 * What the dry run names, as the admin will recognize the devices: the planned links with the
 * MDM device's name and serial, and each duplicate's key value as it was written. Built by the
 * link handler from the preview and the ledger; shared by the card and its CSV.
 */
export interface PreviewDevices {
  links: PreviewLink[];
  relinks: PreviewRelink[];
  /** A duplicate's folded key value → that value as the MDM or an admin wrote it. */
  keyText: Record<string, string>;
}

/** A ledger device as the handler reads it for the preview. */
export interface PreviewLedgerRow {
  assetNumber: string;
  serialNumber: string | null;
  serialKey: string | null;
  uuid: string | null;
}

export interface LinkPreviewCardData {
  title: string;
  intro: string;
  settingsText: string;
  /** Sent back unchanged by confirm and CSV: what the admin previewed is what gets linked. */
  settings: LinkSettingsPayload;
  counts: Fact[];
  sysNote: string;
  /** Planned links, re-links and new devices, then duplicates and conflicts (only when there are some). */
  sections: {
    title: string;
    color: 'Default' | 'Warning';
    lines: { text: string }[];
    more: string;
  }[];
  labels: { confirm: string; csv: string; cancel: string };
}

/**
 * The preview's devices with what the ledger knows (rows of the linked and duplicated devices):
 * pure, so the card and the CSV say the same. `serialKey` is the ledger's matching fold.
 */
export function previewDevices(
  preview: SyncPreview | undefined,
  ledger: PreviewLedgerRow[],
  serialKey: (s: string | null | undefined) => string | null,
): PreviewDevices {
  const byAsset = new Map(ledger.map((r) => [r.assetNumber, r]));
  // A first link's changes carry the MDM block field by field, its device name among them.
  const changed = new Map<string, string>();
  for (const ch of preview?.changes ?? [])
    if ((ch.field === 'mdm.deviceName' || ch.field === 'serialNumber') && ch.new)
      changed.set(`${ch.assetNumber}\n${ch.field}`, String(ch.new));
  const links = (preview?.links ?? []).map((l) => ({
    assetNumber: l.assetNumber,
    mdmDeviceId: l.mdmDeviceId,
    deviceName: changed.get(`${l.assetNumber}\nmdm.deviceName`) ?? null,
    serialNumber:
      byAsset.get(l.assetNumber)?.serialNumber ??
      changed.get(`${l.assetNumber}\nserialNumber`) ??
      null,
  }));
  const relinks = (preview?.relinks ?? []).map((r) => ({
    assetNumber: r.assetNumber,
    mdmDeviceId: r.newMdmId,
    deviceName: r.deviceName,
    serialNumber: byAsset.get(r.assetNumber)?.serialNumber ?? r.serialNumber,
  }));
  const keyText: Record<string, string> = {};
  const written = (folded: string | null, raw: string | null | undefined) => {
    if (folded && raw && !(folded in keyText)) keyText[folded] = raw.trim();
  };
  // The ledger first (the admin's writing), then what the MDM sent for the new devices.
  for (const r of ledger) {
    written(r.serialKey, r.serialNumber);
    written(r.uuid?.trim().toLowerCase() ?? null, r.uuid);
  }
  for (const c of preview?.creates ?? []) written(serialKey(c.serialNumber), c.serialNumber);
  return { links, relinks, keyText };
}

/** An MDM device as the admin knows it: name / serial (as written), else its id. */
export function deviceLabel(d: {
  deviceName: string | null;
  serialNumber: string | null;
  mdmDeviceId: string;
}): string {
  const parts = [
    d.deviceName && clip(d.deviceName, 60),
    d.serialNumber && clip(d.serialNumber, 40),
  ];
  const label = parts.filter(Boolean).join(' / ');
  return label || clip(d.mdmDeviceId, 60);
}

export function linkPreviewCardData(
  settings: SyncSettings,
  result: { counts: SyncCounts; preview?: SyncPreview },
  locale: Locale,
  devices: PreviewDevices = previewDevices(result.preview, [], () => null),
): LinkPreviewCardData {
  const p = settings.provider;
  const preview = result.preview;
  const sys = (preview?.creates ?? []).filter((c) => c.sysNumber).length;
  const sections = previewSections(preview, devices, locale);
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

/** The card's lists: links, relinks, new devices, then the findings to look at. */
function previewSections(
  preview: SyncPreview | undefined,
  devices: PreviewDevices,
  locale: Locale,
): LinkPreviewCardData['sections'] {
  const creates = preview?.creates ?? [];
  const sections: LinkPreviewCardData['sections'] = [];
  const list = <T>(key: MessageKey, items: T[], line: (item: T) => string) => {
    if (items.length > 0)
      sections.push(
        section(
          t(locale, key, { count: count(items.length, locale) }),
          'Default',
          items,
          LINK_PREVIEW_LIST_MAX,
          line,
          (rest) => t(locale, 'card.linkPreview.listMore', { count: count(rest, locale) }),
        ),
      );
  };
  const linkLine = (l: PreviewLink | PreviewRelink) =>
    t(locale, 'card.linkPreview.linkLine', {
      asset: clip(l.assetNumber, 64),
      device: deviceLabel(l),
    });
  list('card.linkPreview.links', devices.links, linkLine);
  list('card.linkPreview.relinks', devices.relinks, linkLine);
  list('card.linkPreview.creates', creates, (c) =>
    t(locale, 'card.linkPreview.createLine', {
      device: deviceLabel(c),
      asset: clip(c.assetNumber, 64),
    }),
  );
  const findings = <T>(key: MessageKey, items: T[], line: (item: T) => string) => {
    if (items.length > 0)
      sections.push(
        section(
          t(locale, key, { count: count(items.length, locale) }),
          'Warning',
          items,
          LINK_PREVIEW_MAX,
          line,
          (rest) => t(locale, 'card.linkPreview.more', { count: count(rest, locale) }),
        ),
      );
  };
  findings('card.linkPreview.duplicates', preview?.duplicates ?? [], (d) =>
    duplicateLine(d, locale, devices.keyText[d.keyValue]),
  );
  // New enrolments that look like a re-enrolment while the old one is still listed: not added.
  findings('card.linkPreview.reenrolments', preview?.reenrolments ?? [], (r) =>
    t(locale, 'card.linkPreview.reenrolLine', {
      device: clip(r.newMdm.deviceName ?? r.newMdm.deviceId, 60),
      asset: clip(r.assetNumber ?? r.oldMdm.deviceName ?? r.oldMdm.deviceId, 64),
      old: clip(r.oldMdm.deviceName ?? r.oldMdm.deviceId, 60),
    }),
  );
  findings('card.linkPreview.conflicts', preview?.conflicts ?? [], (c) =>
    t(locale, 'card.conflict.line', {
      device: clip(c.deviceName ?? c.mdmDeviceId, 60),
      wanted: clip(c.wanted, 60),
    }),
  );
  return sections;
}

/** The first few lines and the "N more" note; lines are built only for those shown. */
function section<T>(
  title: string,
  color: 'Default' | 'Warning',
  items: T[],
  max: number,
  line: (item: T) => string,
  more: (rest: number) => string,
) {
  const rest = items.length - max;
  return {
    title,
    color,
    lines: items.slice(0, max).map((item) => ({ text: clip(line(item), 200) })),
    more: rest > 0 ? more(rest) : '',
  };
}

import { MDM_ONLY_FIELDS } from '../ledger/field-rules';
import type { FieldHistoryDoc } from '../db/collections';
import { t, type Locale } from '../i18n/messages';
import { EDITABLE_FIELDS, type Device } from '../ledger/device';
import {
  actorLabel,
  clip,
  DEFAULT_TIME_ZONE,
  fieldLabel,
  formatDateTime,
  providerName,
  ruleLabel,
  show,
  sourceLabel,
  type CardOptions,
  type Fact,
} from './format';

/** Enough to see what happened lately; the history button shows the rest. */
export const DEVICE_HISTORY_MAX = 5;

export interface DeviceCardData {
  /** The raw asset number, for the actions' data (never clipped). */
  assetNumber: string;
  title: string;
  subtitle: string;
  subtitleColor: 'Default' | 'Warning';
  facts: Fact[];
  showMdm: boolean;
  mdmTitle: string;
  mdmFacts: Fact[];
  history: { change: string; detail: string }[];
  /**
   * Admins only, and only what the ledger lets them delete (not a device the MDM still has), so
   * the button never leads to a refusal.
   */
  canDelete: boolean;
  /**
   * The replacement workflow is available (the bot has a WorkflowService). Everyone sees the
   * button; the handler refuses non-admins, as with every other change.
   */
  canReplace: boolean;
  labels: {
    historyTitle: string;
    historyEmpty: string;
    history: string;
    replace: string;
    /** The troubleshooting guides, with this device's facts on every step. */
    troubleshoot: string;
    delete: string;
    deleteConfirm: string;
    deleteButton: string;
  };
}

export interface DeviceCardOptions extends CardOptions {
  isAdmin: boolean;
  canReplace?: boolean;
  /** Display names for history authors ("teams:<aad id>" → "山田 太郎"), when the handler has them. */
  actorNames?: Record<string, string>;
}

/** Seed 000's MDM-only fields, the same list the sync keeps current. */
const MDM_FIELDS = MDM_ONLY_FIELDS;
const MDM_DATES = new Set<string>(['enrolledAt', 'lastCheckInAt']);

export function deviceCardData(
  device: Device,
  history: FieldHistoryDoc[],
  locale: Locale,
  options: DeviceCardOptions,
): DeviceCardData {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const mdm = device.mdm;
  const provider = mdm ? providerName(mdm.provider) : '';
  const missing = !!mdm?.missingFromMdm;
  const subtitle = !mdm
    ? t(locale, 'card.device.ledgerOnly')
    : t(locale, missing ? 'card.device.missing' : 'card.device.synced', { provider });
  const facts = [...EDITABLE_FIELDS, 'source' as const].map((f) => ({
    title: fieldLabel(f, locale),
    value: f === 'source' ? sourceLabel(device.source, locale) : show(device[f], locale),
  }));
  const mdmFacts = mdm
    ? MDM_FIELDS.map((f) => ({
        title: fieldLabel(`mdm.${f}`, locale),
        value: MDM_DATES.has(f)
          ? formatDateTime(mdm[f] as string | null, tz) || t(locale, 'card.none')
          : show(mdm[f], locale),
      }))
    : [];
  const value = (field: string, v: unknown) =>
    MDM_DATES.has(field.replace(/^mdm\./, '')) && typeof v === 'string'
      ? formatDateTime(v, tz)
      : show(v, locale, 60);
  // Newest first, whatever order the caller read them in.
  const recent = [...history]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, DEVICE_HISTORY_MAX);
  return {
    assetNumber: device.assetNumber,
    title: t(locale, 'card.device.title', { assetNumber: clip(device.assetNumber) }),
    subtitle,
    subtitleColor: missing ? 'Warning' : 'Default',
    facts,
    showMdm: !!mdm,
    mdmTitle: t(locale, 'card.device.mdmTitle', { provider }),
    mdmFacts,
    history: recent.map((h) => ({
      change: `${fieldLabel(h.field, locale)}: ${value(h.field, h.old)} → ${value(h.field, h.new)}`,
      detail: [
        formatDateTime(h.at, tz),
        actorLabel(h.by, locale, options.actorNames),
        ruleLabel(h.rule, locale),
      ].join(' · '),
    })),
    canDelete: options.isAdmin && ((device.source === 'ledger' && !mdm) || missing),
    canReplace: options.canReplace ?? false,
    labels: {
      historyTitle: t(locale, 'card.device.historyTitle'),
      historyEmpty: t(locale, 'card.device.historyEmpty'),
      history: t(locale, 'card.device.history'),
      replace: t(locale, options.canReplace ? 'card.device.replaceReady' : 'card.device.replace'),
      troubleshoot: t(locale, 'card.action.troubleshoot'),
      delete: t(locale, 'card.device.delete'),
      deleteConfirm: t(locale, 'card.device.deleteConfirm', {
        assetNumber: clip(device.assetNumber),
      }),
      deleteButton: t(locale, 'card.device.deleteButton'),
    },
  };
}

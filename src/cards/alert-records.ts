import type { AlertDocOf, DuplicateLedgerView, DuplicatePayload } from '../alerts';
import { t, type Locale } from '../i18n/messages';
import type { ReenrolmentFinding } from '../sync/reconcile-types';
import { clip, fieldLabel, formatDateTime, show, type Fact } from './format';
import { ledgerViewOf } from './alert-ledger';

/**
 * One column of a duplicate's card per device; `key` goes back in alert.merge as `keep`,
 * offered only where the merge would be accepted (`canMerge`); `assetNumber` opens the ledger
 * device ("" when it is not in the ledger).
 */
export interface AlertRecord {
  key: string;
  name: string;
  facts: Fact[];
  canMerge: boolean;
  assetNumber: string;
}

/** The devices of a duplicate, side by side. */
export function duplicateRecords(
  alert: AlertDocOf<'duplicate'>,
  locale: Locale,
  tz: string,
): AlertRecord[] {
  const d = alert.payload;
  const view = ledgerViewOf(alert);
  return d.side === 'mdm'
    ? mdmSideRecords(d, view, locale, tz)
    : ledgerSideRecords(d, view, locale, tz);
}

/**
 * Each one is a synced ledger device that no merge may delete: no merge buttons, but the
 * ledger device each became, to open.
 */
function mdmSideRecords(
  d: DuplicatePayload,
  view: DuplicateLedgerView | undefined,
  locale: Locale,
  tz: string,
): AlertRecord[] {
  return d.mdmDevices.map((m) => {
    const became = view ? (view.byMdmDevice[m.deviceId] ?? '') : '';
    return {
      key: m.deviceId,
      name: clip(m.deviceName ?? m.deviceId, 60),
      canMerge: false,
      assetNumber: became,
      facts: [
        {
          title: t(locale, 'card.alert.ledgerRecord'),
          value: became
            ? clip(became, 40)
            : view
              ? t(locale, 'card.alert.notInLedger')
              : t(locale, 'card.none'),
        },
        { title: fieldLabel('mdm.enrolledAt', locale), value: date(m.enrolledAt, tz, locale) },
        {
          title: fieldLabel('mdm.lastCheckInAt', locale),
          value: date(m.lastCheckInAt, tz, locale),
        },
        { title: fieldLabel('mdm.primaryUser', locale), value: show(m.user, locale, 40) },
        { title: fieldLabel('mdm.deviceId', locale), value: show(m.deviceId, locale, 40) },
      ],
    };
  });
}

/**
 * Ledger side: the first asset number is the device the MDM record is linked to (seed 000's
 * "MDM-imported" one); the others were typed into the ledger by hand.
 */
function ledgerSideRecords(
  d: DuplicatePayload,
  view: DuplicateLedgerView | undefined,
  locale: Locale,
  tz: string,
): AlertRecord[] {
  const mdm = d.mdmDevices[0];
  const linkedFacts: Fact[] = mdm
    ? [
        {
          title: t(locale, 'card.alert.linkedTo'),
          value: clip(mdm.deviceName ?? mdm.deviceId, 40),
        },
        { title: fieldLabel('mdm.enrolledAt', locale), value: date(mdm.enrolledAt, tz, locale) },
        {
          title: fieldLabel('mdm.lastCheckInAt', locale),
          value: date(mdm.lastCheckInAt, tz, locale),
        },
        { title: fieldLabel('mdm.primaryUser', locale), value: show(mdm.user, locale, 40) },
      ]
    : [];
  const ledgerOnly = (): Fact[] => [
    { title: t(locale, 'card.alert.linkedTo'), value: t(locale, 'card.alert.ledgerOnly') },
  ];
  return d.assetNumbers.map((a, i) => ({
    key: a,
    name: clip(a, 60),
    canMerge: canKeep(d, a, i, view),
    assetNumber: !view || view.present.includes(a) ? a : '',
    facts: i === 0 && mdm ? linkedFacts : ledgerOnly(),
  }));
}

/** The old and the new enrolment of a re-enrolled device. */
export function reenrolmentFacts(r: ReenrolmentFinding, locale: Locale, tz: string): Fact[] {
  const name = (m: ReenrolmentFinding['oldMdm']) =>
    clip(m.deviceName ? `${m.deviceName} (${m.deviceId})` : m.deviceId, 80);
  return [
    { title: t(locale, 'card.alert.reenrolOld'), value: name(r.oldMdm) },
    {
      title: fieldLabel('mdm.lastCheckInAt', locale),
      value: date(r.oldMdm.lastCheckInAt, tz, locale),
    },
    { title: t(locale, 'card.alert.reenrolNew'), value: name(r.newMdm) },
    { title: fieldLabel('mdm.enrolledAt', locale), value: date(r.newMdm.enrolledAt, tz, locale) },
    { title: fieldLabel('mdm.primaryUser', locale), value: show(r.newMdm.user, locale, 40) },
  ];
}

/** The ledger devices the MDM devices of an MDM-side duplicate became, in the MDM's order. */
export function mdmAssetNumbers(
  d: DuplicatePayload,
  view: DuplicateLedgerView | undefined,
): string[] {
  if (!view) return d.assetNumbers;
  const found = d.mdmDevices.map((m) => view.byMdmDevice[m.deviceId]).filter(Boolean);
  return [...new Set([...found, ...d.assetNumbers.filter((a) => view.present.includes(a))])];
}

/**
 * Whether "keep this one" on a ledger-side duplicate would be accepted: the merge deletes every
 * other device, and a synced one cannot be deleted (seed 000) unless the MDM no longer has it —
 * or it hands its MDM link to the kept device, whose own MDM device has left (re-enrolment).
 * Without the ledger's view, the finding says it: its first device is the synced one when an
 * MDM device holds the value.
 */
function canKeep(
  d: DuplicatePayload,
  asset: string,
  index: number,
  view: DuplicateLedgerView | undefined,
): boolean {
  if (!view) return d.mdmDevices.length === 0 || index === 0;
  if (!view.present.includes(asset)) return false;
  const others = view.present.filter((a) => a !== asset);
  const synced = others.filter((a) => !view.deletable.includes(a));
  // One synced twin may hand its MDM link to a kept device whose MDM device has left.
  const takesOver = synced.length === 1 && (view.takeOver ?? []).includes(asset);
  return others.length > 0 && (synced.length === 0 || takesOver);
}

function date(value: string | null, tz: string, locale: Locale): string {
  return formatDateTime(value, tz) || t(locale, 'card.none');
}

import type { AlertDoc } from '../db/collections';
import { t, type Locale } from '../i18n/messages';
import type { ConflictFinding } from '../sync/alerts';
import type { DuplicateFinding, MissingFinding, ReenrolmentFinding } from '../sync/reconcile-types';
import type { SyncCounts } from '../sync/summary';
import { VERBS, type Verb } from './verbs';
import {
  actorLabel,
  bounded,
  clip,
  count,
  DEFAULT_TIME_ZONE,
  fieldLabel,
  formatDateTime,
  providerName,
  show,
  type CardOptions,
  type Fact,
} from './format';
import { ledgerViewOf, type DuplicateLedgerView } from './alert-ledger';
import { countFacts, keyLabel, nameList } from './sync-counts';

/** MDM records side by side: more than 3 columns is unreadable in Teams. */
export const ALERT_RECORDS_MAX = 3;
export const ALERT_LINES_MAX = 5;

export type AlertKind = 'duplicate' | 'conflict' | 'missing' | 'reenrolment' | 'failed' | 'held';

const KINDS: Record<AlertDoc['type'], AlertKind> = {
  duplicate: 'duplicate',
  'asset-number-conflict': 'conflict',
  'missing-from-mdm': 'missing',
  reenrolment: 'reenrolment',
  'sync-failed': 'failed',
  'sync-partial': 'failed',
  'run-held': 'held',
};

export interface AlertCardData {
  alertId: string;
  kind: AlertKind;
  title: string;
  titleColor: 'Warning' | 'Attention';
  text: string;
  facts: Fact[];
  /**
   * Duplicates: one column per device; `key` goes back in alert.merge as `keep`, offered only
   * where the merge would be accepted (`canMerge`); `assetNumber` opens the ledger device ("" when
   * it is not in the ledger).
   */
  records: { key: string; name: string; facts: Fact[]; canMerge: boolean; assetNumber: string }[];
  recordsMore: string;
  /** Errors of a failed or partial run. */
  lines: { text: string }[];
  linesMore: string;
  /** Conflict: the device's current (SYS) number; missing: the device. "" otherwise. */
  assetNumber: string;
  /** Held run, for approve/reject; "" otherwise. */
  runId: string;
  /** False once someone acted: the card is updated to show who, without buttons. */
  canAct: boolean;
  resolvedText: string;
  labels: Record<
    | 'records'
    | 'keep'
    | 'keepThis'
    | 'keepSys'
    | 'seen'
    | 'rename'
    | 'newAssetNumber'
    | 'device'
    | 'sync'
    | 'status'
    | 'approve'
    | 'reject',
    string
  >;
}

/** Who acted on an alert, to update its card in place. */
export interface AlertResolution {
  by: string;
  verb: Verb;
  at: Date;
}

type Held = { changes: number; syncedBefore: number; percent: number; counts?: SyncCounts };

/** The alert's sentence, also the line of the digest. */
export function alertText(alert: AlertDoc, locale: Locale): string {
  const provider = providerName(alert.provider);
  switch (alert.type) {
    case 'duplicate': {
      const d = alert.payload as unknown as DuplicateFinding;
      const view = ledgerViewOf(alert);
      // Shown as the MDM or an admin wrote it; the folded form is for matching only.
      const value = clip(view?.keyText ?? d.keyText ?? d.keyValue, 60);
      const params = { key: keyLabel(d.matchKey, locale), value };
      if (d.side === 'mdm') {
        // Each MDM device became a ledger device of its own (seed 000): name them all.
        const became = mdmAssetNumbers(d, view);
        return t(locale, 'card.alert.dupMdm', {
          ...params,
          count: count(d.mdmDevices.length, locale),
          assets: nameList(became, locale) || t(locale, 'card.none'),
        });
      }
      const assets = nameList(d.assetNumbers, locale) || t(locale, 'card.none');
      return t(locale, 'card.alert.dupLedger', {
        ...params,
        count: count(d.assetNumbers.length, locale),
        assets,
      });
    }
    case 'asset-number-conflict': {
      const c = alert.payload as unknown as ConflictFinding;
      return t(locale, 'card.alert.conflict', {
        device: clip(c.deviceName ?? c.mdmDeviceId, 60),
        wanted: clip(c.wanted, 60),
        assigned: clip(c.assignedAssetNumber, 60),
      });
    }
    case 'missing-from-mdm': {
      const m = alert.payload as unknown as MissingFinding;
      const device = clip(m.deviceName ?? m.mdmDeviceId, 60);
      return t(locale, 'card.alert.missing', {
        assetNumber: clip(m.assetNumber),
        device,
        provider,
      });
    }
    case 'reenrolment': {
      const r = alert.payload as unknown as ReenrolmentFinding;
      const oldDevice = clip(r.oldMdm.deviceName ?? r.oldMdm.deviceId, 60);
      return t(locale, 'card.alert.reenrolment', {
        newDevice: clip(r.newMdm.deviceName ?? r.newMdm.deviceId, 60),
        oldDevice,
        assetNumber: r.assetNumber ? clip(r.assetNumber) : oldDevice,
        provider,
        key: keyLabel(r.matchKey, locale),
        value: clip(r.keyText ?? r.keyValue, 60),
      });
    }
    case 'sync-failed':
      return t(locale, 'card.alert.failed');
    case 'sync-partial':
      return t(locale, 'card.alert.partial', { count: errorsOf(alert).length });
    case 'run-held': {
      const h = alert.payload as unknown as Held;
      return t(locale, 'card.syncSummary.held', {
        changes: count(h.changes, locale),
        syncedBefore: count(h.syncedBefore, locale),
        percent: h.percent,
      });
    }
  }
}

function errorsOf(alert: AlertDoc): string[] {
  const errors = alert.payload.errors;
  return Array.isArray(errors) ? errors.map(String) : [];
}

export function alertCardData(
  alert: AlertDoc,
  locale: Locale,
  options: CardOptions & { resolution?: AlertResolution; actorNames?: Record<string, string> } = {},
): AlertCardData {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const kind = KINDS[alert.type];
  const labels = alertLabels(locale);
  const records: AlertCardData['records'] = [];
  let facts: Fact[] = [];
  let assetNumber = '';
  if (alert.type === 'duplicate') {
    const d = alert.payload as unknown as DuplicateFinding;
    const view = ledgerViewOf(alert);
    if (d.side === 'mdm')
      // Each one is a synced ledger device that no merge may delete: no merge buttons, but the
      // ledger device each became, to open.
      for (const m of d.mdmDevices) {
        const became = view ? (view.byMdmDevice[m.deviceId] ?? '') : '';
        records.push({
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
        });
      }
    else {
      // Ledger side: the first asset number is the device the MDM record is linked to (seed
      // 000's "MDM-imported" one); the others were typed into the ledger by hand.
      const mdm = d.mdmDevices[0];
      d.assetNumbers.forEach((a, i) =>
        records.push({
          key: a,
          name: clip(a, 60),
          canMerge: canKeep(d, a, i, view),
          assetNumber: !view || view.present.includes(a) ? a : '',
          facts:
            i === 0 && mdm
              ? [
                  {
                    title: t(locale, 'card.alert.linkedTo'),
                    value: clip(mdm.deviceName ?? mdm.deviceId, 40),
                  },
                  {
                    title: fieldLabel('mdm.enrolledAt', locale),
                    value: date(mdm.enrolledAt, tz, locale),
                  },
                  {
                    title: fieldLabel('mdm.lastCheckInAt', locale),
                    value: date(mdm.lastCheckInAt, tz, locale),
                  },
                  {
                    title: fieldLabel('mdm.primaryUser', locale),
                    value: show(mdm.user, locale, 40),
                  },
                ]
              : [
                  {
                    title: t(locale, 'card.alert.linkedTo'),
                    value: t(locale, 'card.alert.ledgerOnly'),
                  },
                ],
        }),
      );
    }
  } else if (alert.type === 'asset-number-conflict') {
    assetNumber = (alert.payload as unknown as ConflictFinding).assignedAssetNumber;
  } else if (alert.type === 'missing-from-mdm') {
    assetNumber = (alert.payload as unknown as MissingFinding).assetNumber;
  } else if (alert.type === 'reenrolment') {
    const r = alert.payload as unknown as ReenrolmentFinding;
    assetNumber = r.assetNumber ?? '';
    const name = (m: ReenrolmentFinding['oldMdm']) =>
      clip(m.deviceName ? `${m.deviceName} (${m.deviceId})` : m.deviceId, 80);
    facts = [
      { title: t(locale, 'card.alert.reenrolOld'), value: name(r.oldMdm) },
      {
        title: fieldLabel('mdm.lastCheckInAt', locale),
        value: date(r.oldMdm.lastCheckInAt, tz, locale),
      },
      { title: t(locale, 'card.alert.reenrolNew'), value: name(r.newMdm) },
      { title: fieldLabel('mdm.enrolledAt', locale), value: date(r.newMdm.enrolledAt, tz, locale) },
      { title: fieldLabel('mdm.primaryUser', locale), value: show(r.newMdm.user, locale, 40) },
    ];
  } else if (alert.type === 'run-held') {
    facts = countFacts((alert.payload as unknown as Held).counts ?? {}, locale);
  }
  const shownRecords = bounded(records, ALERT_RECORDS_MAX, locale);
  const lines = bounded(kind === 'failed' ? errorsOf(alert) : [], ALERT_LINES_MAX, locale);
  const r = options.resolution;
  const resolved = !!r || alert.status === 'resolved';
  return {
    alertId: alert._id,
    kind,
    title: t(locale, 'card.alert.title', {
      type: t(locale, `card.alertType.${alert.type}`),
      provider: providerName(alert.provider),
    }),
    titleColor: kind === 'failed' && alert.type === 'sync-failed' ? 'Attention' : 'Warning',
    text: alertText(alert, locale),
    facts,
    records: shownRecords.shown,
    recordsMore: shownRecords.more,
    lines: lines.shown.map((text) => ({ text: clip(text, 200) })),
    linesMore: lines.more,
    assetNumber,
    runId: alert.type === 'run-held' && alert.runId ? alert.runId.toHexString() : '',
    canAct: !resolved,
    resolvedText: r
      ? t(locale, 'card.alert.resolved', {
          by: actorLabel(r.by, locale, options.actorNames),
          action: actionTitle(kind, r.verb, labels),
          when: formatDateTime(r.at, tz),
        })
      : resolved
        ? t(locale, 'card.alert.resolvedPlain')
        : '',
    labels: {
      ...labels,
      records:
        alert.type === 'duplicate' &&
        (alert.payload as unknown as DuplicateFinding).side === 'ledger'
          ? t(locale, 'card.alert.recordsLedger')
          : labels.records,
    },
  };
}

/** The ledger devices the MDM devices of an MDM-side duplicate became, in the MDM's order. */
function mdmAssetNumbers(d: DuplicateFinding, view: DuplicateLedgerView | undefined): string[] {
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
  d: DuplicateFinding,
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

/** The button the resolver pressed, in the words of the card they pressed it on. */
function actionTitle(kind: AlertKind, verb: Verb, labels: AlertCardData['labels']): string {
  if (verb === VERBS.alertKeep)
    return kind === 'conflict'
      ? labels.keepSys
      : kind === 'missing' || kind === 'reenrolment'
        ? labels.seen
        : labels.keep;
  if (verb === VERBS.alertMerge) return labels.keepThis;
  if (verb === VERBS.alertRename) return labels.rename;
  if (verb === VERBS.syncApprove) return labels.approve;
  if (verb === VERBS.syncReject) return labels.reject;
  return verb;
}

function alertLabels(locale: Locale): AlertCardData['labels'] {
  return {
    records: t(locale, 'card.alert.records'),
    keep: t(locale, 'card.alert.keep'),
    keepThis: t(locale, 'card.alert.keepThis'),
    keepSys: t(locale, 'card.alert.keepSys'),
    seen: t(locale, 'card.alert.seen'),
    rename: t(locale, 'card.alert.rename'),
    newAssetNumber: t(locale, 'card.alert.newAssetNumber'),
    device: t(locale, 'card.action.device'),
    sync: t(locale, 'card.action.sync'),
    status: t(locale, 'card.action.status'),
    approve: t(locale, 'card.syncSummary.approve'),
    reject: t(locale, 'card.syncSummary.reject'),
  };
}

import type { AlertDoc, AlertType } from '../alerts';
import { t, type Locale } from '../i18n/messages';
import { VERBS, type Verb } from './verbs';
import {
  actorLabel,
  bounded,
  clip,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  providerName,
  type CardOptions,
  type Fact,
} from './format';
import { duplicateRecords, reenrolmentFacts, type AlertRecord } from './alert-records';
import { alertText, runErrors } from './alert-text';
import { countFacts } from './sync-counts';
import {
  stocktakeLabels,
  stocktakeSteps,
  type StocktakeLabel,
  type StocktakeSteps,
} from './alert-stocktake';

export { alertText };

/** MDM records side by side: more than 3 columns is unreadable in Teams. */
export const ALERT_RECORDS_MAX = 3;
export const ALERT_LINES_MAX = 5;

export type AlertKind =
  'duplicate' | 'conflict' | 'missing' | 'reenrolment' | 'failed' | 'held' | 'stocktake';

const KINDS: Record<AlertType, AlertKind> = {
  duplicate: 'duplicate',
  'asset-number-conflict': 'conflict',
  'missing-from-mdm': 'missing',
  reenrolment: 'reenrolment',
  'sync-failed': 'failed',
  'sync-partial': 'failed',
  'run-held': 'held',
  'stocktake-answer': 'stocktake',
};

export interface AlertCardData {
  alertId: string;
  kind: AlertKind;
  title: string;
  titleColor: 'Warning' | 'Attention';
  text: string;
  facts: Fact[];
  /** Duplicates: one column per device. */
  records: AlertRecord[];
  recordsMore: string;
  /** Errors of a failed or partial run. */
  lines: { text: string }[];
  linesMore: string;
  /** Conflict: the device's current (SYS) number; missing: the device. "" otherwise. */
  assetNumber: string;
  /** Held run, for approve/reject; "" otherwise. */
  runId: string;
  /** A stocktake answer: its stocktake, the steps offered, a serial proposal to accept. */
  stocktake: StocktakeSteps;
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
    | 'reject'
    | StocktakeLabel,
    string
  >;
}

/** Who acted on an alert, to update its card in place. */
export interface AlertResolution {
  by: string;
  verb: Verb;
  at: Date;
}

export function alertCardData(
  alert: AlertDoc,
  locale: Locale,
  options: CardOptions & { resolution?: AlertResolution; actorNames?: Record<string, string> } = {},
): AlertCardData {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const kind = KINDS[alert.type];
  const labels = alertLabels(locale);
  const { records, facts, assetNumber } = kindDetails(alert, locale, tz);
  const shownRecords = bounded(records, ALERT_RECORDS_MAX, locale);
  const lines = bounded(runErrors(alert), ALERT_LINES_MAX, locale);
  const r = options.resolution;
  const resolved = !!r || alert.status === 'resolved';
  return {
    alertId: alert._id,
    kind,
    title: alert.provider
      ? t(locale, 'card.alert.title', {
          type: t(locale, `card.alertType.${alert.type}`),
          provider: providerName(alert.provider),
        })
      : t(locale, `card.alertType.${alert.type}`),
    titleColor: kind === 'failed' && alert.type === 'sync-failed' ? 'Attention' : 'Warning',
    text: alertText(alert, locale),
    facts,
    records: shownRecords.shown,
    recordsMore: shownRecords.more,
    lines: lines.shown.map((text) => ({ text: clip(text, 200) })),
    linesMore: lines.more,
    assetNumber,
    runId: alert.type === 'run-held' && alert.runId ? alert.runId.toHexString() : '',
    stocktake: stocktakeSteps(alert, locale),
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
        alert.type === 'duplicate' && alert.payload.side === 'ledger'
          ? t(locale, 'card.alert.recordsLedger')
          : labels.records,
    },
  };
}

/** What only some kinds show: a duplicate's devices, a device's number, a run's counts. */
function kindDetails(
  alert: AlertDoc,
  locale: Locale,
  tz: string,
): { records: AlertRecord[]; facts: Fact[]; assetNumber: string } {
  const none = { records: [], facts: [], assetNumber: '' };
  switch (alert.type) {
    case 'duplicate':
      return { ...none, records: duplicateRecords(alert, locale, tz) };
    case 'asset-number-conflict':
      return { ...none, assetNumber: alert.payload.assignedAssetNumber };
    case 'missing-from-mdm':
    case 'stocktake-answer':
      return { ...none, assetNumber: alert.payload.assetNumber };
    case 'reenrolment':
      return {
        ...none,
        assetNumber: alert.payload.assetNumber ?? '',
        facts: reenrolmentFacts(alert.payload, locale, tz),
      };
    case 'run-held':
      return { ...none, facts: countFacts(alert.payload.counts ?? {}, locale) };
    default:
      return none;
  }
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
  if (verb === VERBS.stocktakeMarkLost) return labels.markLost;
  if (verb === VERBS.stocktakeReassign) return labels.reassign;
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
    ...stocktakeLabels(locale),
  };
}

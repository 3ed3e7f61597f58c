import { isMessageKey, t, type Locale } from '../i18n/messages';
import type { AttributeChange, ProvisioningPlan } from '../provisioning/plan-types';
import type { ProvisioningRunStatus } from '../provisioning/provisioning-runs';
import {
  actorLabel,
  bounded,
  clip,
  count,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  type CardOptions,
  type Fact,
} from './format';
import { kindLabel, subjectLabel, type ProvisionSubject } from './provision-format';

/** Failures shown; the log (and the "why" card of each person) keeps them all. */
export const RESULT_FAILURES_MAX = 8;

/** What a result card reads of a run (a ProvisioningRunDoc, id as text). */
export interface ProvisionResultRunView {
  id: string;
  status: ProvisioningRunStatus;
  plan: ProvisioningPlan;
  by: string;
  decidedBy: string | null;
  endedAt: Date | null;
  counts: { ok: number; failed: number; skipped: number };
  requests: number;
  error: string | null;
}

/** One entry of the provisioning log (a ProvisioningLogDoc). */
export interface ProvisionLogView {
  runId: string;
  subject: ProvisionSubject;
  operation: string;
  result: 'ok' | 'failed' | 'skipped';
  detail: string;
  changes: AttributeChange[];
  error: { status: number; code: string; message: string; requestId: string | null } | null;
  at: Date;
}

export interface ProvisionResultCardData {
  runId: string;
  title: string;
  titleColor: 'Default' | 'Good' | 'Warning' | 'Attention';
  meta: string;
  counts: Fact[];
  errorText: string;
  failuresTitle: string;
  failures: { title: string; text: string; error: string }[];
  failuresMore: string;
  /**
   * New accounts' first passwords are never in Teams: where they come from instead. Empty when
   * the run created no account.
   */
  passwordNote: string;
  isAdmin: boolean;
  labels: { refresh: string };
}

const COLORS: Record<string, ProvisionResultCardData['titleColor']> = {
  applied: 'Good',
  partial: 'Warning',
  failed: 'Attention',
  rejected: 'Default',
};

/**
 * What an apply did: counts, the failures with Graph's code and request id, and — never a
 * password — how to give new accounts their first password.
 */
export function provisionResultCardData(
  run: ProvisionResultRunView,
  failures: ProvisionLogView[],
  locale: Locale,
  options: CardOptions & { isAdmin: boolean; names?: Record<string, string> },
): ProvisionResultCardData {
  const shown = bounded(failures, RESULT_FAILURES_MAX, locale);
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const created = run.plan.summary.createUser;
  return {
    runId: run.id,
    title: t(locale, 'card.provisionResult.title', {
      status: t(locale, `provision.status.${run.status}`),
    }),
    titleColor: COLORS[run.status] ?? 'Default',
    meta: t(locale, 'card.provisionResult.meta', {
      at: run.endedAt ? formatDateTime(run.endedAt, tz) : t(locale, 'card.none'),
      by: actorLabel(run.decidedBy ?? run.by, locale),
      runId: run.id,
    }),
    counts: [
      { title: t(locale, 'card.provision.result.ok'), value: count(run.counts.ok, locale) },
      { title: t(locale, 'card.provision.result.failed'), value: count(run.counts.failed, locale) },
      {
        title: t(locale, 'card.provision.result.skipped'),
        value: count(run.counts.skipped, locale),
      },
      { title: t(locale, 'card.provisionResult.requests'), value: count(run.requests, locale) },
    ],
    errorText: run.error ? clip(run.error, 300) : '',
    failuresTitle: t(locale, 'card.provisionResult.failures', {
      count: count(failures.length, locale),
    }),
    failures: shown.shown.map((f) => logLines(f, locale, options.names, tz)),
    failuresMore: shown.more,
    passwordNote:
      created > 0
        ? t(locale, 'card.provisionResult.passwordNote', { count: count(created, locale) })
        : '',
    isAdmin: options.isAdmin,
    labels: { refresh: t(locale, 'card.provision.refresh') },
  };
}

/** A log entry as a headline, what was done, and Graph's error (code, message, request id). */
export function logLines(
  entry: ProvisionLogView,
  locale: Locale,
  names: Record<string, string> = {},
  timeZone = DEFAULT_TIME_ZONE,
): { title: string; text: string; error: string } {
  return {
    title: t(locale, 'card.provision.logTitle', {
      subject: subjectLabel(entry.subject, locale, names),
      operation: kindLabel(entry.operation, locale),
      result: t(locale, `card.provision.result.${entry.result}`),
      at: formatDateTime(entry.at, timeZone),
    }),
    text: clip(detailText(entry, locale), 200),
    error: entry.error ? graphErrorText(entry.error, locale) : '',
  };
}

/**
 * What was done: ids and names for a success (no language), a reason key for a failure or a skip
 * (`provision.detail.<key>`); an unknown key is shown as it is.
 */
export function detailText(
  entry: Pick<ProvisionLogView, 'result' | 'detail'>,
  locale: Locale,
): string {
  if (entry.result === 'ok' || !entry.detail) return entry.detail;
  const key = `provision.detail.${entry.detail}`;
  return isMessageKey(key) ? t(locale, key) : entry.detail;
}

export function graphErrorText(
  error: NonNullable<ProvisionLogView['error']>,
  locale: Locale,
): string {
  return t(locale, 'card.provision.graphError', {
    code: clip(error.code || '-', 60),
    message: clip(error.message || '-', 200),
    status: error.status,
    requestId: clip(error.requestId ?? t(locale, 'card.none'), 60),
  });
}

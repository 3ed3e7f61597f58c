import type { AlertDoc, IntegrationDoc, SyncRunDoc } from '../db/collections';
import { t, type Locale } from '../i18n/messages';
import {
  actorLabel,
  count,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  providerName,
  type CardOptions,
  type Fact,
} from './format';
import { assetRuleLabel, matchKeyLabel } from './link-wizard';

/** The last few runs; `daicho sync` history has the rest. */
export const STATUS_RUNS_MAX = 5;

export const ALERT_TYPES: AlertDoc['type'][] = [
  'run-held',
  'sync-failed',
  'sync-partial',
  'duplicate',
  'asset-number-conflict',
  'missing-from-mdm',
  'reenrolment',
];

export interface StatusCardData {
  title: string;
  integration: string;
  integrationFacts: Fact[];
  runs: { headline: string; detail: string; color: 'Default' | 'Good' | 'Warning' | 'Attention' }[];
  /** Open alerts by type (only types that have some). */
  alerts: Fact[];
  canSync: boolean;
  canLink: boolean;
  canUnlink: boolean;
  labels: {
    runs: string;
    noRuns: string;
    alerts: string;
    noAlerts: string;
    sync: string;
    link: string;
    unlink: string;
    devices: string;
  };
}

const RUN_COLORS: Partial<Record<SyncRunDoc['status'], StatusCardData['runs'][number]['color']>> = {
  success: 'Good',
  partial: 'Warning',
  held: 'Warning',
  failed: 'Attention',
};

export function statusCardData(
  state: {
    /** The master integration (`integrations` `_id: 'master'`), null when none. */
    master: IntegrationDoc | null;
    /** Newest first. */
    runs: SyncRunDoc[];
    openAlerts: Partial<Record<AlertDoc['type'], number>>;
  },
  locale: Locale,
  options: CardOptions & { isAdmin: boolean; actorNames?: Record<string, string> },
): StatusCardData {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const m = state.master;
  const integrationFacts: Fact[] = [];
  if (m) {
    if (m.matchKey)
      integrationFacts.push({
        title: t(locale, 'card.link.matchKey'),
        value: matchKeyLabel(m.matchKey, m.provider, locale),
      });
    if (m.assetNumberRule)
      integrationFacts.push({
        title: t(locale, 'card.link.assetRule'),
        value: assetRuleLabel(m.assetNumberRule, m.provider, locale),
      });
    integrationFacts.push({
      title: t(locale, 'card.status.since'),
      value: `${formatDateTime(m.at, tz)} (${actorLabel(m.by, locale, options.actorNames)})`,
    });
  }
  const zero = (n: number | undefined) => count(n ?? 0, locale);
  return {
    title: t(locale, 'card.status.title'),
    integration: m
      ? t(locale, 'card.status.linked', { provider: providerName(m.provider) })
      : t(locale, 'card.status.notLinked'),
    integrationFacts,
    runs: state.runs.slice(0, STATUS_RUNS_MAX).map((r) => ({
      headline: [
        formatDateTime(r.startedAt, tz),
        providerName(r.provider),
        t(locale, `card.run.${r.status}`),
      ].join(' · '),
      detail: t(locale, 'card.status.runCounts', {
        created: zero(r.counts.created),
        updated: zero(r.counts.updated),
        duplicates: zero(r.counts.duplicates),
        conflicts: zero(r.counts.conflicts),
        missing: zero(r.counts.missing),
      }),
      color: RUN_COLORS[r.status] ?? 'Default',
    })),
    alerts: ALERT_TYPES.filter((type) => (state.openAlerts[type] ?? 0) > 0).map((type) => ({
      title: t(locale, `card.alertType.${type}`),
      value: zero(state.openAlerts[type]),
    })),
    canSync: options.isAdmin && !!m,
    canLink: options.isAdmin && !m,
    canUnlink: options.isAdmin && !!m,
    labels: {
      runs: t(locale, 'card.status.runs'),
      noRuns: t(locale, 'card.status.noRuns'),
      alerts: t(locale, 'card.status.alerts'),
      noAlerts: t(locale, 'card.status.noAlerts'),
      sync: t(locale, 'card.action.sync'),
      link: t(locale, 'card.action.link'),
      unlink: t(locale, 'card.action.unlink'),
      devices: t(locale, 'card.action.devices'),
    },
  };
}

import { t, type Locale } from '../i18n/messages';
import type { SyncResult } from '../sync/sync-service';
import { bounded, clip, count, providerName, type Fact } from './format';
import { countFacts } from './sync-counts';

/** Error lines shown; the run record and the log keep them all. */
export const SYNC_ERRORS_MAX = 5;

export interface SyncSummaryCardData {
  title: string;
  titleColor: 'Default' | 'Good' | 'Warning' | 'Attention';
  counts: Fact[];
  /** True when the safety limit held the run: the approve/reject buttons show. */
  held: boolean;
  heldText: string;
  /** The held run, for approve/reject ("" when not held). */
  runId: string;
  errorsTitle: string;
  errors: { text: string }[];
  errorsMore: string;
  labels: { approve: string; reject: string; status: string };
}

const COLORS: Partial<Record<SyncResult['status'], SyncSummaryCardData['titleColor']>> = {
  success: 'Good',
  partial: 'Warning',
  held: 'Warning',
  failed: 'Attention',
};

export function syncSummaryCardData(result: SyncResult, locale: Locale): SyncSummaryCardData {
  const held = result.status === 'held' && !!result.held && !!result.runId;
  const errors = bounded(result.errors, SYNC_ERRORS_MAX, locale);
  return {
    title: t(locale, 'card.syncSummary.title', {
      provider: providerName(result.provider),
      status: t(locale, `card.run.${result.status}`),
    }),
    titleColor: COLORS[result.status] ?? 'Default',
    counts: countFacts(result.counts, locale),
    held,
    heldText: result.held
      ? t(locale, 'card.syncSummary.held', {
          changes: count(result.held.changes, locale),
          syncedBefore: count(result.held.syncedBefore, locale),
          percent: result.held.percent,
        })
      : '',
    runId: held ? result.runId! : '',
    errorsTitle: t(locale, 'card.syncSummary.errors', {
      count: count(result.errors.length, locale),
    }),
    errors: errors.shown.map((e) => ({ text: clip(e, 200) })),
    errorsMore: errors.more,
    labels: {
      approve: t(locale, 'card.syncSummary.approve'),
      reject: t(locale, 'card.syncSummary.reject'),
      status: t(locale, 'card.action.status'),
    },
  };
}

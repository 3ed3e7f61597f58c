import { t, type Locale } from '../i18n/messages';
import type { MdmProvider } from '../ledger/device';
import type { SyncCounts } from '../sync/summary';
import {
  count,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  providerName,
  type CardOptions,
  type Fact,
} from './format';
import { countFacts } from './sync-counts';

export type SyncPhase = 'reading' | 'reconciling' | 'applying';

/** Sent when a sync starts and updated in place (same activity id) as it goes. */
export interface SyncProgressCardData {
  title: string;
  text: string;
  started: string;
  counts: Fact[];
}

export function syncProgressCardData(
  progress: {
    provider: MdmProvider;
    phase: SyncPhase;
    /** MDM devices read so far. */
    read: number;
    /** Counts known so far (after reconcile); none while reading. */
    counts?: Partial<SyncCounts>;
    startedAt: Date;
  },
  locale: Locale,
  options: CardOptions = {},
): SyncProgressCardData {
  return {
    title: t(locale, 'card.syncProgress.title', { provider: providerName(progress.provider) }),
    text: t(locale, `card.syncProgress.${progress.phase}`, { count: count(progress.read, locale) }),
    started: t(locale, 'card.syncProgress.started', {
      when: formatDateTime(progress.startedAt, options.timeZone ?? DEFAULT_TIME_ZONE),
    }),
    counts: countFacts(progress.counts ?? {}, locale),
  };
}

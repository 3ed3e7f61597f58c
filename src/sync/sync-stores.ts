import { Alerts } from '../alerts';
import type { Collections } from '../db/collections';
import { Leases } from '../lease/lease';
import type { LedgerService } from '../ledger/ledger-service';
import { Integrations } from './integrations';
import { SyncRuns } from './sync-runs';

/** The owners a sync works with: the ledger writes, the others keep the run's bookkeeping. */
export interface SyncStores {
  ledger: LedgerService;
  runs: SyncRuns;
  integrations: Integrations;
  leases: Leases;
  /** A run's own alerts (failed, partial, held) and their resolution; findings go with a commit. */
  alerts: Alerts;
}

/** The sync's owners over `c`; the composition root passes the alerts and lease owners it built. */
export function syncStores(
  c: Collections,
  ledger: LedgerService,
  alerts = new Alerts(c),
  leases = new Leases(c.leases),
): SyncStores {
  return {
    ledger,
    runs: new SyncRuns(c.syncRuns),
    integrations: new Integrations(c.integrations),
    leases,
    alerts,
  };
}

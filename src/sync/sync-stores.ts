import type { Collection } from 'mongodb';
import type { AlertDoc, Collections, LeaseDoc } from '../db/collections';
import type { MdmProvider } from '../ledger/device';
import type { LedgerService } from '../ledger/ledger-service';
import { raiseAlerts } from './alerts';
import { Integrations } from './integrations';
import { SyncRuns } from './sync-runs';

/**
 * What the alerts outbox does for a sync beyond a commit's findings: raise a run's own alerts
 * (failed, partial, held), resolve them, count the open ones. One seam, for the alerts module.
 */
export interface SyncAlerts {
  raise(docs: AlertDoc[]): Promise<number>;
  resolveRunHeld(runId: string): Promise<void>;
  resolvePendingOf(provider: MdmProvider): Promise<void>;
  countOpen(): Promise<number>;
}

/** The owners a sync works with: the ledger writes, the others keep the run's bookkeeping. */
export interface SyncStores {
  ledger: LedgerService;
  runs: SyncRuns;
  integrations: Integrations;
  leases: Collection<LeaseDoc>;
  alerts: SyncAlerts;
}

export function syncStores(c: Collections, ledger: LedgerService): SyncStores {
  return {
    ledger,
    runs: new SyncRuns(c.syncRuns),
    integrations: new Integrations(c.integrations),
    leases: c.leases,
    alerts: {
      raise: (docs) => raiseAlerts(c, docs),
      resolveRunHeld: async (runId) => {
        await c.alerts.updateMany({ _id: `run-held:${runId}` }, { $set: { status: 'resolved' } });
      },
      resolvePendingOf: async (provider) => {
        await c.alerts.updateMany(
          { provider, status: 'pending' },
          { $set: { status: 'resolved' } },
        );
      },
      countOpen: () => c.alerts.countDocuments({ status: { $in: ['pending', 'sending'] } }),
    },
  };
}

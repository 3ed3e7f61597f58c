import type { Collection } from 'mongodb';
import type {
  AlertDoc,
  Collections,
  CounterDoc,
  FieldHistoryDoc,
  ReservationDoc,
  SyncJournalDoc,
  UsageDoc,
} from '../db/collections';
import { Alerts } from './alert-seam';
import type { StoredDevice } from './device';

/**
 * The records the ledger owns — devices, their field and usage history, the SYS counter, the
 * asset-number reservations and the sync journal — and the one way out to the alerts outbox.
 * Nothing outside src/ledger/ holds these handles.
 */
export interface LedgerStore {
  devices: Collection<StoredDevice>;
  fieldHistory: Collection<FieldHistoryDoc>;
  usageHistory: Collection<UsageDoc>;
  counters: Collection<CounterDoc>;
  reservations: Collection<ReservationDoc>;
  syncJournal: Collection<SyncJournalDoc>;
  raiseAlerts(docs: AlertDoc[]): Promise<number>;
}

export function ledgerStore(c: Collections): LedgerStore {
  const alerts = new Alerts(c);
  return {
    devices: c.devices,
    fieldHistory: c.fieldHistory,
    usageHistory: c.usageHistory,
    counters: c.counters,
    reservations: c.reservations,
    syncJournal: c.syncJournal,
    raiseAlerts: (docs) => alerts.raise(docs),
  };
}

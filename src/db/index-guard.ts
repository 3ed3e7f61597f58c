import type { Collection, Db, MongoClient } from 'mongodb';

/** The Collection methods that write: each waits for the indexes after a reconnection. */
const WRITES = new Set<string>([
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'bulkWrite',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
]);

export interface IndexGuard {
  /** The database whose collections re-establish the indexes before their next write. */
  db: Db;
  /** Creates the indexes now if the server was lost since they were last checked. */
  ready(): Promise<void>;
  /** True while the indexes have not been re-checked since the server was lost. */
  readonly pending: boolean;
}

/**
 * The ledger's guarantees (unique asset numbers, one record per MDM device) live in unique
 * indexes, and a server that comes back empty — a restarted in-memory server, a restored or
 * recreated database — comes back without them. Whenever the driver loses the server (a failed
 * heartbeat, a cleared pool, a connection closed by the server), the next write first re-creates the indexes (idempotent, once for
 * all writers waiting), so no write lands on a collection without its unique index.
 */
export function guardIndexes(
  client: MongoClient,
  raw: Db,
  ensure: (db: Db) => Promise<void>,
): IndexGuard {
  let lost = false;
  let running: Promise<void> | undefined;
  const markLost = () => {
    lost = true;
  };
  client.on('serverHeartbeatFailed', markLost);
  client.on('connectionPoolCleared', markLost);
  // A server that dies closes its sockets: the driver drops the connection ("error") and would
  // quietly open a new one to whatever listens there next, without a failed heartbeat.
  client.on('connectionClosed', (event) => {
    if (event.reason === 'error' || event.reason === 'stale') markLost();
  });

  const ready = (): Promise<void> => {
    if (!lost) return Promise.resolve();
    running ??= (async () => {
      // Cleared first: a loss while the indexes are being created marks it again.
      lost = false;
      try {
        await ensure(raw);
      } catch (e) {
        lost = true;
        throw e;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const guardCollection = <T extends Collection<never>>(coll: T): T =>
    new Proxy(coll, {
      get(target, prop) {
        // The driver's own object is `this` for every member, never the proxy.
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (typeof prop !== 'string' || !WRITES.has(prop))
          return (value as () => unknown).bind(target);
        return async (...args: unknown[]) => {
          await ready();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });

  const db = new Proxy(raw, {
    get(target, prop) {
      if (prop === 'collection') {
        return (...args: Parameters<Db['collection']>) =>
          guardCollection(target.collection(...args) as Collection<never>);
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return {
    db,
    ready,
    get pending() {
      return lost;
    },
  };
}

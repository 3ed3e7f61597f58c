import { Db, MongoClient, MongoError, type MongoClientOptions } from 'mongodb';
import type { Config } from '../config/config';
import { DaichoError } from '../errors';
import { maskUri } from '../secrets';
import { ensureEmbeddedServer } from './embedded/embedded';
import { firstNoticeOfStart, type EmbeddedServerRecord } from './embedded/registry';
import { ensureIndexes } from './collections';
import { guardIndexes } from './index-guard';

export { maskUri };

/**
 * How long Daicho waits on a database that does not answer. A frozen server (stopped, not dead:
 * its socket stays open) is noticed by the heartbeat (every 2 s, 3 s to answer), which fails the
 * operations waiting on it; a new operation waits at most 5 s for a server. So a turn fails in
 * about 10 s with a sentence instead of hanging, while a long write on a healthy server (a first
 * sync's bulk writes) is not cut short by a tight socket timeout.
 */
export const DB_TIMEOUTS = {
  serverSelectionTimeoutMS: 5_000,
  connectTimeoutMS: 3_000,
  heartbeatFrequencyMS: 2_000,
  // A backstop for a server that answers its heartbeat but never one command (a stuck lock):
  // far above any one command Daicho sends (a batch of 500 writes), so it never cuts real work.
  socketTimeoutMS: 120_000,
} as const satisfies MongoClientOptions;

export interface DatabaseInfo {
  /** external: MONGODB_URI; mongod / emulator: the embedded default. */
  kind: 'external' | 'mongod' | 'emulator';
  /** The connection string with any password masked, safe to print and log. */
  uri: string;
  name: string;
  persistent: boolean;
}

export interface Database {
  client: MongoClient;
  /** Its collections re-create the indexes before their first write after the server was lost. */
  db: Db;
  indexes: { ready(): Promise<void>; readonly pending: boolean };
  info: DatabaseInfo;
  /**
   * True the first time any process asks about `notice` since the embedded server started (so
   * a warning is printed once per start, not on every command); always false with MONGODB_URI.
   */
  firstNoticeOfStart(notice: string): boolean;
  close(): Promise<void>;
}

/** Resolves the server (MONGODB_URI, else the embedded default), connects and ensures indexes. */
export async function openDatabase(config: Config): Promise<Database> {
  let uri: string;
  let kind: DatabaseInfo['kind'];
  let embedded: EmbeddedServerRecord | undefined;
  if (config.mongodbUri) {
    uri = config.mongodbUri;
    kind = 'external';
  } else {
    const { record } = await ensureEmbeddedServer(
      config.dataDir,
      config.embeddedDb,
      config.embeddedPort,
    ).catch((e: unknown) => {
      // Already a sentence of its own (a pinned port in use).
      if (e instanceof DaichoError) throw e;
      throw new DaichoError(
        'DB_UNAVAILABLE',
        'db.unavailable',
        {
          uri: 'embedded',
          reason: e instanceof Error ? e.message : String(e),
        },
        { cause: e },
      );
    });
    uri = `mongodb://127.0.0.1:${record.port}/?directConnection=true`;
    kind = record.kind;
    embedded = record;
  }
  let client: MongoClient;
  try {
    client = new MongoClient(uri, { appName: 'daicho', ...DB_TIMEOUTS });
  } catch (e) {
    // The driver's parse error may quote the string: say what is wrong without it.
    throw new DaichoError(
      'DB_UNAVAILABLE',
      'db.unavailable',
      { uri: maskUri(uri), reason: maskUri(e instanceof Error ? e.message : String(e)) },
      { cause: e },
    );
  }
  try {
    await client.connect();
    const raw = client.db(config.mongodbDb);
    await ensureIndexes(raw);
    const guard = guardIndexes(client, raw, ensureIndexes);
    return {
      client,
      db: guard.db,
      indexes: guard,
      info: { kind, uri: maskUri(uri), name: config.mongodbDb, persistent: kind !== 'emulator' },
      firstNoticeOfStart: (notice) =>
        !!embedded && firstNoticeOfStart(config.dataDir, embedded, notice),
      close: () => client.close(),
    };
  } catch (e) {
    await client.close().catch(() => undefined);
    throw new DaichoError(
      'DB_UNAVAILABLE',
      'db.unavailable',
      {
        uri: maskUri(uri),
        reason: maskUri(e instanceof Error ? e.message : String(e)),
      },
      { cause: e },
    );
  }
}

/**
 * The database did not answer (no server, a frozen one, a dropped connection): what a user is
 * told as "the ledger is not reachable", unlike a refused write or a bug.
 */
export function isDatabaseUnreachable(e: unknown): boolean {
  if (!(e instanceof MongoError)) return false;
  return [
    'MongoServerSelectionError',
    'MongoNetworkError',
    'MongoNetworkTimeoutError',
    'MongoOperationTimeoutError',
    'MongoPoolClearedError',
    'MongoTopologyClosedError',
    'MongoNotConnectedError',
    'MongoWaitQueueTimeoutError',
  ].includes(e.name);
}

import { Db, MongoClient } from 'mongodb';
import type { Config } from '../config/config';
import { DaichoError } from '../errors';
import { ensureEmbeddedServer } from './embedded/embedded';
import { ensureIndexes } from './collections';

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
  db: Db;
  info: DatabaseInfo;
  close(): Promise<void>;
}

export function maskUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

/** Resolves the server (MONGODB_URI, else the embedded default), connects and ensures indexes. */
export async function openDatabase(config: Config): Promise<Database> {
  let uri: string;
  let kind: DatabaseInfo['kind'];
  if (config.mongodbUri) {
    uri = config.mongodbUri;
    kind = 'external';
  } else {
    const { record } = await ensureEmbeddedServer(config.dataDir, config.embeddedDb).catch(
      (e: unknown) => {
        throw new DaichoError(
          'DB_UNAVAILABLE',
          'db.unavailable',
          {
            uri: 'embedded',
            reason: e instanceof Error ? e.message : String(e),
          },
          { cause: e },
        );
      },
    );
    uri = `mongodb://127.0.0.1:${record.port}/?directConnection=true`;
    kind = record.kind;
  }
  const client = new MongoClient(uri, { appName: 'daicho', serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const db = client.db(config.mongodbDb);
    await ensureIndexes(db);
    return {
      client,
      db,
      info: { kind, uri: maskUri(uri), name: config.mongodbDb, persistent: kind !== 'emulator' },
      close: () => client.close(),
    };
  } catch (e) {
    await client.close().catch(() => undefined);
    throw new DaichoError(
      'DB_UNAVAILABLE',
      'db.unavailable',
      {
        uri: maskUri(uri),
        reason: e instanceof Error ? e.message : String(e),
      },
      { cause: e },
    );
  }
}

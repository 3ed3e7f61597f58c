import { randomBytes } from 'node:crypto';
import { Db, MongoClient } from 'mongodb';
import { collections, ensureIndexes, type Collections } from '../../src/db/collections';
import { LedgerService } from '../../src/ledger/ledger-service';
import { serialMatcher } from '../../src/ledger/serial';

export interface TestDb {
  uri: string;
  client: MongoClient;
  db: Db;
  name: string;
  c: Collections;
  ledger: LedgerService;
  close(): Promise<void>;
}

export function testUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri)
    throw new Error(
      'TEST_MONGODB_URI is not set: run integration tests through jest (global-setup)',
    );
  return uri;
}

/** A fresh database with the product's indexes, on the real wire-protocol server. */
export async function openTestDb(): Promise<TestDb> {
  const uri = testUri();
  const client = await new MongoClient(uri).connect();
  const name = `daicho_test_${randomBytes(4).toString('hex')}`;
  const db = client.db(name);
  await ensureIndexes(db);
  const c = collections(db);
  return {
    uri,
    client,
    db,
    name,
    c,
    ledger: new LedgerService(c, serialMatcher()),
    close: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

import { MongoClient, MongoServerError, type Db } from 'mongodb';
import type { Config } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { t } from '../i18n/messages';
import { maskUri } from '../secrets';
import { fail, ok, type CheckContext, type DoctorCheck } from './check';

/**
 * A database that does not answer within this is reported as unreachable. 5 s, not less: a
 * busy server (or the emulator shared by a test run) can take seconds to accept a connection,
 * and "unreachable" for a database that is merely slow sends the admin the wrong way.
 */
export const DB_WAIT_MS = 5_000;

/**
 * The unique indexes the ledger's guarantees rest on (src/db/collections.ts creates them at
 * every start; listed here by name, since only the records' owners use the collections).
 */
export const UNIQUE_INDEXES: Record<string, string[]> = {
  devices: ['assetNumber_unique', 'mdmDevice_unique'],
  usageHistory: ['device_user_from_unique'],
  workflows: ['activeFor_unique'],
  people: ['personId_unique', 'm365AccountId_unique'],
  directoryGroups: ['name_unique', 'm365GroupId_unique'],
};

/** The database: reachable (ping), writable (an upsert and a delete), indexes, version. */
export async function checkDatabase(ctx: CheckContext, config: Config): Promise<DoctorCheck> {
  // Daicho's own embedded database is opened as every Daicho process opens it (the indexes are
  // created then): a fresh one, started by this very check, is not a broken one. A database
  // named by MONGODB_URI is only looked at, never changed (but for the scratch document).
  if (!config.mongodbUri) return checkEmbedded(ctx, config);
  const uri = config.mongodbUri;
  const client = new MongoClient(uri, {
    appName: 'daicho-doctor',
    serverSelectionTimeoutMS: DB_WAIT_MS,
    connectTimeoutMS: DB_WAIT_MS,
    socketTimeoutMS: 10_000,
  });
  try {
    return await inspect(
      ctx,
      client.db(config.mongodbDb),
      `${maskUri(uri)} db=${config.mongodbDb}`,
    );
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function checkEmbedded(ctx: CheckContext, config: Config): Promise<DoctorCheck> {
  let database: Database;
  try {
    database = await openDatabase(config);
  } catch (e) {
    const detail = t(ctx.locale, 'doctor.detail.embeddedFailed', { reason: message(e) });
    return fail(ctx, 'database', detail, 'doctor.fix.dbUnreachable');
  }
  try {
    const { uri, name } = database.info;
    return await inspect(ctx, database.db, t(ctx.locale, 'doctor.detail.embedded', { uri, name }));
  } finally {
    await database.close().catch(() => undefined);
  }
}

/** Reachable (ping), writable (a scratch document), the unique indexes, the server's version. */
async function inspect(ctx: CheckContext, db: Db, where: string): Promise<DoctorCheck> {
  try {
    await db.command({ ping: 1 });
  } catch (e) {
    const detail = t(ctx.locale, 'doctor.detail.dbUnreachable', { where, reason: message(e) });
    return fail(ctx, 'database', detail, 'doctor.fix.dbUnreachable');
  }
  const version = await serverVersion(db);
  try {
    await writeAndDelete(db);
  } catch (e) {
    const detail = t(ctx.locale, 'doctor.detail.dbWriteFailed', { where, reason: message(e) });
    return fail(ctx, 'database', detail, 'doctor.fix.dbReadOnly');
  }
  const missing = await missingIndexes(db);
  if (missing.length > 0) {
    const detail = t(ctx.locale, 'doctor.detail.dbIndexesMissing', {
      where,
      version,
      missing: missing.join(', '),
    });
    return fail(ctx, 'database', detail, 'doctor.fix.dbIndexes');
  }
  return ok('database', t(ctx.locale, 'doctor.detail.dbOk', { where, version }));
}

async function serverVersion(db: Db): Promise<string> {
  try {
    const info = await db.admin().command({ buildInfo: 1 });
    return typeof info.version === 'string' ? info.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A doctor document written and removed again: proves the user may write, leaves nothing. */
async function writeAndDelete(db: Db): Promise<void> {
  const scratch = db.collection<{ _id: string; at: Date }>('doctor');
  const _id = `doctor-${process.pid}-${Date.now()}`;
  await scratch.findOneAndUpdate({ _id }, { $set: { at: new Date() } }, { upsert: true });
  await scratch.deleteOne({ _id });
}

async function missingIndexes(db: Db): Promise<string[]> {
  const missing: string[] = [];
  for (const [collection, names] of Object.entries(UNIQUE_INDEXES)) {
    let present: { name?: string; unique?: boolean }[] = [];
    try {
      present = await db.collection(collection).listIndexes().toArray();
    } catch (e) {
      // No such collection yet: none of its indexes exist.
      if (!(e instanceof MongoServerError)) throw e;
    }
    for (const name of names)
      if (!present.some((index) => index.name === name && index.unique === true))
        missing.push(`${collection}.${name}`);
  }
  return missing;
}

function message(e: unknown): string {
  return maskUri(e instanceof Error ? e.message : String(e));
}

import type { Collection, IndexDescription } from 'mongodb';

/** IndexOptionsConflict, IndexKeySpecsConflict: an index of that name or key differs. */
const INDEX_CONFLICT = new Set([85, 86]);
const INDEX_NOT_FOUND = 27;
/** What makes two index definitions the same, for MongoDB. */
const INDEX_OPTIONS = ['key', 'unique', 'sparse', 'expireAfterSeconds', 'partialFilterExpression'];

/**
 * createIndexes, and when an older definition is in the way (e.g. a plain index on the key that
 * is now a TTL index, or the same name with other options), MongoDB refuses the whole command:
 * then the older indexes of the same name or key are dropped and the command run again. Only for
 * non-unique indexes: for a moment there is no index, which costs speed but no guarantee. A
 * conflict with a unique index (or with the _id index) is left to fail the start, for a person.
 */
export async function createIndexes(coll: Collection, indexes: IndexDescription[]): Promise<void> {
  try {
    await coll.createIndexes(indexes);
    return;
  } catch (e) {
    if (!INDEX_CONFLICT.has((e as { code?: unknown }).code as number)) throw e;
    const json = (v: unknown) => JSON.stringify(v ?? null);
    const option = (index: object, o: string) => json((index as Record<string, unknown>)[o]);
    const existing = (await coll.listIndexes().toArray()) as Record<string, unknown>[];
    const conflicts = existing.flatMap((old) =>
      indexes
        .filter(
          (want) =>
            (old.name === want.name || json(old.key) === json(want.key)) &&
            (old.name !== want.name ||
              INDEX_OPTIONS.some((o) => option(old, o) !== option(want, o))),
        )
        .map((want) => ({ old, want })),
    );
    const replaceable = conflicts.every(
      ({ old, want }) => old.name !== '_id_' && !old.unique && !want.unique,
    );
    if (conflicts.length === 0 || !replaceable) throw e;
    for (const name of new Set(conflicts.map(({ old }) => old.name as string))) {
      // Another replica starting at the same moment may have dropped it already.
      await coll.dropIndex(name).catch((err: unknown) => {
        if ((err as { code?: unknown }).code !== INDEX_NOT_FOUND) throw err;
      });
    }
    await coll.createIndexes(indexes);
  }
}

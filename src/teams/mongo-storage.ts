import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Collection } from 'mongodb';

export interface BotStateDoc {
  _id: string;
  eTag: string;
  /** The item, JSON-encoded: botbuilder keys contain dots and dollars MongoDB field names cannot. */
  json: string;
  updatedAt: Date;
}

/**
 * botbuilder's `Storage` on MongoDB, so conversation and dialog state survive a restart and are
 * shared by every replica. Optimistic concurrency as botbuilder defines it: an item written with
 * an `eTag` other than "*" must still have that eTag, else the write fails.
 */
export class MongoStorage implements Storage {
  constructor(private readonly docs: Collection<BotStateDoc>) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    for (const doc of await this.docs.find({ _id: { $in: keys } }).toArray()) {
      items[doc._id] = { ...JSON.parse(doc.json), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string };
      const next = { eTag: randomUUID(), json: JSON.stringify(value), updatedAt: new Date() };
      if (!eTag || eTag === '*') {
        await this.docs.updateOne({ _id: key }, { $set: next }, { upsert: true });
        continue;
      }
      const r = await this.docs.updateOne({ _id: key, eTag }, { $set: next });
      if (r.matchedCount === 0)
        throw new Error(`Storage: the state "${key}" was changed by another turn (eTag conflict)`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.docs.deleteMany({ _id: { $in: keys } });
  }
}

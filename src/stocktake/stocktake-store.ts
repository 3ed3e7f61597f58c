import type { Collection, Filter, ObjectId } from 'mongodb';
import { isDuplicateKeyError } from '../errors';
import type {
  InstallRecord,
  ProgressCardRef,
  SerialProposal,
  StocktakeAnswer,
  StocktakeDoc,
  StocktakeItemDoc,
  StocktakeScope,
} from './stocktake-types';

/** An item to write at start: everything but its id and answers. */
export type NewItem = Omit<StocktakeItemDoc, '_id' | 'answer' | 'answers' | 'proposedSerial'>;

/**
 * The one owner of the `stocktakes` and `stocktakeItems` collections. A unique index allows one
 * open stocktake; another keys items by stocktake and asset number, so a start run again (after
 * a crash) or twice at once adds no item twice.
 */
export class StocktakeStore {
  constructor(
    private readonly c: {
      stocktakes: Collection<StocktakeDoc>;
      stocktakeItems: Collection<StocktakeItemDoc>;
    },
  ) {}

  /**
   * Inserts a new open stocktake under the next free id of the day (ST-YYYYMMDD-N); null when
   * another stocktake is open.
   */
  async insertOpen(
    day: string,
    fields: { scope: StocktakeScope; deadline: Date; deadlineDay: string; by: string; at: Date },
  ): Promise<StocktakeDoc | null> {
    const prefix = `ST-${day}-`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const n = (await this.c.stocktakes.countDocuments({ _id: { $regex: `^${prefix}` } })) + 1;
      const doc: StocktakeDoc = {
        _id: `${prefix}${n + attempt}`,
        scope: fields.scope,
        deadline: fields.deadline,
        deadlineDay: fields.deadlineDay,
        status: 'open',
        ready: false,
        openSlot: 'open',
        createdBy: fields.by,
        createdAt: fields.at,
        closedBy: null,
        closedAt: null,
      };
      try {
        await this.c.stocktakes.insertOne(doc);
        return doc;
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
        if (await this.open()) return null;
      }
    }
    throw new Error('no free stocktake id');
  }

  async markReady(id: string): Promise<void> {
    await this.c.stocktakes.updateOne({ _id: id }, { $set: { ready: true } });
  }

  // The reminder claims (one per user) stay in the database: nothing else reads them.
  open(): Promise<StocktakeDoc | null> {
    return this.c.stocktakes.findOne({ status: 'open' }, { projection: { reminders: 0 } });
  }

  get(id: string): Promise<StocktakeDoc | null> {
    return this.c.stocktakes.findOne({ _id: id }, { projection: { reminders: 0 } });
  }

  /** Closes it unless closed already; the closed stocktake, or null when it was closed before. */
  close(id: string, by: string, at: Date): Promise<StocktakeDoc | null> {
    return this.c.stocktakes.findOneAndUpdate(
      { _id: id, status: 'open' },
      { $set: { status: 'closed', closedBy: by, closedAt: at }, $unset: { openSlot: '' } },
      { returnDocument: 'after', projection: { reminders: 0 } },
    );
  }

  /** Writes the items not written yet (upserts keyed by stocktake + asset number). */
  async insertItems(items: NewItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += 1000) {
      await this.c.stocktakeItems.bulkWrite(
        items.slice(i, i + 1000).map((item) => ({
          updateOne: {
            filter: { stocktakeId: item.stocktakeId, assetNumber: item.assetNumber },
            update: { $setOnInsert: { ...item, answer: null, answers: [], proposedSerial: null } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
  }

  item(id: ObjectId): Promise<StocktakeItemDoc | null> {
    return this.c.stocktakeItems.findOne({ _id: id });
  }

  items(stocktakeId: string, filter: Filter<StocktakeItemDoc> = {}): Promise<StocktakeItemDoc[]> {
    return this.c.stocktakeItems
      .find({ ...filter, stocktakeId })
      .sort({ assetNumber: 1 })
      .toArray();
  }

  /** Keeps the answer (the last one counts; every one is kept in `answers`). */
  async recordAnswer(
    id: ObjectId,
    answer: StocktakeAnswer,
    proposal: SerialProposal | null,
  ): Promise<StocktakeItemDoc | null> {
    return this.c.stocktakeItems.findOneAndUpdate(
      { _id: id },
      {
        $set: {
          answer,
          state: 'answered',
          updatedAt: answer.at,
          ...(proposal ? { proposedSerial: proposal } : {}),
        },
        $push: { answers: answer },
      },
      { returnDocument: 'after' },
    );
  }

  async markChangedHands(id: ObjectId, at: Date): Promise<void> {
    await this.c.stocktakeItems.updateOne(
      { _id: id },
      { $set: { state: 'changedHands', updatedAt: at } },
    );
  }

  async markProposalAccepted(id: ObjectId, by: string, at: Date): Promise<void> {
    await this.c.stocktakeItems.updateOne(
      { _id: id, proposedSerial: { $ne: null } },
      { $set: { 'proposedSerial.acceptedBy': by, 'proposedSerial.acceptedAt': at, updatedAt: at } },
    );
  }

  /** Remembers where the stocktake's progress card is (the last one posted wins). */
  async setProgressCard(id: string, ref: ProgressCardRef): Promise<void> {
    await this.c.stocktakes.updateOne({ _id: id }, { $set: { progressCard: ref } });
  }

  /** Marks items as asked (their card sent) or reminded, for the Teams side. */
  async markSent(ids: ObjectId[], field: 'askedAt' | 'remindedAt', at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.c.stocktakeItems.updateMany(
      { _id: { $in: ids } },
      { $set: { [field]: at, updatedAt: at } },
    );
  }

  /** Closed since `since` with a progress card that does not show the close yet. */
  closedNotShown(since: Date): Promise<StocktakeDoc[]> {
    return this.c.stocktakes
      .find(
        {
          status: 'closed',
          closedAt: { $gte: since },
          progressCard: { $exists: true },
          closeShownAt: null,
        },
        { projection: { reminders: 0 } },
      )
      .toArray();
  }

  /** Claims showing the close (card and message): true for the one process that got it. */
  async claimCloseShown(id: string, at: Date): Promise<boolean> {
    const r = await this.c.stocktakes.updateOne(
      { _id: id, status: 'closed', closeShownAt: null },
      { $set: { closeShownAt: at } },
    );
    return r.modifiedCount === 1;
  }

  async releaseCloseShown(id: string, at: Date): Promise<void> {
    await this.c.stocktakes.updateOne(
      { _id: id, closeShownAt: at },
      { $set: { closeShownAt: null } },
    );
  }

  /**
   * Claims today's reminder of one user (their key in `reminders`): true when none was claimed
   * after `before`, for the one process whose write got there first.
   */
  async claimReminder(id: string, user: string, at: Date, before: Date): Promise<boolean> {
    const field = `reminders.${reminderKey(user)}`;
    const r = await this.c.stocktakes.updateOne(
      { _id: id, status: 'open', $or: [{ [field]: null }, { [field]: { $lte: before } }] },
      { $set: { [field]: at } },
    );
    return r.modifiedCount === 1;
  }

  /** Gives a claim back (the reminder could not be sent): the next check tries again. */
  async releaseReminder(id: string, user: string, at: Date): Promise<void> {
    const field = `reminders.${reminderKey(user)}`;
    await this.c.stocktakes.updateOne({ _id: id, [field]: at }, { $unset: { [field]: '' } });
  }

  /**
   * Claims the install for one user (every unreachable item of theirs that is due one): true
   * when this caller won it. `due` says which items are; a claim is one atomic update per item,
   * so two ticks (or two servers) racing do not both install.
   */
  async claimInstall(
    stocktakeId: string,
    upn: string,
    due: Filter<StocktakeItemDoc>,
    at: Date,
  ): Promise<boolean> {
    const claim: InstallRecord = {
      state: 'requested',
      at,
      userId: null,
      status: null,
      code: null,
      message: null,
    };
    const result = await this.c.stocktakeItems.updateMany(
      { $and: [{ stocktakeId, upn, state: 'unreachable' }, due] },
      { $set: { install: claim, updatedAt: at } },
    );
    return result.modifiedCount > 0;
  }

  /**
   * The user's Entra object id on their claimed items, before the install: Teams may tell the
   * bot of the new chat before Graph answers, and the chat is matched to the items by this id.
   */
  async setInstallUser(stocktakeId: string, upn: string, userId: string): Promise<void> {
    await this.c.stocktakeItems.updateMany(
      { stocktakeId, upn, 'install.state': 'requested' },
      { $set: { aadObjectId: userId, 'install.userId': userId } },
    );
  }

  /**
   * The install's outcome on the user's claimed items; those still on the admin's list get the
   * reason the admin reads (an item already asked, the chat having come first, keeps its state).
   */
  async recordInstall(
    stocktakeId: string,
    upn: string,
    record: InstallRecord,
    reason: StocktakeItemDoc['unreachableReason'],
  ): Promise<void> {
    const claimed = { stocktakeId, upn, 'install.state': 'requested' };
    await this.c.stocktakeItems.updateMany(
      { ...claimed, state: 'unreachable' },
      { $set: { unreachableReason: reason } },
    );
    await this.c.stocktakeItems.updateMany(claimed, {
      $set: {
        install: record,
        updatedAt: record.at,
        ...(record.userId ? { aadObjectId: record.userId } : {}),
      },
    });
  }

  /** Items on the admin's list become items to ask (their user now has a chat with the bot). */
  async markReachable(ids: ObjectId[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.c.stocktakeItems.updateMany(
      { _id: { $in: ids }, state: 'unreachable' },
      { $set: { state: 'toAsk', unreachableReason: null, askedAt: null, updatedAt: at } },
    );
  }
}

/** A user's key as a field name: no dots, no leading $ (object ids are GUIDs; be safe anyway). */
function reminderKey(user: string): string {
  return encodeURIComponent(user.toLowerCase()).replace(/\./g, '%2E');
}

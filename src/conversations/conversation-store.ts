import type { Collection } from 'mongodb';
import { isDuplicateKeyError } from '../errors';

/** Where the bot is installed: kept so alerts and workflow cards can be sent proactively. */
export interface ConversationDoc {
  _id: string; // conversation id
  reference: Record<string, unknown>;
  kind: 'personal' | 'channel' | 'groupChat';
  tenantId: string | null;
  name: string | null;
  alertChannel: boolean;
  /** Language of the alert cards sent here; absent = the notifier's default. */
  locale?: 'ja' | 'en';
  installedAt: Date;
  updatedAt: Date;
}

/** What an install (or any turn that needs a proactive address) says about its conversation. */
export type ConversationSeen = Pick<
  ConversationDoc,
  '_id' | 'reference' | 'kind' | 'tenantId' | 'name'
>;

/**
 * The one owner of the conversations collection: the installation handler records and forgets
 * them, the alert-channel command marks one, the notifier and the card updaters read them.
 */
export class ConversationStore {
  constructor(private readonly conversations: Collection<ConversationDoc>) {}

  /**
   * Records the conversation; true when it is new. Teams announces an install twice (an
   * installationUpdate and a conversationUpdate) and both may arrive at once: the loser of the
   * upsert race gets a duplicate key error and is told "not new".
   */
  async remember(seen: ConversationSeen, now = new Date()): Promise<boolean> {
    const { _id, ...fields } = seen;
    const result = await this.conversations
      .updateOne(
        { _id },
        {
          $set: { ...fields, updatedAt: now },
          $setOnInsert: { alertChannel: false, installedAt: now },
        },
        { upsert: true },
      )
      .catch((e: unknown) => {
        if (isDuplicateKeyError(e)) return { upsertedCount: 0 };
        throw e;
      });
    return result.upsertedCount === 1;
  }

  /** The bot was removed from it. */
  async forget(conversationId: string): Promise<void> {
    await this.conversations.deleteOne({ _id: conversationId });
  }

  /** Alerts go here from now on, in `locale` (the language of whoever chose it). */
  async markAlertChannel(conversationId: string, locale: 'ja' | 'en'): Promise<void> {
    await this.conversations.updateOne(
      { _id: conversationId },
      { $set: { alertChannel: true, locale } },
    );
  }

  alertChannels(): Promise<ConversationDoc[]> {
    return this.conversations.find({ alertChannel: true }).toArray();
  }

  /**
   * The Entra object ids (lower case) of the users who have a personal chat with the bot: the
   * people a stocktake can ask. Read from the stored conversation references.
   */
  async personalUserIds(): Promise<string[]> {
    const docs = await this.conversations
      .find({ kind: 'personal' }, { projection: { 'reference.user': 1 } })
      .toArray();
    return docs.flatMap((d) => {
      const user = d.reference?.user;
      const id =
        typeof user === 'object' && user ? (user as { aadObjectId?: unknown }).aadObjectId : null;
      return typeof id === 'string' && id ? [id.toLowerCase()] : [];
    });
  }

  /**
   * The personal chat with the bot of each of these users (Entra object ids, any case), keyed by
   * the lower-case id; users without one are left out.
   */
  async personalChatsOf(aadObjectIds: Iterable<string>): Promise<Map<string, ConversationDoc>> {
    const wanted = new Set([...aadObjectIds].map((id) => id.toLowerCase()));
    const found = new Map<string, ConversationDoc>();
    if (wanted.size === 0) return found;
    for (const doc of await this.conversations.find({ kind: 'personal' }).toArray()) {
      const user = doc.reference?.user;
      const id =
        typeof user === 'object' && user ? (user as { aadObjectId?: unknown }).aadObjectId : null;
      if (typeof id === 'string' && wanted.has(id.toLowerCase())) found.set(id.toLowerCase(), doc);
    }
    return found;
  }

  /** The conversations of these ids the bot still knows (it may have left some since). */
  withIds(ids: Iterable<string>): Promise<ConversationDoc[]> {
    return this.conversations.find({ _id: { $in: [...new Set(ids)] } }).toArray();
  }
}

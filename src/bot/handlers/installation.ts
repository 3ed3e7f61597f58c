import { isDuplicateKeyError } from '../../errors';
import type { BotDeps } from '../bot-deps';
import type { BotTurn } from '../turn';

/**
 * Records the conversation the bot is installed in (personal chat, team channel, group chat),
 * so alerts can be sent there later; true when it is new. Teams announces an install twice (an
 * installationUpdate and a conversationUpdate), so only the first one is welcomed.
 */
export async function remember(turn: BotTurn, deps: BotDeps): Promise<boolean> {
  const { id, reference, kind, tenantId, name } = turn.conversation;
  const now = new Date();
  const result = await deps.c.conversations
    .updateOne(
      { _id: id },
      {
        $set: { reference, kind, tenantId, name, updatedAt: now },
        $setOnInsert: { alertChannel: false, installedAt: now },
      },
      { upsert: true },
    )
    .catch((e: unknown) => {
      // Both announcements at once: the other one inserted the record (duplicate key).
      if (isDuplicateKeyError(e)) return { upsertedCount: 0 };
      throw e;
    });
  return result.upsertedCount === 1;
}

/** Forgets the conversation when Teams says the bot left it. */
export async function forget(turn: BotTurn, deps: BotDeps): Promise<void> {
  await deps.c.conversations.deleteOne({ _id: turn.conversation.id });
}

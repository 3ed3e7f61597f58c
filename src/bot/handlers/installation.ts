import type { BotDeps } from '../bot-deps';
import type { BotTurn } from '../turn';

/**
 * Records the conversation the bot is installed in (personal chat, team channel, group chat),
 * so alerts can be sent there later; true when it is new. Teams announces an install twice (an
 * installationUpdate and a conversationUpdate), so only the first one is welcomed.
 */
export async function remember(turn: BotTurn, deps: BotDeps): Promise<boolean> {
  const { id, reference, kind, tenantId, name } = turn.conversation;
  return deps.conversations.remember({ _id: id, reference, kind, tenantId, name });
}

/** Forgets the conversation when Teams says the bot left it. */
export async function forget(turn: BotTurn, deps: BotDeps): Promise<void> {
  await deps.conversations.forget(turn.conversation.id);
}

import { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../bot-deps';

/**
 * Remembers every conversation the bot is installed in (personal chats, team channels, group
 * chats) so alerts can be sent there later, and forgets it when Teams says the bot left.
 */
export function registerInstallation(
  app: Application<TurnState>,
  deps: BotDeps,
  welcome: (context: TurnContext) => Promise<void>,
): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (!context.activity.membersAdded?.some((m) => m.id === botId)) return;
    if (await remember(context, deps)) await welcome(context);
  });
  app.conversationUpdate('membersRemoved', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersRemoved?.some((m) => m.id === botId)) await forget(context, deps);
  });
  app.activity('installationUpdate', async (context) => {
    if (context.activity.action?.startsWith('remove')) await forget(context, deps);
    else if (await remember(context, deps)) await welcome(context);
  });
}

/**
 * Records the conversation; true when it is new. Teams announces an install twice (an
 * installationUpdate and a conversationUpdate), so only the first one is welcomed.
 */
export async function remember(context: TurnContext, deps: BotDeps): Promise<boolean> {
  const reference = TurnContext.getConversationReference(context.activity);
  const conversation = context.activity.conversation;
  return deps.conversations.remember({
    _id: conversation.id,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    kind:
      conversation.conversationType === 'channel'
        ? 'channel'
        : conversation.conversationType === 'groupChat'
          ? 'groupChat'
          : 'personal',
    tenantId: conversation.tenantId ?? null,
    name: conversation.name ?? null,
  });
}

async function forget(context: TurnContext, deps: BotDeps): Promise<void> {
  await deps.conversations.forget(context.activity.conversation.id);
}

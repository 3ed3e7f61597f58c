import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { CardAttachment } from '../cards/render';

/** What writes to a conversation after its turn: botbuilder's adapter (a fake in tests). */
export type ProactiveAdapter = Pick<BotAdapter, 'continueConversationAsync'>;

/** A message the bot posts on its own (an alert card, a digest, a workflow card copy). */
export interface OutboundMessage {
  type?: 'message';
  /** What Teams shows in the notification and the chat list. */
  summary?: string;
  text?: string;
  attachments?: CardAttachment[];
}

/** One conversation opened for a proactive write: one HTTP request per call. */
export interface ProactiveConversation {
  /** Posts a new message; its id, when Teams returns one. */
  send(message: OutboundMessage): Promise<string | undefined>;
  /** Replaces the message `activityId` the bot sent before. */
  update(activityId: string, message: OutboundMessage): Promise<void>;
}

/**
 * Opens the conversation `reference` (stored when the bot was installed there) and runs `use`
 * in it. The connector's own retries are switched off first (the notifier's limiter and outbox
 * decide when to try again); `noPipeline` is told when that could not be done.
 */
export async function inConversation(
  adapter: ProactiveAdapter,
  botAppId: string,
  reference: Record<string, unknown>,
  use: (conversation: ProactiveConversation) => Promise<void>,
  noPipeline: () => void,
): Promise<void> {
  await adapter.continueConversationAsync(
    botAppId,
    reference as Partial<ConversationReference>,
    async (context) => {
      if (!disableSdkRetries(context)) noPipeline();
      await use({
        send: async (message) => (await context.sendActivity({ type: 'message', ...message }))?.id,
        update: async (activityId, message) =>
          void (await context.updateActivity({ ...message, type: 'message', id: activityId })),
      });
    },
  );
}

/**
 * The connector's HTTP pipeline retries 5xx and Retry-After 429s on its own (3 times, 1 s then
 * longer), unseen by the limiter and the outbox. Its client is created per turn, so removing
 * the policy here affects only this send. False when the pipeline was not found.
 */
function disableSdkRetries(context: TurnContext): boolean {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as
    { client?: { pipeline?: { removePolicy(o: { name: string }): unknown } } } | undefined;
  const pipeline = client?.client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return true;
}

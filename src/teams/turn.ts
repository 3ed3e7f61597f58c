import {
  ActivityTypes,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import { cardAttachment } from '../cards/render';
import type { BotTurn, LaterInConversation, Reply, TurnConversation } from '../bot/turn';
import type { Locale } from '../i18n/messages';
import type { ProactiveAdapter } from './proactive';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A handler's answer as a message: a sentence, or the card as an attachment. */
export function replyActivity(reply: Reply): Partial<Activity> {
  return typeof reply === 'string' ? { text: reply } : { attachments: [cardAttachment(reply)] };
}

/** Our turn, read from botbuilder's TurnContext. */
export function botTurn(
  context: TurnContext,
  proactive: ProactiveAdapter,
  appId: string,
  locale: Locale,
): BotTurn {
  const activity = context.activity;
  const reference = TurnContext.getConversationReference(activity);
  return {
    user: {
      id: activity.from?.id,
      aadObjectId: activity.from?.aadObjectId,
      name: activity.from?.name,
    },
    localeTag: locale,
    conversation: conversationOf(activity, reference),
    text: typeof activity.text === 'string' ? activity.text : '',
    replyToId: activity.replyToId,
    send: async (reply) =>
      (await context.sendActivity(typeof reply === 'string' ? reply : replyActivity(reply)))?.id,
    answerPresserOnly: async (card) => {
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { statusCode: 200, type: ADAPTIVE_CARD, value: card },
        },
      });
      return '';
    },
    lookUpTeamMember: async (teamId) =>
      void (await TeamsInfo.getTeamMember(context, teamId, activity.from?.id)),
    later: () => laterIn(proactive, appId, reference),
  };
}

function conversationOf(
  activity: Activity,
  reference: Partial<ConversationReference>,
): TurnConversation {
  const conversation = activity.conversation;
  const type = conversation.conversationType;
  return {
    id: conversation.id,
    kind: type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal',
    tenantId: conversation.tenantId ?? null,
    name: conversation.name ?? null,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  };
}

function laterIn(
  proactive: ProactiveAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
): LaterInConversation {
  return {
    send: (reply) =>
      proactive.continueConversationAsync(appId, reference, async (context) => {
        await context.sendActivity(typeof reply === 'string' ? reply : replyActivity(reply));
      }),
    update: (activityId, reply) =>
      proactive.continueConversationAsync(appId, reference, async (context) => {
        await context.updateActivity({
          ...replyActivity(reply),
          id: activityId,
          type: 'message',
          conversation: reference.conversation,
        });
      }),
  };
}

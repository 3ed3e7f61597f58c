import type { AdaptiveCard } from '../cards/render';

/** What a handler answers: a sentence, or a card already expanded. */
export type Reply = AdaptiveCard | string;

/** Where a turn happens. `reference` is the SDK's conversation reference as plain JSON. */
export interface TurnConversation {
  id: string;
  kind: 'personal' | 'channel' | 'groupChat';
  tenantId: string | null;
  name: string | null;
  /** Stored to write to the conversation later (alerts, workflow card copies). */
  reference: Record<string, unknown>;
}

/** Writes to the turn's conversation after the turn has ended (a long run's result). */
export interface LaterInConversation {
  send(reply: Reply): Promise<void>;
  /** Replaces a message the bot sent before with a new card or sentence. */
  update(activityId: string | undefined, reply: Reply): Promise<void>;
}

/**
 * One turn as the handlers see it, whatever SDK carried it (src/teams builds it from
 * botbuilder's TurnContext): who, in which language and conversation, what they typed, and the
 * few ways to answer beyond the return value of a route.
 */
export interface BotTurn {
  user: { id?: string; aadObjectId?: string; name?: string };
  /** The language tag Teams sent (e.g. "ja-JP"); sayer() reads it. */
  localeTag?: string;
  conversation: TurnConversation;
  /** The message's text, normalized (cut and trimmed); '' for a card press. */
  text: string;
  /** The message a card press came from: the card itself. */
  replyToId?: string;
  /** Posts a message now; the new message's id when Teams gives one. */
  send(reply: Reply): Promise<string | undefined>;
  /**
   * Answers a card press with a card for the presser alone. A card returned the usual way
   * replaces the message for everyone, which is wrong for one viewer's view or a refusal.
   */
  answerPresserOnly(card: AdaptiveCard): Promise<''>;
  /** Resolves when the user is a member of the Teams team; rejects otherwise. */
  lookUpTeamMember(teamId: string): Promise<void>;
  later(): LaterInConversation;
}

/** Who acted, as the field history records it. */
export function actor(turn: Pick<BotTurn, 'user'>): { by: string } {
  return { by: `teams:${turn.user.aadObjectId ?? turn.user.id ?? 'unknown'}` };
}

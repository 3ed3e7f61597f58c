import type { ConversationStore } from '../conversations/conversation-store';
import type { PeopleService } from '../people/people-service';
import type { Reachability } from './stocktake-service';

/**
 * Who a stocktake can ask in Teams today: people of the directory linked to a Microsoft 365
 * account (m365AccountId) that has a personal chat with the bot. The Teams side may widen it
 * (installing the app for a user through Graph) by giving the service another Reachability.
 */
export function reachableByConversations(
  conversations: Pick<ConversationStore, 'personalUserIds'>,
  people: Pick<PeopleService, 'list'>,
): Reachability {
  return async (upns) => {
    const wanted = new Set(upns.map((u) => u.toLowerCase()));
    const chats = new Set(await conversations.personalUserIds());
    const reachable = new Set<string>();
    for (const p of await people.list()) {
      const upn = p.userPrincipalName?.toLowerCase();
      if (upn && wanted.has(upn) && p.m365AccountId && chats.has(p.m365AccountId.toLowerCase()))
        reachable.add(upn);
    }
    return reachable;
  };
}

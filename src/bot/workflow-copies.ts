import type { ConversationStore } from '../conversations/conversation-store';
import { t, type Locale } from '../i18n/messages';
import type { Logger } from '../log';
import { cardActivity } from '../notify/cards';
import { referenceTenant, type Sender } from '../notify/sender';
import { updateCardCopies, type UpdateCounts } from '../notify/update';
import type { WorkflowDoc } from '../workflows/workflow-record';
import type { WorkflowService } from '../workflows/workflow-service';
import type { AdaptiveCard } from '../cards/render';
import { workflowCard, type WorkflowViewDeps } from './workflow-view';

/** Copies of one workflow card kept for updates; the oldest beyond this are let go. */
export const MAX_CARD_COPIES = 20;

/**
 * Every message showing a workflow card (the start card that became it, a reopened one, the
 * reminders), so a tick in one place shows everywhere, as the alert cards do. Teams' `refresh`
 * also updates a card when someone looks at it, but only in chats of up to 60 people and only
 * for that viewer; this keeps the message itself current for everyone.
 */
export interface WorkflowCardCopies {
  /** Replaces every copy but `except` (the one the action came from, answered already). */
  update(workflowId: string, except?: string): Promise<UpdateCounts>;
  /** Posts the card with a reminder line where the workflow was started; true when sent. */
  sendReminder(workflow: WorkflowDoc, idleDays: number): Promise<boolean>;
}

export interface WorkflowCardCopiesOptions extends WorkflowViewDeps {
  workflows: WorkflowService;
  /** The conversations the copies are in (the bot may have left some since). */
  conversations: ConversationStore;
  /** Shares the notifier's rate limiter, so alert and workflow cards count against one limit. */
  sender: Pick<Sender, 'send' | 'update'>;
  log: Logger;
}

export function workflowCardCopies(o: WorkflowCardCopiesOptions): WorkflowCardCopies {
  return {
    async update(workflowId, except) {
      const workflow = await o.workflows.find(workflowId);
      if (!workflow) return { updated: 0, failed: 0 };
      const copies = (workflow.cards ?? []).filter((ref) => ref.activityId !== except);
      // One rendering per language, not per copy.
      const cards = new Map<Locale, Promise<AdaptiveCard>>();
      const cardIn = (locale: Locale) => {
        if (!cards.has(locale))
          cards.set(locale, workflowCard(o, workflow, locale, { canAct: true }));
        return cards.get(locale)!;
      };
      return updateCardCopies(
        o,
        copies,
        (ref) => cardIn(ref.locale),
        { workflowId },
        'workflow card not updated',
      );
    },

    async sendReminder(workflow, idleDays) {
      const where = workflow.startedIn;
      if (!where) return false;
      const card = await workflowCard(o, workflow, where.locale, {
        canAct: true,
        notice: t(where.locale, 'card.workflow.reminder', { days: idleDays }),
        noticeColor: 'Warning',
      });
      const result = await o.sender.send(
        {
          conversationId: where.conversationId,
          tenantId: referenceTenant(where.reference),
          reference: where.reference,
        },
        cardActivity(card, t(where.locale, 'card.workflow.reminder', { days: idleDays })),
      );
      if (!result.ok) {
        o.log.warn({ workflowId: workflow._id, ...result }, 'workflow reminder not sent');
        return false;
      }
      await o.workflows.addCardCopy(
        workflow._id,
        {
          conversationId: where.conversationId,
          activityId: result.activityId,
          locale: where.locale,
        },
        MAX_CARD_COPIES,
      );
      return true;
    },
  };
}

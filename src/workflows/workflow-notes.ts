import type { Collection, Filter } from 'mongodb';
import type { WorkflowCardRef, WorkflowConversation, WorkflowDoc } from './workflow-record';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The writes that note where a workflow is shown and who looked at it, and its reminder claims.
 * None is an activity (no version bump, no idle reset), so they live apart from the checklist
 * changes; WorkflowService is their only caller and the only holder of the collection.
 */
export interface WorkflowTurnNote {
  /** The presser's display name under their actor key (cards show names, the ledger keeps ids). */
  actorName?: { key: string; name: string };
  /** Where the workflow was started: the reminders go there. */
  startedIn?: WorkflowConversation;
}

export async function noteTurn(
  workflows: Collection<WorkflowDoc>,
  id: string,
  note: WorkflowTurnNote,
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (note.actorName) set[`actorNames.${note.actorName.key}`] = note.actorName.name;
  if (note.startedIn) set.startedIn = note.startedIn;
  if (Object.keys(set).length > 0) await workflows.updateOne({ _id: id }, { $set: set });
}

/** Once each, the latest `keep` kept. */
export async function addTeamsUser(
  workflows: Collection<WorkflowDoc>,
  id: string,
  teamsId: string,
  keep: number,
): Promise<void> {
  await workflows.updateOne(
    { _id: id, teamsUserIds: { $ne: teamsId } },
    { $push: { teamsUserIds: { $each: [teamsId], $slice: -keep } } },
  );
}

/** Once per message, the newest `keep` kept. */
export async function addCardCopy(
  workflows: Collection<WorkflowDoc>,
  id: string,
  ref: WorkflowCardRef,
  keep: number,
): Promise<void> {
  await workflows.updateOne(
    { _id: id, 'cards.activityId': { $ne: ref.activityId } },
    { $push: { cards: { $each: [ref], $slice: -keep } } },
  );
}

/** Open workflows without activity for `days` days that have not been reminded since. */
export function idleWorkflows(
  workflows: Collection<WorkflowDoc>,
  days: number,
  now: Date,
): Promise<WorkflowDoc[]> {
  return workflows
    .find({
      status: 'open',
      reminderSentAt: null,
      updatedAt: { $lte: new Date(now.getTime() - days * DAY_MS) },
    })
    .sort({ updatedAt: 1, _id: 1 })
    .toArray();
}

/**
 * Claims the reminder of one idle period; false when another replica already sent it or the
 * workflow saw activity since `lastActivity` (its `updatedAt` as read by idleWorkflows).
 */
export async function markReminded(
  workflows: Collection<WorkflowDoc>,
  id: string,
  now: Date,
  lastActivity?: Date,
): Promise<boolean> {
  const filter: Filter<WorkflowDoc> = { _id: id, status: 'open', reminderSentAt: null };
  if (lastActivity) filter.updatedAt = lastActivity;
  const { modifiedCount } = await workflows.updateOne(filter, { $set: { reminderSentAt: now } });
  return modifiedCount === 1;
}

/** Gives back a claim whose reminder could not be sent, so the next check tries again. */
export async function releaseReminder(
  workflows: Collection<WorkflowDoc>,
  id: string,
  claimedAt: Date,
): Promise<void> {
  await workflows.updateOne(
    { _id: id, reminderSentAt: claimedAt },
    { $set: { reminderSentAt: null } },
  );
}

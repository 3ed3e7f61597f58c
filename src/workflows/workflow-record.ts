import { ObjectId } from 'mongodb';
import type { Locale } from '../i18n/messages';
import type { Actor } from '../ledger/actor';
import type { DeviceDoc } from '../ledger/ledger-service';
import type { Checklist } from './checklist';

/**
 * A device-replacement workflow as stored in the `workflows` collection. Devices are kept both
 * by asset number (what people read) and by `_id` (what survives a rename of the asset number).
 */
export const WORKFLOW_STATUSES = ['open', 'completing', 'completed', 'abandoned'] as const;
/**
 * `completing` is the short window in which the ledger edits are applied: a crash leaves the
 * workflow there, and completing it again finishes the same edits (they are idempotent).
 */
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export interface WorkflowStepRecord {
  id: string;
  /** Copied from the checklist at start, so a later edit of the checklist cannot block this one. */
  required: boolean;
  done: boolean;
  /** Who ticked or unticked it last, and when; null until someone touches it. */
  by: string | null;
  at: Date | null;
}

/** What the admin chose for the old device when completing. */
export interface OldDeviceOutcome {
  /** The old device's ステータス (e.g. 廃棄, 修理中, 予備機). */
  status: string;
  /** 廃棄日/解約日 as YYYY-MM-DD, or null to leave the field as it is. */
  disposalDate: string | null;
}

/** One ledger field the completion sets, planned once so a retry repeats exactly the same. */
export interface PlannedFieldChange {
  deviceId: ObjectId;
  assetNumber: string;
  field: 'user' | 'status' | 'disposalDate';
  old: string | null;
  new: string | null;
}

/** A field the ledger may not write on a synced device (seed 000: MDM wins); left to the sync. */
export interface LeftToMdm {
  assetNumber: string;
  field: string;
  provider: string;
  wanted: string | null;
}

/** The ledger edits of a completion, fixed when the workflow enters `completing`. */
export interface CompletionPlan {
  /** One timestamp for every history entry and usage period, so a retry upserts the same rows. */
  at: Date;
  by: string;
  changes: PlannedFieldChange[];
  leftToMdm: LeftToMdm[];
}

export interface WorkflowDoc {
  _id: string;
  kind: 'replacement';
  checklistId: string;
  oldDevice: string;
  oldDeviceId: ObjectId;
  newDevice: string | null;
  newDeviceId: ObjectId | null;
  /** Who named the new device (at start or later); null while there is none. */
  newDeviceSetBy: string | null;
  startedBy: string;
  createdAt: Date;
  /** Last activity (start, tick, new device, completion); the idle reminder counts from here. */
  updatedAt: Date;
  status: WorkflowStatus;
  steps: WorkflowStepRecord[];
  outcome: OldDeviceOutcome | null;
  completion: CompletionPlan | null;
  completedBy: string | null;
  completedAt: Date | null;
  abandonedBy: string | null;
  abandonedAt: Date | null;
  /** Set when the idle reminder went out; cleared by any activity, so one per idle period. */
  reminderSentAt: Date | null;
  /** Bumped by every change a person makes; a card sends the version it shows. */
  version: number;
  /**
   * The old device's id while the workflow is open or completing, absent otherwise: a unique
   * index on it makes "one open workflow per old device" hold even for two starts at once.
   */
  activeFor?: string;
  // Set by the Teams bot (src/bot/workflow-copies.ts); absent on workflows started elsewhere.
  /** Where the workflow was started in Teams: the idle reminder is sent there. */
  startedIn?: WorkflowConversation;
  /** Every message showing the workflow card, updated in place when anyone acts (bounded). */
  cards?: WorkflowCardRef[];
  /** Display names of the people who acted, by their actor id (see `actorNameKey`). */
  actorNames?: Record<string, string>;
  /** Teams ids of the people working on it: the card refreshes itself for them (bounded). */
  teamsUserIds?: string[];
}

/** A conversation the bot can write to later (a botbuilder ConversationReference, as JSON). */
export interface WorkflowConversation {
  conversationId: string;
  reference: Record<string, unknown>;
  locale: Locale;
}

/** One message carrying the workflow card, and the language it was written in. */
export interface WorkflowCardRef {
  conversationId: string;
  activityId: string;
  locale: Locale;
}

/** MongoDB field names may not contain "." or start with "$"; actor ids are mostly safe already. */
export function actorNameKey(by: string): string {
  return by.replace(/[.$]/g, '_');
}

/** A new open workflow: every step of the checklist not done yet. */
export function newWorkflow(
  checklist: Checklist,
  oldDevice: DeviceDoc,
  newDevice: DeviceDoc | null,
  actor: Actor,
  now: Date,
): WorkflowDoc {
  return {
    _id: new ObjectId().toHexString(),
    kind: 'replacement',
    checklistId: checklist.id,
    oldDevice: oldDevice.assetNumber,
    oldDeviceId: oldDevice._id,
    newDevice: newDevice?.assetNumber ?? null,
    newDeviceId: newDevice?._id ?? null,
    newDeviceSetBy: newDevice ? actor.by : null,
    startedBy: actor.by,
    createdAt: now,
    updatedAt: now,
    status: 'open',
    steps: checklist.steps.map((s) => ({
      id: s.id,
      required: s.required === true,
      done: false,
      by: null,
      at: null,
    })),
    outcome: null,
    completion: null,
    completedBy: null,
    completedAt: null,
    abandonedBy: null,
    abandonedAt: null,
    reminderSentAt: null,
    version: 1,
    activeFor: oldDevice._id.toHexString(),
  };
}

import type { Collection, Filter, UpdateFilter } from 'mongodb';
import { isDuplicateKeyError } from '../errors';
import type { Actor } from '../ledger/actor';
import type { DeviceDoc, LedgerService } from '../ledger/ledger-service';
import { defaultChecklists, type ChecklistCatalog } from './checklist';
import {
  completeWorkflow,
  loadWorkflow,
  type CompletionChoice,
  type CompletionResult,
} from './workflow-completion';
import { WorkflowError } from './workflow-errors';
import { deviceById, refuseUnlessOpen } from './workflow-guards';
import * as notes from './workflow-notes';
import { newWorkflow, type WorkflowCardRef, type WorkflowDoc } from './workflow-record';

export interface WorkflowServiceDeps {
  workflows: Collection<WorkflowDoc>;
  ledger: LedgerService;
  /** Defaults to the built-in checklists. */
  checklists?: ChecklistCatalog;
  /** Injected so tests can move time (idle reminders) without waiting. */
  now?: () => Date;
}

export interface StartInput {
  checklistId: string;
  oldAssetNumber: string;
  newAssetNumber?: string | null;
  actor: Actor;
}

/** Concurrent writers retried before giving up (each retry re-reads the workflow). */
const MAX_ATTEMPTS = 3;

/**
 * Device-replacement workflows (seed 004): a checklist the admins tick together, then one
 * completion that moves the user to the new device and retires the old one in the ledger.
 * Every change is one atomic findOneAndUpdate guarded by the status (and, from a card, the
 * version it shows), so two admins ticking at once never lose each other's ticks.
 */
export class WorkflowService {
  readonly checklists: ChecklistCatalog;
  private readonly workflows: Collection<WorkflowDoc>;
  private readonly ledger: LedgerService;
  private readonly now: () => Date;

  constructor(deps: WorkflowServiceDeps) {
    this.workflows = deps.workflows;
    this.ledger = deps.ledger;
    this.checklists = deps.checklists ?? defaultChecklists();
    this.now = deps.now ?? (() => new Date());
  }

  async start({
    checklistId,
    oldAssetNumber,
    newAssetNumber,
    actor,
  }: StartInput): Promise<WorkflowDoc> {
    const checklist = this.checklists.get(checklistId);
    if (!checklist) {
      throw new WorkflowError('UNKNOWN_CHECKLIST', {
        checklistId,
        known: this.checklists.ids().join(', '),
      });
    }
    const oldDevice = await this.ledger.find(oldAssetNumber);
    const newDevice = newAssetNumber ? await this.newDeviceFor(oldDevice, newAssetNumber) : null;
    await this.refuseIfOpen(oldDevice);
    const doc = newWorkflow(checklist, oldDevice, newDevice, actor, this.now());
    try {
      await this.workflows.insertOne(doc);
    } catch (e) {
      // Two starts for the same device at once: the unique index let only one through.
      if (isDuplicateKeyError(e)) await this.refuseIfOpen(oldDevice);
      throw e;
    }
    return doc;
  }

  get(id: string): Promise<WorkflowDoc> {
    return loadWorkflow(this.workflows, id);
  }

  /** Workflows still to finish, oldest first (a `completing` one needs completing again). */
  async listOpen(): Promise<WorkflowDoc[]> {
    return this.workflows
      .find({ status: { $in: ['open', 'completing'] } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
  }

  /** The open workflow of an old device, so `replace PC-0012` resumes it instead of failing. */
  openFor(oldDevice: DeviceDoc): Promise<WorkflowDoc | null> {
    return this.workflows.findOne({ activeFor: oldDevice._id.toHexString() });
  }

  /** Ticks or unticks a step, recording who and when; both count as activity. */
  async tick(
    id: string,
    stepId: string,
    done: boolean,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<WorkflowDoc> {
    const now = this.now();
    return this.update(
      id,
      { 'steps.id': stepId },
      {
        $set: {
          'steps.$.done': done,
          'steps.$.by': actor.by,
          'steps.$.at': now,
          ...this.activity(now),
        },
        $inc: { version: 1 },
      },
      expectedVersion,
      stepId,
    );
  }

  async setNewDevice(
    id: string,
    newAssetNumber: string,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<WorkflowDoc> {
    const workflow = await this.get(id);
    const oldDevice = await deviceById(this.ledger, workflow.oldDeviceId, workflow.oldDevice);
    const newDevice = await this.newDeviceFor(oldDevice, newAssetNumber);
    const now = this.now();
    return this.update(
      id,
      {},
      {
        $set: {
          newDevice: newDevice.assetNumber,
          newDeviceId: newDevice._id,
          newDeviceSetBy: actor.by,
          ...this.activity(now),
        },
        $inc: { version: 1 },
      },
      expectedVersion,
    );
  }

  /**
   * Completes the workflow: refuses while a required step is open or the new device is unknown,
   * then changes the ledger in one go. Safe to call again after a failure (see workflow-completion).
   */
  async complete(
    id: string,
    choice: CompletionChoice,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<CompletionResult> {
    return completeWorkflow(
      { workflows: this.workflows, ledger: this.ledger, now: this.now },
      id,
      choice,
      actor,
      expectedVersion,
    );
  }

  /** Gives the workflow up. The ledger is not touched: nothing was written to it before completion. */
  async abandon(id: string, actor: Actor, expectedVersion?: number): Promise<WorkflowDoc> {
    const existing = await this.get(id);
    if (existing.status === 'abandoned') return existing;
    const now = this.now();
    return this.update(
      id,
      {},
      {
        $set: {
          status: 'abandoned',
          abandonedBy: actor.by,
          abandonedAt: now,
          ...this.activity(now),
        },
        $unset: { activeFor: '' },
        $inc: { version: 1 },
      },
      expectedVersion,
    );
  }

  /** Open workflows without activity for `days` days that have not been reminded since. */
  idleWorkflows(days: number, now: Date): Promise<WorkflowDoc[]> {
    return notes.idleWorkflows(this.workflows, days, now);
  }

  /**
   * Claims the reminder of one idle period (see notes.markReminded). Not an activity itself, so
   * it neither bumps the version nor resets the idle time.
   */
  markReminded(id: string, now: Date, lastActivity?: Date): Promise<boolean> {
    return notes.markReminded(this.workflows, id, now, lastActivity);
  }

  /** Gives back a reminder claim that could not be sent (only the claim made at `claimedAt`). */
  releaseReminder(id: string, claimedAt: Date): Promise<void> {
    return notes.releaseReminder(this.workflows, id, claimedAt);
  }

  /** The workflow, or null when there is none (a card of a workflow since removed). */
  find(id: string): Promise<WorkflowDoc | null> {
    return this.workflows.findOne({ _id: id });
  }

  /** What a turn tells about the workflow: who pressed (by name), where it was started. */
  noteTurn(id: string, note: notes.WorkflowTurnNote): Promise<void> {
    return notes.noteTurn(this.workflows, id, note);
  }

  /** A Teams user the card refreshes for (the latest `keep` kept). */
  addTeamsUser(id: string, teamsId: string, keep: number): Promise<void> {
    return notes.addTeamsUser(this.workflows, id, teamsId, keep);
  }

  /** One more message showing the card, to update in place (the newest `keep` kept). */
  addCardCopy(id: string, ref: WorkflowCardRef, keep: number): Promise<void> {
    return notes.addCardCopy(this.workflows, id, ref, keep);
  }

  private activity(now: Date) {
    return { updatedAt: now, reminderSentAt: null };
  }

  /**
   * One update of an open workflow: reads it and refuses with the reason a person needs (gone,
   * finished, unknown step, stale version), then writes guarded by the version it read. When a
   * concurrent change slips in between, it reads again and retries (without an expected version).
   */
  private async update(
    id: string,
    extraFilter: Filter<WorkflowDoc>,
    update: UpdateFilter<WorkflowDoc>,
    expectedVersion: number | undefined,
    stepId?: string,
  ): Promise<WorkflowDoc> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      refuseUnlessOpen(current, stepId, expectedVersion);
      const version = expectedVersion ?? current.version;
      const updated = await this.workflows.findOneAndUpdate(
        { ...extraFilter, _id: id, status: 'open', version },
        update,
        { returnDocument: 'after' },
      );
      if (updated) return updated;
      if (attempt >= MAX_ATTEMPTS) {
        const latest = await this.get(id);
        throw new WorkflowError('STALE_VERSION', {
          workflowId: id,
          expected: version,
          current: latest.version,
        });
      }
    }
  }

  private async refuseIfOpen(oldDevice: DeviceDoc): Promise<void> {
    const open = await this.openFor(oldDevice);
    if (!open) return;
    throw new WorkflowError(
      'ALREADY_OPEN',
      {
        assetNumber: oldDevice.assetNumber,
        workflowId: open._id,
        startedBy: open.startedBy,
        startedAt: open.createdAt.toISOString(),
      },
      { workflowId: open._id },
    );
  }

  private async newDeviceFor(oldDevice: DeviceDoc, newAssetNumber: string): Promise<DeviceDoc> {
    const newDevice = await this.ledger.find(newAssetNumber);
    if (newDevice._id.equals(oldDevice._id)) {
      throw new WorkflowError('SAME_DEVICE', { assetNumber: oldDevice.assetNumber });
    }
    return newDevice;
  }
}

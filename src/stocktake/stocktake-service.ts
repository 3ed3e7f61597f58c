import type { Filter, ObjectId } from 'mongodb';
import type { Alerts } from '../alerts';
import { DaichoError } from '../errors';
import type { LedgerService } from '../ledger/ledger-service';
import { toMongoFilter } from '../ledger/device-query';
import type { StoredDevice } from '../ledger/device';
import type { PeopleService } from '../people/people-service';
import { alreadyClosed, alreadyOpen } from './stocktake-errors';
import {
  installForUnreachable,
  markReachable,
  type InstallCounts,
  type ReachDeps,
} from './stocktake-install';
import { itemsOf } from './stocktake-items';
import {
  answerItem,
  acceptSerialOf,
  acceptSerialProposal,
  pendingProposals,
  type AnswerOutcome,
} from './stocktake-answer';
import { DEADLINE_CLOSER } from './answer-rules';
import { endOfTokyoDay, tokyoDayStamp } from './deadline';
import { DirectoryIndex, planStocktake, type PlanDevice, type StocktakePlan } from './plan';
import {
  countItems,
  type AttentionItem,
  type DepartmentCounts,
  type ProposalItem,
  type StocktakeCounts,
} from './status';
import type { StocktakeStore } from './stocktake-store';
import type {
  AppInstaller,
  ProgressCardRef,
  StocktakeDoc,
  StocktakeIdentity,
  StocktakeItemDoc,
  StocktakeScope,
} from './stocktake-types';

/** Which users Daicho can reach in Teams, of these lower-case principal names. */
export type Reachability = (upns: string[]) => Promise<Set<string>>;

export interface StocktakeDeps {
  store: StocktakeStore;
  ledger: LedgerService;
  alerts: Pick<Alerts, 'raise'>;
  people: Pick<PeopleService, 'list'>;
  reachable: Reachability;
  /** Installs the bot for users without a chat (DAICHO_STOCKTAKE_INSTALL=auto); absent = off. */
  installer?: AppInstaller;
  now?: () => Date;
}

export interface StartInput {
  scope: StocktakeScope;
  /** YYYY-MM-DD: the stocktake takes answers until the end of this day in Japan. */
  deadline: string;
  by: string;
}

/** A device in scope, with the id its item refers to. */
export type ScopedDevice = PlanDevice & { _id: ObjectId };

export interface PlanResult {
  plan: StocktakePlan<ScopedDevice>;
  deadline: Date;
  deadlineDay: string;
  devices: number;
}

export interface StocktakeStatus {
  stocktake: StocktakeDoc;
  counts: StocktakeCounts;
  departments: DepartmentCounts[];
  /** The devices to look at: problem answers, changed hands, users who cannot be asked. */
  attention: AttentionItem[];
  /** Serial numbers users proposed, waiting for an admin. */
  proposals: ProposalItem[];
}

/** Reminders: at most one a day. */
const REMIND_EVERY_MS = 24 * 3600_000;
/**
 * Stocktakes (棚卸): plan and start one over the devices in scope, take the users' answers
 * (recorded in the ledger, alerts for lost and not-mine devices), follow and report, close. The
 * Teams side (ask cards, progress card, reminders) works through `listToAsk`, `markAsked`,
 * `listPending`, `markReminded`, `answer` and `status`.
 */
export class StocktakeService {
  private readonly now: () => Date;

  constructor(private readonly deps: StocktakeDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** What a start would do, writing nothing: who is asked about what, who cannot be reached. */
  async plan(input: StartInput): Promise<PlanResult> {
    const deadlineDay = input.deadline.trim();
    const deadline = endOfTokyoDay(deadlineDay);
    if (!deadline)
      throw new DaichoError('INVALID_INPUT', 'stocktake.badDeadline', { value: input.deadline });
    if (deadline.getTime() < this.now().getTime())
      throw new DaichoError('INVALID_INPUT', 'stocktake.pastDeadline', { deadline: deadlineDay });
    const devices = await this.devicesIn(input.scope);
    if (devices.length === 0) throw new DaichoError('STOCKTAKE_STATE', 'stocktake.emptyScope');
    const directory = new DirectoryIndex(
      (await this.deps.people.list())
        .filter((p) => !p.removed)
        .map((p) => ({
          upn: p.userPrincipalName,
          mail: p.mail,
          displayName: p.displayName,
          personId: p.personId,
          aadObjectId: p.m365AccountId,
          department: p.department,
        })),
    );
    const resolved = new Set<string>();
    for (const d of devices) {
      const user = d.user ? directory.resolve(d.user) : null;
      if (user && typeof user !== 'string') resolved.add(user.upn);
    }
    const reachable = await this.deps.reachable([...resolved]);
    const plan = planStocktake(devices, directory, reachable);
    // With installs on, a user without a chat gets the bot installed: the preview says so.
    if (this.deps.installer)
      for (const u of plan.unreachable) if (u.reason === 'noTeams') u.reason = 'toInstall';
    return { plan, deadline, deadlineDay, devices: devices.length };
  }

  /**
   * Starts a stocktake: one item per device in scope; refused while another is open. A start
   * that was killed before its items were all written is finished instead (`resumed`).
   */
  async start(
    input: StartInput,
  ): Promise<PlanResult & { stocktake: StocktakeDoc; resumed: boolean }> {
    const open = await this.deps.store.open();
    if (open && open.ready) throw alreadyOpen(open);
    if (open) return { ...(await this.writeItems(open)), resumed: true };
    const planned = await this.plan(input);
    const at = this.now();
    const stocktake = await this.deps.store.insertOpen(tokyoDayStamp(at), {
      scope: input.scope,
      deadline: planned.deadline,
      deadlineDay: planned.deadlineDay,
      by: input.by,
      at,
    });
    if (!stocktake) throw alreadyOpen((await this.deps.store.open()) ?? undefined);
    return { ...(await this.writeItems(stocktake, planned)), resumed: false };
  }

  /** Writes the items of a new (or half-started) stocktake, then marks it ready. */
  private async writeItems(
    stocktake: StocktakeDoc,
    planned?: PlanResult,
  ): Promise<PlanResult & { stocktake: StocktakeDoc }> {
    const plan =
      planned ??
      (await this.plan({ scope: stocktake.scope, deadline: stocktake.deadlineDay, by: '' }));
    await this.deps.store.insertItems(itemsOf(stocktake, plan.plan, this.now()));
    await this.deps.store.markReady(stocktake._id);
    return { ...plan, stocktake: { ...stocktake, ready: true } };
  }

  /** The stocktake by id, or the open one; closes it first when its deadline has passed. */
  async find(id?: string): Promise<StocktakeDoc> {
    const found = id ? await this.deps.store.get(id.trim()) : await this.deps.store.open();
    if (!found)
      throw id
        ? new DaichoError('NOT_FOUND', 'stocktake.notFound', {
            // On one line, whatever was typed or pasted.
            id: id.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 60),
          })
        : new DaichoError('NOT_FOUND', 'stocktake.noneOpen');
    if (found.status === 'open' && this.now().getTime() > found.deadline.getTime())
      return (await this.deps.store.close(found._id, DEADLINE_CLOSER, this.now())) ?? found;
    return found;
  }

  async status(id?: string): Promise<StocktakeStatus> {
    const stocktake = await this.find(id);
    return { stocktake, ...countItems(await this.deps.store.items(stocktake._id)) };
  }

  /** Every device of the stocktake with its answer (the report), or those of `only` (a card). */
  async items(id?: string, only?: ObjectId[]) {
    const stocktake = await this.find(id);
    const filter: Filter<StocktakeItemDoc> = only ? { _id: { $in: only } } : {};
    return { stocktake, items: await this.deps.store.items(stocktake._id, filter) };
  }

  /** Closes the stocktake (by id, or the open one); answers are refused from then on. */
  async close(by: string, id?: string): Promise<StocktakeStatus> {
    const found = await this.find(id);
    if (found.status !== 'open') throw alreadyClosed(found);
    const closed = await this.deps.store.close(found._id, by, this.now());
    if (!closed) throw alreadyClosed((await this.deps.store.get(found._id)) ?? found);
    return { stocktake: closed, ...countItems(await this.deps.store.items(closed._id)) };
  }

  /** A user's (or an admin's) answer for one device; refused with a reason the person reads. */
  async answer(
    who: StocktakeIdentity,
    itemId: ObjectId | string,
    raw: Record<string, unknown>,
  ): Promise<AnswerOutcome> {
    return answerItem(this.answerDeps(), who, itemId, raw);
  }

  /** An admin accepts a user's serial-number correction: written through the ledger. */
  async acceptSerialProposal(
    who: StocktakeIdentity,
    itemId: ObjectId | string,
  ): Promise<AnswerOutcome> {
    return acceptSerialProposal(this.answerDeps(), who, itemId);
  }
  /** The same by asset number, in a stocktake (default: the open one). */
  acceptSerialOf(who: StocktakeIdentity, assetNumber: string, id?: string) {
    return acceptSerialOf(this.answerDeps(), who, assetNumber, id);
  }
  /** Serial-number proposals no admin accepted yet. */
  proposals(id?: string) {
    return pendingProposals(this.answerDeps(), id);
  }

  /** Items of the open stocktake whose user has not been sent the ask card yet. */
  async listToAsk(): Promise<StocktakeItemDoc[]> {
    const open = await this.deps.store.open();
    if (!open || !open.ready) return [];
    return this.deps.store.items(open._id, { state: 'toAsk', askedAt: null });
  }

  /** Items asked and not answered, not asked or reminded in the last day: the reminders due. */
  async listPending(): Promise<StocktakeItemDoc[]> {
    const open = await this.find().catch(() => null);
    if (!open || open.status !== 'open') return [];
    const before = new Date(this.now().getTime() - REMIND_EVERY_MS);
    const filter: Filter<StocktakeItemDoc> = {
      state: 'toAsk',
      askedAt: { $ne: null, $lte: before },
      $or: [{ remindedAt: null }, { remindedAt: { $lte: before } }],
    };
    return this.deps.store.items(open._id, filter);
  }

  /** Remembers the admin's progress card: each answer updates it in place. */
  setProgressCard(id: string, ref: ProgressCardRef): Promise<void> {
    return this.deps.store.setProgressCard(id, ref);
  }

  markAsked(ids: ObjectId[], at = this.now()): Promise<void> {
    return this.deps.store.markSent(ids, 'askedAt', at);
  }
  markReminded(ids: ObjectId[], at = this.now()): Promise<void> {
    return this.deps.store.markSent(ids, 'remindedAt', at);
  }

  /** Users on the admin's list who now have a chat with the bot are asked (count of items). */
  markReachable(chatUserIds: string[]): Promise<number> {
    return markReachable(this.reachDeps(), chatUserIds);
  }
  /** Installs the bot through Graph for the users without a chat, when an installer is set. */
  installForUnreachable(): Promise<InstallCounts> {
    return installForUnreachable(this.reachDeps());
  }
  private reachDeps(): ReachDeps {
    return { store: this.deps.store, installer: this.deps.installer, now: this.now };
  }

  private answerDeps() {
    const { store, ledger, alerts } = this.deps;
    return { store, ledger, alerts, now: this.now, find: (id?: string) => this.find(id) };
  }

  private async devicesIn(scope: StocktakeScope): Promise<ScopedDevice[]> {
    const and: Filter<StoredDevice>[] = [toMongoFilter(scope.query, this.now())];
    if (scope.deviceType) and.push({ deviceType: scope.deviceType });
    const docs = await this.deps.ledger.devicesWhere({ $and: and });
    return docs.map((d) => ({
      _id: d._id,
      assetNumber: d.assetNumber,
      user: d.user,
      model: d.model,
      serialNumber: d.serialNumber,
    }));
  }
}

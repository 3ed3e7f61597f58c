import { Alerts } from '../../src/alerts';
import { TestAdapter, type Activity } from 'botbuilder';
import { createAdapter } from '../../src/teams/adapter';
import { createBot } from '../../src/teams/create-bot';
import { rolePolicy } from '../../src/bot/roles';
import { createLogger } from '../../src/log';
import fc from 'fast-check';
import { ObjectId } from 'mongodb';
import { VERBS } from '../../src/cards/verbs';
import { isDaichoError } from '../../src/errors';
import { t as say, type Locale } from '../../src/i18n/messages';
import type { DeviceDoc } from '../../src/ledger/ledger-service';
import type { SyncService } from '../../src/sync/sync-service';
import { menu } from '../../src/troubleshooting';
import { OLD_DEVICE_OUTCOME_IDS } from '../../src/workflows/replacement-choices';
import { WorkflowService } from '../../src/workflows/workflow-service';
import type { WorkflowDoc } from '../../src/workflows/workflow-record';
import { ADMIN, botConfig, botOwners, testBot, USER } from '../support/bot-harness';
import { validateCard } from '../support/card-validator';
import {
  CaseCounts,
  changedCollections,
  crashTrace,
  fcParams,
  HOSTILE_KEYS,
  hostileJson,
  hostileString,
  objectOf,
  openWatchedDb,
  poisoned,
  restore,
  runs,
  snapshot,
  wire,
  type Snapshot,
  type WriteWatch,
} from '../support/hostile';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import type { TestDb } from '../support/test-db';

/**
 * Every card verb gets arbitrary `data` — wrong types, 100 KB strings, missing and extra fields,
 * nested objects, arrays, null, `__proto__` / `constructor` keys, ids of other users' alerts,
 * workflows, runs and guide sessions — from an admin and from a non-admin, through the real bot
 * (botbuilder TestAdapter), the real sync against the Graph simulator and the real database.
 *
 * Every press must be answered with an invoke response (a sentence or a valid Adaptive Card):
 * nothing thrown out of the turn (that is a 501 in Teams), no generic "something went wrong"
 * (an unexpected exception, hidden), no stack trace, "undefined" or "[object Object]".
 *
 * Writes: the test knows, for each verb, which collections a press may change and when (the
 * payload's contract in src/cards/verbs.ts, checked against the fixture: an open alert, the held
 * run, an open workflow, the presser's own guide session). Anything else — a malformed payload, a
 * stale or foreign id, a non-admin — must change nothing. Volatile and excluded: `botState`
 * (teams-ai writes its turn state on every turn). Everything else, including conversations,
 * troubleshootSessions and downloads, is compared document by document. A press that sent no
 * write command (watched through the driver's command monitoring) changed nothing; after one that
 * did, the database is snapshotted, compared with the fixture, and put back.
 */

const VOLATILE = ['botState'];
const counts = new CaseCounts('hostile-card-payloads');
const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/** What a whole sync (a link, a run, an approved run) may change. */
const SYNC_WRITES = [
  'alerts',
  'assetNumberReservations',
  'counters',
  'devices',
  'fieldHistory',
  'integrations',
  'leases',
  'syncRuns',
  'usageHistory',
];

type Who = 'admin' | 'user';
type Data = Record<string, unknown>;

interface Fixture {
  assetNumbers: string[];
  alertIds: string[];
  heldRunId: string;
  doneRunId: string;
  openWorkflow: WorkflowDoc;
  closedWorkflow: WorkflowDoc;
  checklistIds: string[];
  treeIds: string[];
  nodeIds: string[];
  stocktakeId: string;
  /** Every item of the open stocktake, and the one USER was asked about. */
  itemIds: string[];
  userItemId: string;
}

let t: TestDb & { watch: WriteWatch };
let h: SyncHarness;
let adapter: TestAdapter;
let fx: Fixture;
let base: Snapshot;
/** Where the card updates of a background sync go (Teams' connector, stubbed). */
let teams: StubConnector;
/** Syncs the bot started in the background (sync.now, sync.approve): awaited after each press. */
const inFlight = new Set<Promise<unknown>>();

/** The sync service as the bot sees it, with its background runs tracked. */
function trackedSync(sync: SyncService): SyncService {
  return new Proxy(sync, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          const settled = result.catch(() => undefined);
          inFlight.add(settled);
          void settled.finally(() => inFlight.delete(settled));
        }
        return result;
      };
    },
  });
}

async function quiesce(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

// ---------------------------------------------------------------------------------------------
// One press, every reply.

interface Outcome {
  replies: Partial<Activity>[];
  status?: number;
  type?: string;
  value?: unknown;
}

async function pressAll(verb: string, data: unknown, who: Who, locale: string): Promise<Outcome> {
  const from = who === 'admin' ? ADMIN : USER;
  adapter.activeQueue.splice(0);
  const activity: Partial<Activity> = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    locale,
    serviceUrl: teams.url,
    from: { ...from } as never,
    value: { action: { type: 'Action.Execute', verb, ...(data === undefined ? {} : { data }) } },
  };
  await adapter.processActivity(activity);
  await quiesce();
  const replies = adapter.activeQueue.splice(0);
  const invoke = replies.find((r) => r.type === 'invokeResponse');
  const value = invoke?.value as
    { status?: number; body?: { statusCode?: number; type?: string; value?: unknown } } | undefined;
  return { replies, status: value?.status, type: value?.body?.type, value: value?.body?.value };
}

/** Why the answer is not a clean sentence or a valid card (empty when it is). */
function answerProblems(o: Outcome, input: unknown, locale: Locale): string[] {
  const problems: string[] = [];
  const hadDollar = JSON.stringify(input ?? null).includes('$');
  if (o.status !== 200) problems.push(`invoke status ${String(o.status)}`);
  const generic = say(locale, 'bot.error', { correlationId: '§' }).split('§')[0];
  const checkText = (text: string, where: string) => {
    const crash = crashTrace(text);
    if (crash) problems.push(`${where} ${crash}`);
    if (text.startsWith(generic)) problems.push(`${where} is the generic error (an exception)`);
    if (text.length > 80_000) problems.push(`${where} is ${text.length} characters`);
  };
  const checkCard = (card: unknown, where: string) => {
    const text = JSON.stringify(card);
    checkText(text, where);
    if (!hadDollar && text.includes('${')) problems.push(`${where} has a leftover \${`);
    if ((card as { type?: unknown })?.type !== 'AdaptiveCard')
      problems.push(`${where} is not an AdaptiveCard`);
    for (const p of validateCard(card)) problems.push(`${where}: ${p}`);
  };
  if (o.type === MESSAGE) {
    if (typeof o.value !== 'string' || o.value.trim() === '') problems.push('empty sentence');
    else checkText(o.value, 'sentence');
  } else if (o.type === CARD) checkCard(o.value, 'card');
  else problems.push(`answer of type ${String(o.type)}`);
  for (const r of o.replies) {
    if (r.type !== 'message') continue;
    if (r.text) checkText(r.text, 'posted text');
    for (const a of r.attachments ?? []) checkCard(a.content, 'posted card');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// What each verb's data may hold, and what a press may write.

const isObj = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const only = (d: Data, keys: string[]) => Object.keys(d).every((k) => keys.includes(k));
const hex24 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{24}$/.test(v);
const version = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1_000_000_000;

async function findDevice(id: string): Promise<DeviceDoc | null> {
  try {
    return await t.ledger.find(id);
  } catch (e) {
    if (isDaichoError(e)) return null;
    throw e;
  }
}
const openAlert = (id: unknown) =>
  typeof id === 'string'
    ? t.c.alerts.findOne({ _id: id, status: { $ne: 'resolved' } })
    : Promise.resolve(null);
const openWorkflow = (d: Data) =>
  hex24(d.workflowId)
    ? t.c.workflows.findOne({ _id: d.workflowId, status: { $in: ['open', 'completing'] } })
    : Promise.resolve(null);
const session = (who: Who) =>
  t.c.troubleshootSessions.findOne({
    _id: `${adapter.conversation.conversation.id}|${who === 'admin' ? ADMIN.id : USER.id}`,
  });

interface Spec {
  adminOnly: boolean;
  /** The fields the verb's data carries (see src/cards/verbs.ts), each with likely values. */
  fields: Record<string, fc.Arbitrary<unknown>>;
  /** Collections a press with this (normalized) data may change; [] = must change nothing. */
  mayWrite?(d: unknown, who: Who): Promise<string[]> | string[];
}

const nothing = (): string[] => [];

/**
 * A verb this test has no spec for yet (added after it): its data is unknown here, so an admin's
 * press may write anything; the rest still holds — no crash, a clean answer, and a non-admin's
 * press writes nothing.
 */
function genericSpec(): Spec {
  const id = fc.constantFrom(new ObjectId().toHexString(), 'p-1', 'no-such-id', '');
  return {
    adminOnly: false,
    fields: { runId: id, personId: id, accountId: id, version: fc.constantFrom(1, 2, '1') },
    mayWrite: (_d, who) => (who === 'admin' ? ['*'] : []),
  };
}

function specs(): Record<string, Spec> {
  const pool = (...values: unknown[]) => fc.constantFrom(...values);
  const asset = pool(...fx.assetNumbers);
  const alertId = pool(...fx.alertIds, 'no-such-alert', new ObjectId().toHexString());
  const runId = pool(fx.heldRunId, fx.doneRunId, new ObjectId().toHexString(), 'zz');
  const wfId = pool(fx.openWorkflow._id, fx.closedWorkflow._id, new ObjectId().toHexString());
  const ver = pool(fx.openWorkflow.version, fx.openWorkflow.version + 1, 1, 0, -1, 1.5, '1');
  const step = pool(...fx.openWorkflow.steps.map((s) => s.id), 'no-such-step');
  const provider = pool('intune', 'jamf', 'evil', 'INTUNE');
  const matchKey = pool('serial', 'uuid', 'udid');
  const rule = pool('uuid', 'deviceName', 'serial', 'device-name');
  const tree = pool(...fx.treeIds, 'no-such-tree', '__proto__', 'constructor');
  const node = pool(...fx.nodeIds, 'no-such-node', 'toString');
  const filter = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'source',
          'registrationState',
          'staleDays',
          'status',
          'user',
          'text',
          'duplicates',
          'missingFromMdm',
        ),
        fc.oneof(
          pool('intune', 'ledger', 'registered', '30', 30, 'alice', 'PC', true, 'true', ''),
          hostileJson,
        ),
      ),
      { maxLength: 4 },
    )
    .map(objectOf);
  const settings = { provider, matchKey, assetNumberRule: rule };
  const linkValid = (d: unknown) =>
    isObj(d) &&
    ['intune', 'jamf'].includes(d.provider as string) &&
    ['serial', 'uuid'].includes(d.matchKey as string) &&
    ['uuid', 'deviceName', 'serial'].includes(d.assetNumberRule as string);
  const troubleshootWrite = async (d: unknown, who: Who, keys: string[]) => {
    if (!isObj(d) || !only(d, keys) || !str(d.treeId, 1, 100)) return [];
    const s = await session(who);
    return s && s.treeId === d.treeId ? ['troubleshootSessions'] : [];
  };

  return {
    [VERBS.showDevice]: { adminOnly: false, fields: { assetNumber: asset } },
    [VERBS.deviceHistory]: { adminOnly: false, fields: { assetNumber: asset } },
    [VERBS.deviceReplace]: {
      adminOnly: true,
      fields: { assetNumber: asset },
      mayWrite: async (d) => {
        if (!isObj(d) || !only(d, ['assetNumber']) || typeof d.assetNumber !== 'string') return [];
        const id = d.assetNumber.trim();
        const device = id.length >= 1 && id.length <= 128 ? await findDevice(id) : null;
        const open =
          device && (await t.c.workflows.findOne({ activeFor: device._id.toHexString() }));
        return open ? ['workflows'] : [];
      },
    },
    [VERBS.deviceDelete]: {
      adminOnly: true,
      fields: { assetNumber: asset },
      mayWrite: async (d) =>
        isObj(d) && str(d.assetNumber, 1, 64) && (await findDevice(d.assetNumber))
          ? ['devices', 'fieldHistory', 'usageHistory']
          : [],
    },
    [VERBS.listDevices]: { adminOnly: false, fields: {} },
    [VERBS.devicesPage]: {
      adminOnly: false,
      fields: { filter, page: pool(1, 2, 0, -1, '2', 1e6, 1.5) },
    },
    // The whole filtered list as a CSV download, for anyone who sees the list card.
    [VERBS.downloadCsv]: { adminOnly: false, fields: { filter }, mayWrite: () => ['downloads'] },
    [VERBS.linkStart]: { adminOnly: true, fields: {} },
    [VERBS.linkChooseProvider]: { adminOnly: true, fields: { provider } },
    [VERBS.linkPreview]: { adminOnly: true, fields: settings },
    [VERBS.linkPreviewCsv]: {
      adminOnly: true,
      fields: settings,
      mayWrite: (d) => (linkValid(d) && (d as Data).provider === 'intune' ? ['downloads'] : []),
    },
    [VERBS.linkConfirm]: {
      adminOnly: true,
      fields: settings,
      mayWrite: (d) => (linkValid(d) && (d as Data).provider === 'intune' ? SYNC_WRITES : []),
    },
    [VERBS.linkCancel]: { adminOnly: false, fields: {} },
    [VERBS.unlinkPreview]: { adminOnly: true, fields: {} },
    [VERBS.unlinkConfirm]: {
      adminOnly: true,
      fields: { provider },
      mayWrite: (d) =>
        isObj(d) && d.provider === 'intune'
          ? ['alerts', 'devices', 'fieldHistory', 'integrations']
          : [],
    },
    [VERBS.unlinkCancel]: { adminOnly: false, fields: {} },
    // Takes no data: any object starts a run (a run of an unchanged MDM still records itself).
    [VERBS.syncNow]: {
      adminOnly: true,
      fields: {},
      mayWrite: (d) => (isObj(d) ? SYNC_WRITES : []),
    },
    [VERBS.syncApprove]: {
      adminOnly: true,
      fields: { runId },
      mayWrite: (d) => (isObj(d) && d.runId === fx.heldRunId ? SYNC_WRITES : []),
    },
    [VERBS.syncReject]: {
      adminOnly: true,
      fields: { runId },
      mayWrite: (d) => (isObj(d) && d.runId === fx.heldRunId ? ['alerts', 'syncRuns'] : []),
    },
    [VERBS.status]: { adminOnly: false, fields: {} },
    [VERBS.help]: { adminOnly: false, fields: {} },
    [VERBS.alertKeep]: {
      adminOnly: true,
      fields: { alertId },
      mayWrite: async (d) =>
        isObj(d) && str(d.alertId, 1, 1000) && (await openAlert(d.alertId)) ? ['alerts'] : [],
    },
    [VERBS.alertMerge]: {
      adminOnly: true,
      fields: { alertId, keep: asset },
      mayWrite: async (d) =>
        isObj(d) && str(d.keep, 1, 128) && (await openAlert(d.alertId))
          ? ['alerts', 'devices', 'fieldHistory', 'usageHistory', 'workflows']
          : [],
    },
    [VERBS.alertRename]: {
      adminOnly: true,
      fields: {
        alertId,
        assetNumber: pool('SYS000001', ...fx.assetNumbers),
        newAssetNumber: fc.oneof(pool('PC-RENAMED', ' PC-NEW ', 'TAKEN', ''), hostileString()),
      },
      mayWrite: async (d) =>
        isObj(d) &&
        str(d.assetNumber, 1, 64) &&
        str(d.newAssetNumber, 0, 200) &&
        (await openAlert(d.alertId))
          ? ['alerts', 'devices', 'fieldHistory', 'usageHistory']
          : [],
    },
    // Takes no data: marks the conversation it was pressed in.
    [VERBS.setAlertChannel]: { adminOnly: true, fields: {}, mayWrite: () => ['conversations'] },
    [VERBS.workflowStart]: {
      adminOnly: true,
      fields: {
        assetNumber: asset,
        checklistId: pool(...fx.checklistIds, 'no-such-checklist'),
        newAssetNumber: fc.oneof(asset, pool('', 'NEW-1')),
      },
      mayWrite: (d) =>
        isObj(d) && only(d, ['assetNumber', 'checklistId', 'newAssetNumber']) ? ['workflows'] : [],
    },
    [VERBS.workflowTick]: {
      adminOnly: true,
      fields: { workflowId: wfId, version: ver, stepId: step, done: pool(true, false, 'true', 1) },
      mayWrite: async (d) =>
        isObj(d) && version(d.version) && typeof d.done === 'boolean' && (await openWorkflow(d))
          ? ['workflows']
          : [],
    },
    [VERBS.workflowNewDevice]: {
      adminOnly: true,
      fields: {
        workflowId: wfId,
        version: ver,
        newAssetNumber: fc.oneof(asset, pool('', 'NEW-1')),
      },
      mayWrite: async (d) =>
        isObj(d) && version(d.version) && str(d.newAssetNumber, 0, 1000) && (await openWorkflow(d))
          ? ['workflows']
          : [],
    },
    [VERBS.workflowComplete]: {
      adminOnly: true,
      fields: {
        workflowId: wfId,
        version: ver,
        oldDeviceStatus: pool(...OLD_DEVICE_OUTCOME_IDS, 'no-such-status'),
        disposalDate: pool('2025-01-31', '2025/1/31', 'yesterday', ''),
        newAssetNumber: pool('', 'FREE-1'),
      },
      mayWrite: async (d) =>
        isObj(d) && version(d.version) && (await openWorkflow(d))
          ? ['devices', 'fieldHistory', 'usageHistory', 'workflows']
          : [],
    },
    [VERBS.workflowAbandon]: {
      adminOnly: true,
      fields: { workflowId: wfId, version: ver },
      // Abandoning an abandoned workflow is a no-op by design (a double click); the press is
      // still recorded on the card (who pressed, whose card to refresh), nothing else.
      mayWrite: async (d) =>
        isObj(d) &&
        version(d.version) &&
        ((await openWorkflow(d)) || (hex24(d.workflowId) && d.workflowId === fx.closedWorkflow._id))
          ? ['workflows']
          : [],
    },
    [VERBS.workflowRefresh]: { adminOnly: false, fields: { workflowId: wfId } },
    // Posts the workflow card as a new message and remembers that copy (and the conversation).
    [VERBS.workflowOpen]: {
      adminOnly: false,
      fields: { workflowId: wfId },
      mayWrite: async (d) =>
        isObj(d) &&
        only(d, ['workflowId']) &&
        hex24(d.workflowId) &&
        (await t.c.workflows.findOne({ _id: d.workflowId }))
          ? ['conversations', 'workflows']
          : [],
    },
    [VERBS.workflowsList]: { adminOnly: false, fields: {} },
    [VERBS.troubleshootMenu]: { adminOnly: false, fields: { assetNumber: asset } },
    [VERBS.troubleshootStart]: {
      adminOnly: false,
      fields: { treeId: tree, assetNumber: asset },
      mayWrite: (d) =>
        isObj(d) && only(d, ['treeId', 'assetNumber']) && fx.treeIds.includes(d.treeId as string)
          ? ['troubleshootSessions']
          : [],
    },
    [VERBS.troubleshootChoose]: {
      adminOnly: false,
      fields: { treeId: tree, nodeId: node, choice: node },
      mayWrite: (d, who) => troubleshootWrite(d, who, ['treeId', 'nodeId', 'choice']),
    },
    [VERBS.troubleshootBack]: {
      adminOnly: false,
      fields: { treeId: tree, nodeId: node },
      mayWrite: (d, who) => troubleshootWrite(d, who, ['treeId', 'nodeId']),
    },
    [VERBS.troubleshootRestart]: {
      adminOnly: false,
      fields: { treeId: tree },
      mayWrite: (d) =>
        isObj(d) && only(d, ['treeId']) && fx.treeIds.includes(d.treeId as string)
          ? ['troubleshootSessions']
          : [],
    },
    // Anyone may press it; only an admin's press runs the check (and moves the guide on).
    ...stocktakeSpecs(),
    [VERBS.troubleshootCheck]: {
      adminOnly: false,
      fields: { treeId: tree, nodeId: node },
      mayWrite: (d, who) =>
        who === 'admin' ? troubleshootWrite(d, who, ['treeId', 'nodeId']) : [],
    },
  };
}

/** The stocktake verbs: the admin's start / close / report, anyone's answers (checked per item). */
function stocktakeSpecs(): Record<string, Spec> {
  const pool = (...values: unknown[]) => fc.constantFrom(...values);
  const stocktakeId = pool(fx.stocktakeId, 'ST-20990101-1', 'no-such-stocktake');
  const scope = {
    status: pool('利用中', ''),
    source: pool('intune', 'ledger', 'evil', ''),
    deviceType: pool('PC', ''),
    user: pool('bob', ''),
    deadline: pool('2099-12-31', '2000-01-01', 'tomorrow', ''),
  };
  const other = fx.itemIds.find((id) => id !== fx.userItemId)!;
  const result = pool('present', 'notMine', 'lost', 'broken', 'gone', '');
  const ANSWER_WRITES = ['stocktakeItems', 'devices', 'fieldHistory', 'usageHistory', 'alerts'];
  const validAnswer = (d: unknown): d is Data =>
    isObj(d) &&
    typeof d.stocktakeId === 'string' &&
    /^ST-\d{8}-\d{1,6}$/.test(d.stocktakeId) &&
    Array.isArray(d.items) &&
    d.items.length >= 1 &&
    d.items.length <= 20 &&
    d.items.every(hex24);
  const ours = (d: unknown) => (isObj(d) && d.stocktakeId === fx.stocktakeId ? ['stocktakes'] : []);
  const alertId = pool(...fx.alertIds, 'no-such-alert');
  const ALERT_WRITES = ['alerts', 'devices', 'fieldHistory', 'usageHistory'];
  const onOpenAlert = async (d: unknown) =>
    isObj(d) && str(d.alertId, 1, 1000) && (await openAlert(d.alertId)) ? ALERT_WRITES : [];
  return {
    [VERBS.stocktakeMarkLost]: { adminOnly: true, fields: { alertId }, mayWrite: onOpenAlert },
    [VERBS.stocktakeReassign]: {
      adminOnly: true,
      fields: { alertId, newUser: fc.oneof(pool('佐藤 花子', ' ', ''), hostileString()) },
      mayWrite: onOpenAlert,
    },
    // The fixture's OLD-1 carries a proposal: accepted once, then refused.
    [VERBS.stocktakeAcceptSerial]: {
      adminOnly: true,
      fields: { stocktakeId, assetNumber: pool('OLD-1', 'old-1', 'FREE-1', 'NO-SUCH', '') },
      mayWrite: (d) =>
        isObj(d) && d.stocktakeId === fx.stocktakeId
          ? ['stocktakeItems', 'devices', 'fieldHistory', 'usageHistory']
          : [],
    },
    [VERBS.stocktakePreview]: { adminOnly: true, fields: scope },
    // The fixture's stocktake is open: a start is refused and writes nothing.
    [VERBS.stocktakeStart]: { adminOnly: true, fields: scope },
    [VERBS.stocktakeCancel]: { adminOnly: true, fields: {} },
    [VERBS.stocktakeClose]: { adminOnly: true, fields: { stocktakeId }, mayWrite: ours },
    [VERBS.stocktakeCsv]: {
      adminOnly: true,
      fields: { stocktakeId },
      mayWrite: (d) => (ours(d).length > 0 ? ['downloads'] : []),
    },
    [VERBS.stocktakeAnswer]: {
      adminOnly: false,
      fields: {
        stocktakeId,
        items: fc.oneof(fc.subarray(fx.itemIds, { minLength: 1 }), pool([], ['zz'], 'x')),
        [`r_${fx.userItemId}`]: result,
        [`n_${fx.userItemId}`]: pool('机の上', ''),
        [`s_${fx.userItemId}`]: pool('SN-NEW', ''),
        [`r_${other}`]: result,
      },
      // USER may answer for FREE-1 only; an admin for any device of the stocktake.
      mayWrite: (d, who) =>
        validAnswer(d) && (who === 'admin' || (d.items as unknown[]).includes(fx.userItemId))
          ? ANSWER_WRITES
          : [],
    },
  };
}

/** Data for a verb: mostly its own fields (valid, foreign or hostile values, some missing, some extra), else anything. */
function dataFor(spec: Spec): fc.Arbitrary<unknown> {
  const field = (likely: fc.Arbitrary<unknown>) =>
    fc.oneof(
      { arbitrary: likely, weight: 6 },
      { arbitrary: hostileJson, weight: 2 },
      { arbitrary: poisoned, weight: 1 },
    );
  const entries = Object.entries(spec.fields).map(([name, likely]) =>
    fc.option(
      field(likely).map((v): [string, unknown] => [name, v]),
      { freq: 6, nil: undefined },
    ),
  );
  const extras = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), hostileJson),
    { maxLength: 3 },
  );
  const shaped = fc
    .tuple(
      fc.tuple(...entries),
      fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: extras, weight: 1 }),
    )
    .map(([own, extra]) =>
      objectOf([...own.filter((e): e is [string, unknown] => e !== undefined), ...extra]),
    );
  return fc.oneof({ arbitrary: shaped, weight: 5 }, { arbitrary: hostileJson, weight: 1 });
}

// ---------------------------------------------------------------------------------------------

describe('hostile card payloads: every verb, any data, admin and not', () => {
  beforeAll(async () => {
    teams = await startStubConnector();
    t = await openWatchedDb();
    h = await syncHarness(t, {
      graph: {
        devices: [
          rawIntuneDevice({ id: 'k-1', serialNumber: 'KEY-1' }),
          rawIntuneDevice({ id: 'k-2', serialNumber: 'S-2', deviceName: 'TAKEN' }),
          rawIntuneDevice({ id: 'k-3', serialNumber: 'S-3', deviceName: 'NEW-3' }),
        ] as never,
      },
    });
    const workflows = new WorkflowService({ workflows: t.c.workflows, ledger: t.ledger });
    adapter = testBot(t, h, { sync: trackedSync(h.sync), stocktakes: h.services.stocktakes });
    const by = { by: 'test' };
    await t.ledger.create({ assetNumber: 'OLD-1', serialNumber: 'KEY-1' }, by);
    await new Promise((r) => setTimeout(r, 5));
    await t.ledger.create({ assetNumber: 'TWIN-1', serialNumber: 'key-1', user: 'alice' }, by);
    await t.ledger.create({ assetNumber: 'TAKEN', serialNumber: 'OTHER' }, by);
    await t.ledger.create({ assetNumber: 'FREE-1', serialNumber: 'F-1', user: 'bob' }, by);
    await t.ledger.create({ assetNumber: 'WF-1', os: 'Windows (11)', user: 'carol' }, by);
    await t.ledger.create({ assetNumber: 'WF-2', os: 'macOS (14.5)' }, by);
    const linked = await h.links.link(
      { provider: 'intune', matchKey: 'serial', assetNumberRule: 'deviceName' },
      { dryRun: false, actor: by },
    );
    // A run the safety limit held, for sync.approve / sync.reject, and a resolved alert.
    const heldRunId = new ObjectId();
    await t.c.syncRuns.insertOne({
      _id: heldRunId,
      provider: 'intune',
      trigger: 'schedule',
      status: 'held',
      startedAt: new Date(),
      endedAt: new Date(),
      by: 'sync:intune',
      holder: 'test',
      counts: {},
      errors: [],
      held: { reason: 'safety-limit', changes: 3, syncedBefore: 4, percent: 75 },
    });
    const dup = await t.c.alerts.findOne({ type: 'duplicate' });
    expect(dup).not.toBeNull();
    await t.c.alerts.insertOne({ ...dup!, _id: 'resolved-duplicate', status: 'resolved' });
    // Workflows another admin started: one open, one abandoned.
    const other = { by: 'teams:aad-other' };
    const open = await workflows.start({
      checklistId: 'windows-macos-generic',
      oldAssetNumber: 'WF-1',
      newAssetNumber: null,
      actor: other,
    });
    const closed = await workflows.start({
      checklistId: 'windows-macos-generic',
      oldAssetNumber: 'WF-2',
      newAssetNumber: null,
      actor: other,
    });
    await workflows.abandon(closed._id, other, closed.version);
    // A guide session each, and an alert channel.
    await pressAll(VERBS.troubleshootStart, { treeId: 'intune-sync' }, 'admin', 'en-US');
    await pressAll(VERBS.troubleshootStart, { treeId: 'co-management' }, 'user', 'en-US');
    await pressAll(VERBS.setAlertChannel, {}, 'admin', 'en-US');
    // An open stocktake of every device; FREE-1 is asked of USER (nobody else can be asked here).
    const stocktake = await h.services.stocktakes.start({
      scope: { query: {} },
      deadline: '2099-12-31',
      by: 'test',
    });
    await t.c.stocktakeItems.updateOne(
      { assetNumber: 'FREE-1' },
      { $set: { state: 'toAsk', unreachableReason: null, aadObjectId: USER.aadObjectId } },
    );
    // An admin's answer for OLD-1: not mine, with a serial proposal — a stocktake alert to act on.
    const old1 = await t.c.stocktakeItems.findOne({ assetNumber: 'OLD-1' });
    const notMine = { result: 'notMine', proposedSerial: 'SN-PROPOSED' };
    const admin = { by: 'test', admin: true };
    expect((await h.services.stocktakes.answer(admin, old1!._id, notMine)).ok).toBe(true);
    const items = await t.c.stocktakeItems.find({}).toArray();
    const trees = menu('en').trees.map((tr) => tr.id);
    fx = {
      assetNumbers: [
        'OLD-1',
        'TWIN-1',
        'TAKEN',
        'FREE-1',
        'WF-1',
        'WF-2',
        'SYS000001',
        'NEW-3',
        'KEY-1',
        'k-1',
        'NO-SUCH-DEVICE',
      ],
      alertIds: (await t.c.alerts.find({}).toArray()).map((a) => a._id),
      heldRunId: heldRunId.toHexString(),
      doneRunId: linked.runId!,
      openWorkflow: await workflows.get(open._id),
      closedWorkflow: await workflows.get(closed._id),
      checklistIds: workflows.checklists.ids(),
      treeIds: trees,
      nodeIds: ['self-test', 'account-roles', 'menu', 'faq', 'server-url', 'relink'],
      stocktakeId: stocktake.stocktake._id,
      itemIds: items.map((i) => i._id.toHexString()),
      userItemId: items.find((i) => i.assetNumber === 'FREE-1')!._id.toHexString(),
    };
    expect(fx.alertIds.length).toBeGreaterThanOrEqual(3);
    base = await snapshot(t.db, VOLATILE);
  }, 60_000);

  afterAll(async () => {
    await quiesce();
    counts.write();
    await h?.close();
    await t?.close();
    await teams?.close();
  });

  it('knows the data of every verb in VERBS (new verbs get the generic oracle until they get a spec)', () => {
    const table = specs();
    const generic = Object.values(VERBS).filter((v) => !table[v]);
    counts.note('verbs with the generic oracle (no spec yet)', generic);
    expect(
      Object.keys(table).filter((v) => !(Object.values(VERBS) as string[]).includes(v)),
    ).toEqual([]);
  });

  const RUNS = runs(40);
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  for (const verb of Object.values(VERBS)) {
    it(`${verb}: any data ends in a sentence or a valid card, and invalid data writes nothing`, async () => {
      const spec = specs()[verb] ?? genericSpec();
      const name = `card ${verb}`;
      counts.expect(name, RUNS);
      const locales: [string, Locale][] = [
        ['en-US', 'en'],
        ['ja-JP', 'ja'],
      ];
      await fc.assert(
        fc.asyncProperty(
          dataFor(spec),
          fc.constantFrom<Who>('admin', 'user'),
          fc.constantFrom(...locales),
          async (raw, who, [tag, locale]) => {
            counts.count(name);
            const data = wire(raw);
            // teams-ai hands the handler `data ?? {}`.
            const given = data ?? {};
            const allowed =
              spec.adminOnly && who === 'user'
                ? []
                : ((await spec.mayWrite?.(given, who)) ?? nothing());
            t.watch.reset();
            const o = await pressAll(verb, data, who, tag);
            const problems = answerProblems(o, data, locale);
            if (spec.adminOnly && who === 'user' && o.value !== say(locale, 'bot.notAdmin'))
              problems.push(`a non-admin got ${JSON.stringify(o.value).slice(0, 200)}`);
            const written = t.watch.collections(VOLATILE);
            if (written.length > 0) {
              const after = await snapshot(t.db, VOLATILE);
              const changed = changedCollections(base, after);
              const unexpected = allowed.includes('*')
                ? []
                : changed.filter((c) => !allowed.includes(c));
              if (unexpected.length > 0)
                problems.push(
                  `changed ${unexpected.join(', ')} (may change: ${allowed.join(', ') || 'nothing'})`,
                );
              await restore(t.db, base, changed);
            }
            if (problems.length > 0) {
              const shown = JSON.stringify(data)?.slice(0, 300);
              throw new Error(`${verb} as ${who} with ${shown}: ${problems.join('; ')}`);
            }
          },
        ),
        fcParams(RUNS),
      );
      expect(counts.get(name)?.ran).toBe(RUNS);
      // The press left the database as the fixture was.
      expect(changedCollections(base, await snapshot(t.db, VOLATILE))).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    });
  }
});

describe('hostile card payloads: refusals from the services are answered, not thrown', () => {
  let empty: TestDb & { watch: WriteWatch };
  let sims: SyncHarness;
  let bot: TestAdapter;
  beforeAll(async () => {
    empty = await openWatchedDb();
    sims = await syncHarness(empty, { graph: { devices: [] } });
    bot = testBot(empty, sims);
  });
  afterAll(async () => {
    await sims?.close();
    await empty?.close();
  });

  async function answer(adapterUnderTest: TestAdapter, verb: string, data: Data) {
    adapterUnderTest.activeQueue.splice(0);
    await adapterUnderTest.processActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      locale: 'en-US',
      from: { ...ADMIN } as never,
      value: { action: { type: 'Action.Execute', verb, data } },
    });
    const invoke = adapterUnderTest.activeQueue.splice(0).find((r) => r.type === 'invokeResponse');
    return invoke?.value as { status: number; body: { type: string; value: unknown } };
  }

  it('nothing linked, Jamf Pro not configured, no held run: each press gets its sentence and writes nothing', async () => {
    const hex = new ObjectId().toHexString();
    const jamf = { provider: 'jamf', matchKey: 'serial', assetNumberRule: 'serial' };
    const noJamf = say('en', 'link.noCredentials', {
      provider: 'Jamf Pro',
      variables: 'JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET',
    });
    const cases: [string, Data, string][] = [
      [VERBS.unlinkPreview, {}, say('en', 'sync.notLinked')],
      [VERBS.unlinkConfirm, { provider: 'intune' }, say('en', 'bot.unlinkStale', { current: '-' })],
      [VERBS.linkPreview, jamf, noJamf],
      [VERBS.linkPreviewCsv, jamf, noJamf],
      [VERBS.linkConfirm, jamf, noJamf],
      [VERBS.syncReject, { runId: hex }, say('en', 'sync.noHeldRun', { runId: hex })],
      [VERBS.syncNow, {}, say('en', 'sync.notLinked')],
      [VERBS.syncApprove, { runId: hex }, say('en', 'sync.notLinked')],
    ];
    const before = await snapshot(empty.db, VOLATILE);
    for (const [verb, data, sentence] of cases) {
      expect({ verb, answer: await answer(bot, verb, data) }).toEqual({
        verb,
        answer: { status: 200, body: { statusCode: 200, type: MESSAGE, value: sentence } },
      });
    }
    // (sync.reject sends an update that matches nothing: a write command, but no change.)
    expect(changedCollections(before, await snapshot(empty.db, VOLATILE))).toEqual([]);
  });

  it('a guide named like an Object.prototype key is an unknown guide, not a prototype lookup', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      bot.activeQueue.splice(0);
      await bot.processActivity({
        type: 'message',
        text: `troubleshoot ${name}`,
        locale: 'en-US',
        from: { ...USER } as never,
      });
      const reply = bot.activeQueue.splice(0).find((r) => r.type === 'message');
      expect(reply?.text).toBe(say('en', 'troubleshoot.unknownGuide', { name }));
    }
  });

  it('an unexpected failure in a card handler is still answered (200, a sentence with a correlation id), never left to Teams as a 501', async () => {
    // The production wiring: the turn error handler is the TeamsAdapter's onTurnError.
    const teamsAdapter = createAdapter(undefined);
    const failing = new Proxy(empty.c.alerts, {
      get(target, prop, receiver) {
        // Reads and the atomic resolve alike: the handler's first database call fails.
        if (prop === 'findOne' || prop === 'findOneAndUpdate')
          return () => Promise.reject(new Error('connection reset'));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const config = botConfig(empty);
    const log = createLogger('silent');
    const app = createBot(
      {
        config,
        ...(await botOwners(empty, config)),
        alerts: new Alerts({ alerts: failing }),
        ledger: empty.ledger,
        sync: sims.sync,
        links: sims.links,
        roles: rolePolicy(config.admins, false, log),
        log,
      },
      teamsAdapter,
    );
    const wired = new TestAdapter(async (context) => void (await app.run(context)));
    wired.onTurnError = teamsAdapter.onTurnError;
    const got = await answer(wired, VERBS.alertKeep, { alertId: 'any' });
    expect(got.status).toBe(200);
    expect(got.body.type).toBe(MESSAGE);
    expect(String(got.body.value)).toMatch(/^Something went wrong.*correlation id: [0-9a-f-]{36}/);
  });
});

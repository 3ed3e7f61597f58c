import type { Collection } from 'mongodb';
import { LedgerService } from '../../src/ledger/ledger-service';
import { serialMatcher } from '../../src/ledger/serial';
import { REPLACEMENT_RULE } from '../../src/workflows/replacement-ledger';
import { isWorkflowError } from '../../src/workflows/workflow-errors';
import type { WorkflowDoc } from '../../src/workflows/workflow-record';
import { WorkflowService } from '../../src/workflows/workflow-service';
import { openTestDb, type TestDb } from '../support/test-db';

const admin = { by: 'cli:admin' };
const alice = { by: 'teams:alice' };
const bob = { by: 'teams:bob' };
const CHECKLIST = 'ios-abm-dep-no-licence';
const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2031-05-20T03:00:00Z');

/** A collection whose method `name` fails once when `when` holds: a crash at that point. */
function failingOnce<T extends object>(
  target: T,
  name: string,
  when: (args: unknown[]) => boolean = () => true,
): T {
  let failed = false;
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === name && !failed && when(args)) {
          failed = true;
          return Promise.reject(new Error(`simulated crash in ${name}`));
        }
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

describe('device-replacement workflows on the real wire-protocol server', () => {
  let t: TestDb;
  let now: Date;
  let service: WorkflowService;
  let today: string;

  beforeEach(async () => {
    t = await openTestDb();
    now = T0;
    service = serviceWith(t.c.workflows, t.ledger);
    today = new Date().toISOString().slice(0, 10);
    await t.ledger.create(
      {
        assetNumber: 'PC-0012',
        serialNumber: 'OLD-1',
        user: '山田太郎',
        status: '利用中',
        procurementDate: '2021-04-01',
      },
      admin,
    );
    await t.ledger.create({ assetNumber: 'PC-0100', serialNumber: 'NEW-1' }, admin);
  });
  afterEach(async () => {
    await t.close();
  });

  function serviceWith(workflows: Collection<WorkflowDoc>, ledger: LedgerService) {
    return new WorkflowService({ workflows, ledger, now: () => now });
  }

  /** Everything the ledger shows: devices as exported, usage history, field history. */
  async function ledgerSnapshot() {
    return {
      devices: await t.ledger.list(),
      usage: await t.ledger.usage.export(),
      history: await t.c.fieldHistory
        .find({}, { projection: { _id: 0 } })
        .sort({ at: 1, assetNumber: 1, field: 1 })
        .toArray(),
    };
  }

  async function readyToComplete(newDevice: string | null = 'PC-0100') {
    const wf = await service.start({
      checklistId: CHECKLIST,
      oldAssetNumber: 'PC-0012',
      newAssetNumber: newDevice,
      actor: alice,
    });
    for (const step of wf.steps.filter((s) => s.required))
      await service.tick(wf._id, step.id, true, alice);
    return service.get(wf._id);
  }

  async function readyToCompleteExisting(id: string) {
    const wf = await service.get(id);
    for (const step of wf.steps.filter((s) => s.required && !s.done))
      await service.tick(id, step.id, true, alice);
    return service.get(id);
  }

  async function expectRefusal(promise: Promise<unknown>, reason: string) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isWorkflowError(error) ? error.reason : error).toBe(reason);
    return error as { params: Record<string, unknown>; details: Record<string, unknown> };
  }

  const device = (assetNumber: string) => t.ledger.find(assetNumber);

  it('starts with every step of the checklist open, and refuses unknown devices and checklists', async () => {
    const wf = await service.start({
      checklistId: CHECKLIST,
      oldAssetNumber: 'OLD-1', // found by serial number, stored by asset number
      actor: alice,
    });
    expect(wf).toMatchObject({
      kind: 'replacement',
      checklistId: CHECKLIST,
      oldDevice: 'PC-0012',
      newDevice: null,
      startedBy: 'teams:alice',
      status: 'open',
      version: 1,
      reminderSentAt: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(wf.steps[0]).toEqual({
      id: 'remove-old-licence',
      required: true,
      done: false,
      by: null,
      at: null,
    });
    expect(await service.get(wf._id)).toEqual(wf);
    expect((await service.listOpen()).map((w) => w._id)).toEqual([wf._id]);

    await expect(
      service.start({ checklistId: CHECKLIST, oldAssetNumber: 'PC-9999', actor: alice }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', messageKey: 'device.notFound' });
    const unknown = await expectRefusal(
      service.start({ checklistId: 'nokia', oldAssetNumber: 'PC-0100', actor: alice }),
      'UNKNOWN_CHECKLIST',
    );
    expect(unknown.params.known).toContain('android-enterprise');
    await expectRefusal(
      service.start({
        checklistId: CHECKLIST,
        oldAssetNumber: 'PC-0012',
        newAssetNumber: 'PC-0012',
        actor: alice,
      }),
      'SAME_DEVICE',
    );
  });

  it('ticks and unticks steps with who and when, and refuses a stale version or unknown step', async () => {
    const wf = await service.start({
      checklistId: CHECKLIST,
      oldAssetNumber: 'PC-0012',
      actor: alice,
    });
    now = new Date(T0.getTime() + 60_000);
    const ticked = await service.tick(wf._id, 'remove-old-licence', true, alice, 1);
    expect(ticked.version).toBe(2);
    expect(ticked.updatedAt).toEqual(now);
    expect(ticked.steps[0]).toMatchObject({ done: true, by: 'teams:alice', at: now });

    now = new Date(T0.getTime() + 120_000);
    const unticked = await service.tick(wf._id, 'remove-old-licence', false, bob, 2);
    expect(unticked.steps[0]).toMatchObject({ done: false, by: 'teams:bob', at: now });
    expect(unticked.version).toBe(3);

    // Bob's card still shows version 2: his tick must not overwrite what he has not seen.
    const stale = await expectRefusal(
      service.tick(wf._id, 'activate-new-device', true, bob, 2),
      'STALE_VERSION',
    );
    expect(stale.params).toMatchObject({ expected: 2, current: 3 });
    await expectRefusal(service.tick(wf._id, 'no-such-step', true, bob), 'UNKNOWN_STEP');
    await expectRefusal(service.tick('000000000000000000000000', 'x', true, bob), 'NOT_FOUND');

    // Two admins ticking different steps at once (no version from the card): both ticks land.
    await Promise.all([
      service.tick(wf._id, 'activate-new-device', true, alice),
      service.tick(wf._id, 'restore-icloud-backup', true, bob),
    ]);
    const both = await service.get(wf._id);
    expect(both.steps.filter((s) => s.done).map((s) => [s.id, s.by])).toEqual([
      ['activate-new-device', 'teams:alice'],
      ['restore-icloud-backup', 'teams:bob'],
    ]);
    expect(both.version).toBe(5);
  });

  it('completes in one go: the user and usage history move, the old device is retired', async () => {
    const wf = await readyToComplete(null);
    await expectRefusal(
      service.complete(wf._id, { oldDeviceStatus: '廃棄' }, alice),
      'NEW_DEVICE_MISSING',
    );
    await service.setNewDevice(wf._id, 'NEW-1', alice);
    const done = await service.complete(
      wf._id,
      { oldDeviceStatus: '廃棄', disposalDate: '2031/5/31' },
      bob,
    );

    expect(done.workflow).toMatchObject({
      status: 'completed',
      newDevice: 'PC-0100',
      completedBy: 'teams:bob',
      completedAt: T0,
      outcome: { status: '廃棄', disposalDate: '2031-05-31' },
    });
    expect(done.workflow.activeFor).toBeUndefined();
    expect(done.leftToMdm).toEqual([]);
    expect(await device('PC-0100')).toMatchObject({ user: '山田太郎' });
    expect(await device('PC-0012')).toMatchObject({
      user: null,
      status: '廃棄',
      disposalDate: '2031-05-31',
    });
    // The old device's period ends the day the new one's begins.
    expect(await t.ledger.usage.export()).toEqual([
      { assetNumber: 'PC-0012', user: '山田太郎', from: today, to: '2031-05-20', note: null },
      { assetNumber: 'PC-0100', user: '山田太郎', from: '2031-05-20', to: null, note: null },
    ]);
    const history = (await ledgerSnapshot()).history.filter((h) => h.rule === REPLACEMENT_RULE);
    expect(history.map((h) => [h.assetNumber, h.field, h.old, h.new, h.by, h.at])).toEqual([
      ['PC-0012', 'disposalDate', null, '2031-05-31', 'teams:bob', T0],
      ['PC-0012', 'status', '利用中', '廃棄', 'teams:bob', T0],
      ['PC-0012', 'user', '山田太郎', null, 'teams:bob', T0],
      ['PC-0100', 'user', null, '山田太郎', 'teams:bob', T0],
    ]);

    // Clicking "complete" again changes nothing; the workflow is closed for edits.
    const before = await ledgerSnapshot();
    const again = await service.complete(wf._id, { oldDeviceStatus: '予備機' }, alice);
    expect(again.applied).toEqual([]);
    expect(await ledgerSnapshot()).toEqual(before);
    await expectRefusal(
      service.tick(wf._id, 'activate-new-device', false, alice),
      'ALREADY_COMPLETED',
    );
    await expectRefusal(service.abandon(wf._id, alice), 'ALREADY_COMPLETED');
    expect(await service.listOpen()).toEqual([]);
  });

  it('refuses to complete with required steps open or a bad choice, and changes nothing', async () => {
    const wf = await service.start({
      checklistId: CHECKLIST,
      oldAssetNumber: 'PC-0012',
      newAssetNumber: 'PC-0100',
      actor: alice,
    });
    await service.tick(wf._id, 'remove-old-licence', true, alice);
    await service.tick(wf._id, 'reuse-old-device', true, alice); // optional: does not count
    const before = await ledgerSnapshot();

    const missing = await expectRefusal(
      service.complete(wf._id, { oldDeviceStatus: '廃棄' }, alice),
      'STEPS_NOT_DONE',
    );
    expect(missing.params).toMatchObject({ count: 5, steps: '2, 3, 4, 5, 7' });
    expect(missing.details.stepIds).toEqual([
      'check-abm-mdm-server',
      'activate-new-device',
      'restore-icloud-backup',
      'mdm-setup-complete',
      'new-device-in-ledger',
    ]);
    await expectRefusal(
      service.complete(wf._id, { oldDeviceStatus: ' ' }, alice),
      'STATUS_MISSING',
    );
    await expectRefusal(
      service.complete(wf._id, { oldDeviceStatus: '廃棄', disposalDate: '2031-02-30' }, alice),
      'BAD_DISPOSAL_DATE',
    );
    const ready = await readyToCompleteExisting(wf._id);
    await expectRefusal(
      service.complete(ready._id, { oldDeviceStatus: '廃棄', disposalDate: '2020-01-01' }, alice),
      'DISPOSAL_BEFORE_PROCUREMENT',
    );
    await expectRefusal(
      service.complete(ready._id, { oldDeviceStatus: '廃棄' }, alice, ready.version - 1),
      'STALE_VERSION',
    );
    expect(await ledgerSnapshot()).toEqual(before);
    expect((await service.get(wf._id)).status).toBe('open');
  });

  it('abandoning changes nothing in the ledger and frees the old device for a new workflow', async () => {
    const before = await ledgerSnapshot();
    const wf = await readyToComplete();
    const abandoned = await service.abandon(wf._id, bob);
    expect(abandoned).toMatchObject({ status: 'abandoned', abandonedBy: 'teams:bob' });
    expect(abandoned.activeFor).toBeUndefined();
    expect(await ledgerSnapshot()).toEqual(before);
    expect(await service.abandon(wf._id, bob)).toEqual(abandoned); // again: as it was
    await expectRefusal(
      service.complete(wf._id, { oldDeviceStatus: '廃棄' }, alice),
      'ALREADY_ABANDONED',
    );
    await expectRefusal(
      service.tick(wf._id, 'activate-new-device', true, alice),
      'ALREADY_ABANDONED',
    );
    const next = await service.start({
      checklistId: 'android-enterprise',
      oldAssetNumber: 'PC-0012',
      actor: alice,
    });
    expect(next.status).toBe('open');
  });

  it('refuses a second open workflow for the same old device and names the open one', async () => {
    const first = await service.start({
      checklistId: CHECKLIST,
      oldAssetNumber: 'PC-0012',
      actor: alice,
    });
    const second = await expectRefusal(
      service.start({ checklistId: 'android-enterprise', oldAssetNumber: 'PC-0012', actor: bob }),
      'ALREADY_OPEN',
    );
    expect(second.params).toMatchObject({
      assetNumber: 'PC-0012',
      workflowId: first._id,
      startedBy: 'teams:alice',
    });
    expect((await service.openFor(await t.ledger.find('PC-0012')))?._id).toBe(first._id);

    // Two starts at the same moment for another device: the unique index lets one through.
    const results = await Promise.allSettled([
      service.start({ checklistId: CHECKLIST, oldAssetNumber: 'PC-0100', actor: alice }),
      service.start({ checklistId: CHECKLIST, oldAssetNumber: 'PC-0100', actor: bob }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isWorkflowError(refused.reason, 'ALREADY_OPEN')).toBe(true);
  });

  it('reminds once per idle period; any activity starts a new one', async () => {
    const wf = await service.start({
      checklistId: CHECKLIST,
      oldAssetNumber: 'PC-0012',
      actor: alice,
    });
    const at = (days: number) => new Date(T0.getTime() + days * DAY);
    const idleIds = async (days: number) =>
      (await service.idleWorkflows(3, at(days))).map((w) => w._id);

    expect(await idleIds(2.9)).toEqual([]);
    const [idle] = await service.idleWorkflows(3, at(3));
    expect(idle._id).toBe(wf._id);
    expect(await service.markReminded(wf._id, at(3), idle.updatedAt)).toBe(true);
    expect(await service.markReminded(wf._id, at(3), idle.updatedAt)).toBe(false); // other replica
    expect(await idleIds(10)).toEqual([]); // still the same idle period
    expect((await service.get(wf._id)).version).toBe(1); // a reminder is not an edit

    now = at(5);
    await service.tick(wf._id, 'remove-old-licence', true, bob);
    expect((await service.get(wf._id)).reminderSentAt).toBeNull();
    expect(await idleIds(7.9)).toEqual([]);
    const [again] = await service.idleWorkflows(3, at(8));
    expect(again._id).toBe(wf._id);
    // Activity between the query and the claim: that reminder is no longer due.
    now = at(8);
    await service.tick(wf._id, 'remove-old-licence', false, bob);
    expect(await service.markReminded(wf._id, at(8), again.updatedAt)).toBe(false);

    await service.abandon(wf._id, bob);
    expect(await idleIds(100)).toEqual([]);
  });

  it('a crash between the ledger edits and the completed mark, then a retry, converges', async () => {
    const wf = await readyToComplete();
    const crashing = serviceWith(
      failingOnce(t.c.workflows, 'findOneAndUpdate', (args) => {
        const update = args[1] as { $set?: { status?: string } };
        return update.$set?.status === 'completed';
      }),
      t.ledger,
    );
    await expect(
      crashing.complete(wf._id, { oldDeviceStatus: '廃棄', disposalDate: '2031-05-31' }, alice),
    ).rejects.toThrow('simulated crash');
    const halfway = await service.get(wf._id);
    expect(halfway.status).toBe('completing');
    const afterCrash = await ledgerSnapshot();
    expect(afterCrash.devices.find((d) => d.assetNumber === 'PC-0100')?.user).toBe('山田太郎');
    // Nobody can tick or abandon half-way: the only way on is to complete again.
    await expectRefusal(service.tick(wf._id, 'activate-new-device', false, bob), 'COMPLETING');
    await expectRefusal(service.abandon(wf._id, bob), 'COMPLETING');
    expect((await service.listOpen()).map((w) => w._id)).toEqual([wf._id]);

    // The retry (a day later, another admin, another choice) finishes the first plan.
    now = new Date(T0.getTime() + DAY);
    const retried = await service.complete(wf._id, { oldDeviceStatus: '予備機' }, bob);
    expect(retried.workflow).toMatchObject({ status: 'completed', completedBy: 'teams:alice' });
    expect(await ledgerSnapshot()).toEqual(afterCrash);
    expect(afterCrash.history.filter((h) => h.rule === REPLACEMENT_RULE)).toHaveLength(4);
  });

  it('a crash in the middle of the ledger edits, then a retry, converges on the same ledger', async () => {
    const wf = await readyToComplete();
    // The usage rows of the first user change are lost with the process.
    const crashingLedger = new LedgerService(
      { ...t.c, usageHistory: failingOnce(t.c.usageHistory, 'bulkWrite') },
      serialMatcher(),
    );
    await expect(
      serviceWith(t.c.workflows, crashingLedger).complete(
        wf._id,
        { oldDeviceStatus: '廃棄', disposalDate: '2031-05-31' },
        alice,
      ),
    ).rejects.toThrow('simulated crash');
    expect((await service.get(wf._id)).status).toBe('completing');

    await service.complete(wf._id, { oldDeviceStatus: '廃棄' }, alice);
    const after = await ledgerSnapshot();
    expect(after.usage).toEqual([
      { assetNumber: 'PC-0012', user: '山田太郎', from: today, to: '2031-05-20', note: null },
      { assetNumber: 'PC-0100', user: '山田太郎', from: '2031-05-20', to: null, note: null },
    ]);
    expect(after.history.filter((h) => h.rule === REPLACEMENT_RULE)).toHaveLength(4);
    expect(after.devices.find((d) => d.assetNumber === 'PC-0012')).toMatchObject({
      user: null,
      status: '廃棄',
      disposalDate: '2031-05-31',
    });
  });

  it('leaves the user of a synced device to the MDM (seed 000: MDM wins) and says so', async () => {
    const mdm = (deviceId: string, extra: Record<string, unknown> = {}) => ({
      provider: 'intune' as const,
      deviceId,
      deviceName: deviceId,
      enrolledAt: null,
      lastCheckInAt: null,
      primaryUser: null,
      diskCapacityGb: null,
      registrationState: 'registered',
      ...extra,
    });
    // The new iPhone is enrolled and synced; the old one was removed from the MDM (step 1).
    await t.c.devices.updateOne(
      { assetNumber: 'PC-0100' },
      { $set: { source: 'intune', mdm: mdm('new') } },
    );
    await t.c.devices.updateOne(
      { assetNumber: 'PC-0012' },
      { $set: { source: 'intune', mdm: mdm('old', { missingFromMdm: true }) } },
    );
    const wf = await readyToComplete();
    const done = await service.complete(wf._id, { oldDeviceStatus: '廃棄' }, alice);

    expect(done.leftToMdm).toEqual([
      { assetNumber: 'PC-0100', field: 'user', provider: 'intune', wanted: '山田太郎' },
    ]);
    expect(await device('PC-0100')).toMatchObject({ user: null });
    // The old device is the ledger's again (missing from the MDM): its user is given up.
    expect(await device('PC-0012')).toMatchObject({ user: null, status: '廃棄' });
    expect(done.workflow.completion?.leftToMdm).toEqual(done.leftToMdm);
  });
});

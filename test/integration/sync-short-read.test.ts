/**
 * Never mark devices missing from an incomplete read (issue 12). Where the MDM states a total
 * (Graph's `@odata.count` with `$count=true`, Jamf's `totalCount`) and the pages bring fewer
 * distinct devices, the run fails cleanly: nothing written, the run `failed`, a sync-failed
 * alert with both figures. More than stated (enrolled while we paged) is fine; no total stated
 * behaves as before.
 */
import { isDaichoError } from '../../src/errors';
import { runCli } from '../support/cli';
import { snapshot, type Snapshot } from '../support/hostile';
import { rawIntuneDevice } from '../support/sync-harness';
import { jamfFleet, limitsHarness, type LimitsHarness } from '../support/sync-limits';
import { openTestDb, type TestDb } from '../support/test-db';

const admin = { by: 'test:admin' };
const INTUNE = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'uuid' } as const;
const JAMF = { provider: 'jamf', matchKey: 'serial', assetNumberRule: 'serial' } as const;

describe('a short read never marks devices missing', () => {
  let t: TestDb;
  let h: LimitsHarness;
  afterEach(async () => {
    await h?.close();
    await t?.close();
  });

  const intuneFleet = (n: number) =>
    Array.from({ length: n }, (_, i) => rawIntuneDevice({ id: `d-${i + 1}` }));

  /** The whole database but what any run touches: its record, its alert, the lease. */
  const ledgerState = async (): Promise<Snapshot['text']> =>
    (await snapshot(t.db, ['syncRuns', 'alerts', 'leases'])).text;

  /** The run failed as an incomplete read, with its figures in the run record and the alert. */
  async function expectIncompleteRun(
    run: Promise<unknown>,
    figures: { stated: number; read: number; listing: string },
  ) {
    const e = await run.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isDaichoError(e, 'MDM_READ_FAILED')).toBe(true);
    expect(e).toMatchObject({ messageKey: 'sync.readIncomplete', params: figures });
    const last = await t.c.syncRuns.find({}).sort({ startedAt: -1 }).limit(1).next();
    expect(last).toMatchObject({ status: 'failed' });
    expect(last!.errors[0]).toContain(`"stated":${figures.stated},"read":${figures.read}`);
    const alert = await t.c.alerts.findOne({ type: 'sync-failed', runId: last!._id });
    expect(alert?.payload).toMatchObject(figures);
  }

  it('Intune: the page chain ends 2 devices short of @odata.count → failed, nothing flagged missing', async () => {
    t = await openTestDb();
    const devices = intuneFleet(12);
    h = await limitsHarness(t, { graph: { devices: devices as never }, pageSize: 5 });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });
    const before = await ledgerState();

    h.sims.graph!.state.withheldDevices = 2;
    h.sims.graph!.state.log.length = 0;
    await expectIncompleteRun(h.sync.sync({ actor: admin }), {
      stated: 12,
      read: 10,
      listing: 'managed devices',
    });
    expect(await ledgerState()).toEqual(before);
    expect(await t.c.devices.countDocuments({ 'mdm.missingFromMdm': true })).toBe(0);
    expect(await t.c.alerts.countDocuments({ type: 'missing-from-mdm' })).toBe(0);
    // The total was asked for, without ConsistencyLevel (managedDevices does not need it).
    const first = h.sims.graph!.state.log.find((e) => e.route === 'managedDevices');
    expect(first?.query).toContain('$count=true');

    // Once Graph serves every device again, the run completes and nothing is missing.
    h.sims.graph!.state.withheldDevices = 0;
    await expect(h.sync.sync({ actor: admin })).resolves.toMatchObject({
      status: 'success',
      counts: { missing: 0, unchanged: 12 },
    });
  });

  it('Intune: a dry run reports the short read instead of a preview with missing devices', async () => {
    t = await openTestDb();
    h = await limitsHarness(t, { graph: { devices: intuneFleet(4) as never }, pageSize: 3 });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });
    h.sims.graph!.state.withheldDevices = 1;
    await expect(h.sync.sync({ actor: admin, dryRun: true })).rejects.toMatchObject({
      messageKey: 'sync.readIncomplete',
      params: { stated: 4, read: 3 },
    });
  });

  it('Intune: devices enrolled while the pages are read (more than stated) are fine', async () => {
    t = await openTestDb();
    const devices = intuneFleet(6);
    h = await limitsHarness(t, { graph: { devices: devices as never }, pageSize: 3 });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });

    let added = false;
    const run = await h.sync.sync({
      actor: admin,
      onProgress: (p) => {
        // After the first page (which stated 6), a seventh device enrols.
        if (p.phase === 'reading' && !added) {
          added = true;
          h.sims.graph!.state.devices.push(rawIntuneDevice({ id: 'd-new' }) as never);
        }
      },
    });
    expect(run).toMatchObject({ status: 'success', counts: { mdmDevices: 7, created: 1 } });
  });

  it('Intune: no total stated (an answer without @odata.count) behaves as before', async () => {
    t = await openTestDb();
    const devices = intuneFleet(4);
    h = await limitsHarness(t, { graph: { devices: devices as never } });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });

    h.sims.graph!.state.faults.push({
      route: 'managedDevices',
      page: 0,
      remaining: 1,
      action: { kind: 'body', body: { value: devices.slice(0, 3) } },
    });
    const run = await h.sync.sync({ actor: admin });
    expect(run).toMatchObject({ status: 'success', counts: { missing: 1 } });
  });

  it('Intune: a page that keeps failing breaks the chain → failed, nothing written', async () => {
    t = await openTestDb();
    h = await limitsHarness(t, { graph: { devices: intuneFleet(12) as never }, pageSize: 5 });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });
    const before = await ledgerState();

    h.sims.graph!.state.faults.push({
      route: 'managedDevices',
      page: 1,
      remaining: Infinity,
      action: { kind: 'status', status: 503, retryAfterSeconds: 0 },
    });
    await expect(h.sync.sync({ actor: admin })).rejects.toMatchObject({
      code: 'MDM_READ_FAILED',
      messageKey: 'sync.readFailed',
    });
    expect(await ledgerState()).toEqual(before);
    expect(await t.c.alerts.countDocuments({ type: 'sync-failed' })).toBe(1);
  });

  it('Jamf: a listing that comes back 1 short of totalCount → failed, nothing flagged missing', async () => {
    t = await openTestDb();
    const computers = jamfFleet(12);
    h = await limitsHarness(t, { jamf: { computers }, pageSize: 5 });
    await h.links.link(JAMF, { dryRun: false, actor: admin });
    const before = await ledgerState();

    // The last page holds 1 computer instead of 2: not empty, so only the total tells.
    h.sims.jamf!.state.withheld.computers = 1;
    await expectIncompleteRun(h.sync.sync({ actor: admin }), {
      stated: 12,
      read: 11,
      listing: 'computers',
    });
    expect(await ledgerState()).toEqual(before);
    expect(await t.c.devices.countDocuments({ 'mdm.missingFromMdm': true })).toBe(0);
  });

  it('Jamf: an empty page before the stated total is reached fails with both figures', async () => {
    t = await openTestDb();
    const computers = jamfFleet(12);
    h = await limitsHarness(t, { jamf: { computers }, pageSize: 5 });
    await h.links.link(JAMF, { dryRun: false, actor: admin });

    h.sims.jamf!.state.withheld.computers = 2; // page 2 (of 5, 5, 2) comes back empty
    await expectIncompleteRun(h.sync.sync({ actor: admin }), {
      stated: 12,
      read: 10,
      listing: 'computers',
    });
  });

  it('daicho sync says what was stated and what came, and that nothing changed', async () => {
    t = await openTestDb();
    h = await limitsHarness(t, { graph: { devices: intuneFleet(12) as never } });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });
    h.sims.graph!.state.withheldDevices = 3;
    const out = await runCli(['sync'], h.env);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(
      'intune said it has 12 managed devices, but the read brought only 9',
    );
    expect(out.stderr).toContain('nothing in the ledger was changed');
  });
});

/**
 * The safety limit with a count (issue 12): a run is held only when at least
 * SYNC_SAFETY_LIMIT_MIN_DEVICES (10) devices would change user or go missing AND more than
 * SYNC_SAFETY_LIMIT_PERCENT (20) % of the synced devices would. Against the Graph and Jamf
 * simulators, with the limit built from the configuration as the server and the CLI build it.
 */
import { runCli } from '../support/cli';
import { rawIntuneDevice } from '../support/sync-harness';
import { jamfFleet, limitsHarness, setJamfUser, type LimitsHarness } from '../support/sync-limits';
import { openTestDb, type TestDb } from '../support/test-db';

const admin = { by: 'test:admin' };
const INTUNE = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'uuid' } as const;
const JAMF = { provider: 'jamf', matchKey: 'serial', assetNumberRule: 'serial' } as const;

describe('sync safety limit: a count and a share', () => {
  let t: TestDb;
  let h: LimitsHarness;
  afterEach(async () => {
    await h?.close();
    await t?.close();
  });

  const intuneFleet = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      rawIntuneDevice({ id: `d-${i + 1}`, userPrincipalName: `user${i + 1}@contoso.co.jp` }),
    );
  const heldAlerts = () => t.c.alerts.countDocuments({ type: 'run-held' });

  it('a 2-device fleet: one device changing hands (50 %) is synced, not held', async () => {
    t = await openTestDb();
    const devices = intuneFleet(2);
    h = await limitsHarness(t, { graph: { devices: devices as never } });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });

    devices[0].userPrincipalName = 'new.owner@contoso.co.jp';
    const run = await h.sync.sync({ actor: admin });
    expect(run).toMatchObject({ status: 'success', counts: { updated: 1 } });
    expect(run.held).toBeUndefined();
    expect((await t.ledger.find('d-1')).user).toBe('new.owner@contoso.co.jp');
    expect(await heldAlerts()).toBe(0);
  });

  it('a 20-device Jamf fleet: 9 going missing (45 %) is below the count, so synced and flagged', async () => {
    t = await openTestDb();
    const computers = jamfFleet(20);
    h = await limitsHarness(t, { jamf: { computers } });
    await h.links.link(JAMF, { dryRun: false, actor: admin });

    h.sims.jamf!.state.computers = computers.slice(9);
    const run = await h.sync.sync({ actor: admin });
    expect(run).toMatchObject({ status: 'success', counts: { missing: 9 } });
    const flagged = await t.c.devices.countDocuments({ 'mdm.missingFromMdm': true });
    expect(flagged).toBe(9);
    expect(await heldAlerts()).toBe(0);
  });

  it('a mass change is still held: 12 of 30 Intune devices change user (40 %)', async () => {
    t = await openTestDb();
    const devices = intuneFleet(30);
    h = await limitsHarness(t, { graph: { devices: devices as never } });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });
    const before = await t.ledger.list();

    for (const d of devices.slice(0, 12)) d.userPrincipalName = 'someone.else@contoso.co.jp';
    const held = await h.sync.sync({ actor: admin });
    expect(held).toMatchObject({
      status: 'held',
      held: { reason: 'safety-limit', changes: 12, syncedBefore: 30, percent: 40 },
    });
    expect(await t.ledger.list()).toEqual(before);
    const alert = await t.c.alerts.findOne({ type: 'run-held' });
    expect(alert?.payload).toMatchObject({
      changes: 12,
      percent: 40,
      limit: { percent: 20, minDevices: 10 },
    });

    const approved = await h.sync.approve(held.runId!, admin);
    expect(approved).toMatchObject({ status: 'success', counts: { updated: 12 } });
  });

  it('a mass loss is still held: 10 of 20 Jamf computers gone (50 %)', async () => {
    t = await openTestDb();
    const computers = jamfFleet(20);
    h = await limitsHarness(t, { jamf: { computers } });
    await h.links.link(JAMF, { dryRun: false, actor: admin });

    h.sims.jamf!.state.computers = computers.slice(10);
    const held = await h.sync.sync({ actor: admin });
    expect(held).toMatchObject({
      status: 'held',
      held: { changes: 10, syncedBefore: 20, percent: 50 },
    });
    expect(await t.c.devices.countDocuments({ 'mdm.missingFromMdm': true })).toBe(0);
  });

  it('user changes and losses add up to the count: 6 + 5 of 20 Jamf computers is held', async () => {
    t = await openTestDb();
    const computers = jamfFleet(20);
    h = await limitsHarness(t, { jamf: { computers } });
    await h.links.link(JAMF, { dryRun: false, actor: admin });

    for (const c of computers.slice(0, 6)) setJamfUser(c, 'someone.else');
    h.sims.jamf!.state.computers = computers.slice(0, 15);
    const held = await h.sync.sync({ actor: admin });
    expect(held).toMatchObject({ status: 'held', held: { changes: 11, syncedBefore: 20 } });
  });

  it('SYNC_SAFETY_LIMIT_MIN_DEVICES=0 holds on the share alone, as before', async () => {
    t = await openTestDb();
    const devices = intuneFleet(2);
    h = await limitsHarness(t, {
      graph: { devices: devices as never },
      env: { SYNC_SAFETY_LIMIT_MIN_DEVICES: '0' },
    });
    await h.links.link(INTUNE, { dryRun: false, actor: admin });

    devices[0].userPrincipalName = 'new.owner@contoso.co.jp';
    const held = await h.sync.sync({ actor: admin });
    expect(held).toMatchObject({ status: 'held', held: { changes: 1, syncedBefore: 2 } });
  });

  it('daicho sync takes the count from the configuration', async () => {
    t = await openTestDb();
    const devices = intuneFleet(3);
    h = await limitsHarness(t, { graph: { devices: devices as never } });
    const link = await runCli(
      ['link', 'intune', '--match', 'serial', '--asset-number', 'uuid'],
      h.env,
    );
    expect(link.code).toBe(0);
    devices[0].userPrincipalName = 'new.owner@contoso.co.jp';

    // Default (10): one change of three is synced.
    const synced = await runCli(['sync', '--json'], h.env);
    expect(JSON.parse(synced.stdout)).toMatchObject({ status: 'success', counts: { updated: 1 } });

    // 1: the same kind of change (33 %) now waits for approval.
    devices[1].userPrincipalName = 'another.owner@contoso.co.jp';
    const held = await runCli(['sync'], { ...h.env, SYNC_SAFETY_LIMIT_MIN_DEVICES: '1' });
    expect(held.stdout).toContain(
      'Held for approval by the safety limit: 1 of 3 synced devices (33.3%)',
    );

    const bad = await runCli(['sync'], { ...h.env, SYNC_SAFETY_LIMIT_MIN_DEVICES: '2.5' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('SYNC_SAFETY_LIMIT_MIN_DEVICES');
  });
});

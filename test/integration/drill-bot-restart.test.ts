/**
 * Fault drill: the bot's process killed (SIGKILL) and started again while an admin is half-way
 * through the link wizard and through a device-replacement workflow. Real `dist/index.js`
 * processes on the same database, driven through /api/messages as Teams would (no bot
 * credentials: local-testing mode), replies going to a stub Bot Connector. After the restart the
 * admin presses the next button of the card they have in front of them, on the new process, and
 * carries on where they were.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { VERBS } from '../../src/cards/verbs';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { ROOT } from '../support/cli';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { openTestDb, type TestDb } from '../support/test-db';
import { executes, inputValue, shownVersion, tickOf } from '../support/workflow-bot';

const ADMIN = { id: 'u-admin', name: 'Hanako Admin', aadObjectId: 'aad-admin' };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  output(): string;
}

describe('drill: the bot restarted in the middle of a conversation', () => {
  let t: TestDb;
  let sims: Simulators;
  let stub: StubConnector;
  let server: Server | undefined;
  const timings: string[] = [];

  beforeAll(async () => {
    t = await openTestDb();
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: { devices: generateIntuneDevices(120, 12) },
      jamf: false,
    });
    stub = await startStubConnector();
    const by = { by: 'test' };
    await t.ledger.create(
      {
        assetNumber: 'PC-0012',
        os: 'iOS 17.5',
        model: 'iPhone 13',
        status: '利用中',
        procurementDate: '2022-04-01',
        user: '山田太郎',
      },
      by,
    );
    await t.ledger.create(
      { assetNumber: 'PC-0100', os: 'iOS 18.1', model: 'iPhone 16', status: '利用中' },
      by,
    );
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await stub.close();
    await sims.close();
    await t.close();
    process.stdout.write(`[bot-restart]\n${timings.join('\n')}\n`);
  });

  async function startServer(): Promise<Server> {
    const started = Date.now();
    const port = await freePort();
    const child = spawn('node', [path.join(ROOT, 'dist', 'index.js')], {
      env: {
        ...process.env,
        ...sims.env,
        MONGODB_URI: t.uri,
        MONGODB_DB: t.name,
        PORT: String(port),
        SYNC_SCHEDULE: 'off',
        BOT_ID: '',
        BOT_PASSWORD: '',
        ADMIN_USER_IDS: ADMIN.aadObjectId,
        LOG_LEVEL: 'warn',
      },
    });
    let text = '';
    child.stdout?.on('data', (d) => (text += d));
    child.stderr?.on('data', (d) => (text += d));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited: ${text}`);
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) {
        timings.push(`server pid ${child.pid} up in ${Date.now() - started} ms`);
        return { child, port, output: () => text };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no /healthz: ${text}`);
  }

  /** SIGKILL, as a crash or a redeploy that does not wait: nothing is flushed or closed. */
  async function crash(s: Server): Promise<void> {
    const gone = new Promise((resolve) => s.child.once('exit', resolve));
    s.child.kill('SIGKILL');
    await gone;
    timings.push(`server pid ${s.child.pid} killed`);
  }

  const activity = (over: Record<string, unknown>) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: stub.url,
    from: ADMIN,
    recipient: { id: 'bot', name: 'Daicho' },
    conversation: { id: 'a:admin-chat', conversationType: 'personal', tenantId: 'tenant-1' },
    locale: 'en-US',
    ...over,
  });

  async function post(body: unknown): Promise<Response> {
    const r = await fetch(`http://127.0.0.1:${server!.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(200);
    return r;
  }

  /** A message; returns the cards the bot posted to the conversation in answer. */
  async function say(text: string): Promise<Record<string, unknown>[]> {
    stub.reset();
    await post(activity({ type: 'message', text }));
    return stub
      .delivered()
      .flatMap((q) => q.body.attachments ?? [])
      .map((a) => a.content as Record<string, unknown>);
  }

  /** An Action.Execute press; returns the card the bot answered with (or throws with its text). */
  async function press(verb: string, data: Record<string, unknown>) {
    const r = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: 'card-message-1',
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    );
    const answer = (await r.json()) as { statusCode: number; type: string; value: unknown };
    expect(answer.statusCode).toBe(200);
    if (answer.type !== 'application/vnd.microsoft.card.adaptive')
      throw new Error(`${verb}: no card but ${JSON.stringify(answer.value)}`);
    return answer.value as Record<string, unknown>;
  }

  const button = (card: unknown, verb: string) => {
    const found = executes(card).find((e) => e.verb === verb);
    if (!found) throw new Error(`no ${verb} button on ${JSON.stringify(card).slice(0, 300)}`);
    return found.data;
  };

  it('link wizard: settings shown, restart, preview; confirm, killed mid-link, confirm again', async () => {
    server = await startServer();
    const [wizard] = await say('link');
    const chosen = await press(VERBS.linkChooseProvider, {
      ...button(wizard, VERBS.linkChooseProvider),
      provider: 'intune',
    });
    // The settings step: matching key and asset-number rule, with the preview button.
    expect(inputValue(chosen, 'matchKey')).toBeDefined();
    const preview = button(chosen, VERBS.linkPreview);
    expect(preview).toMatchObject({ provider: 'intune' });

    await crash(server);
    server = await startServer();

    // Teams sends the card's data merged with what the admin chose in its inputs.
    const dryRun = await press(VERBS.linkPreview, {
      ...preview,
      matchKey: 'serial',
      assetNumberRule: 'serial',
    });
    expect(JSON.stringify(dryRun)).toMatch(/120/);
    expect(await t.c.devices.countDocuments()).toBe(2); // a preview writes nothing
    const confirm = button(dryRun, VERBS.linkConfirm);
    expect(confirm).toEqual({ provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' });

    // Confirm, and the process dies while the link's sync reads Intune (a slow first page).
    sims.graph!.state.faults.push({
      route: 'managedDevices',
      remaining: 1,
      action: { kind: 'delay', ms: 3000 },
    });
    const lost = press(VERBS.linkConfirm, confirm).then(
      () => 'answered',
      () => 'no answer',
    );
    const deadline = Date.now() + 20_000;
    while (!(await t.c.syncRuns.findOne({ status: 'running' })) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await crash(server);
    expect(await lost).toBe('no answer');
    server = await startServer();

    // The admin presses confirm again: the dead process's lease is taken over at once.
    const summary = await press(VERBS.linkConfirm, confirm);
    expect(JSON.stringify(summary)).toMatch(/Sync with Microsoft Intune: done/);
    expect(await t.c.integrations.findOne({ _id: 'master' })).toMatchObject({
      provider: 'intune',
      matchKey: 'serial',
      assetNumberRule: 'serial',
    });
    expect(await t.c.devices.countDocuments()).toBe(122);
    const runs = await t.c.syncRuns.find({}).sort({ startedAt: 1 }).toArray();
    expect(runs.map((r) => [r.trigger, r.status, r.errors[0]?.split(':')[0]])).toEqual([
      ['link', 'failed', 'RUN_ABANDONED'],
      ['link', 'success', undefined],
    ]);
  });

  it('replacement workflow: two steps ticked, restart, the ticks are there, the rest completes', async () => {
    server ??= await startServer();
    const [offer] = await say('replace PC-0012');
    expect(inputValue(offer, 'checklistId')).toBe('ios-abm-dep-no-licence');
    let card = await press(VERBS.workflowStart, {
      ...button(offer, VERBS.workflowStart),
      checklistId: 'ios-abm-dep-no-licence',
      newAssetNumber: '',
    });
    const { workflowId } = shownVersion(card);
    const steps = executes(card)
      .filter((e) => e.verb === VERBS.workflowTick)
      .map((e) => String(e.data.stepId));
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const step of steps.slice(0, 2))
      card = await press(VERBS.workflowTick, tickOf(card, step));
    const beforeRestart = card;
    expect(await t.c.workflows.findOne({ _id: workflowId })).toMatchObject({
      version: shownVersion(card).version,
    });

    await crash(server);
    server = await startServer();

    // The card the admin still has open: its next tick works on the new process.
    card = await press(VERBS.workflowTick, tickOf(beforeRestart, steps[2]));
    const stored = await t.c.workflows.findOne({ _id: workflowId });
    expect(stored!.steps.filter((s) => s.done).map((s) => [s.id, s.by])).toEqual(
      steps.slice(0, 3).map((id) => [id, expect.stringContaining(ADMIN.aadObjectId)]),
    );
    // A press from the card as it was before the restart is answered with the current card.
    const stale = await press(VERBS.workflowTick, tickOf(beforeRestart, steps[3]));
    expect(shownVersion(stale).version).toBe(shownVersion(card).version);
    expect((await t.c.workflows.findOne({ _id: workflowId }))!.steps[3].done).toBe(false);
    // The refresh (what everyone else's copy shows) has the three ticks.
    const refreshed = await press(VERBS.workflowRefresh, { workflowId });
    expect(shownVersion(refreshed).version).toBe(shownVersion(card).version);

    for (const step of steps.slice(3)) card = await press(VERBS.workflowTick, tickOf(card, step));
    card = await press(VERBS.workflowNewDevice, {
      ...shownVersion(card),
      newAssetNumber: 'PC-0100',
    });
    const today = new Date().toISOString().slice(0, 10);
    const final = await press(VERBS.workflowComplete, {
      ...shownVersion(card),
      oldDeviceStatus: 'disposed',
      disposalDate: today,
      newAssetNumber: 'PC-0100',
    });
    expect(new Set(executes(final).map((e) => e.verb))).toEqual(new Set([VERBS.workflowRefresh]));
    expect(await t.ledger.find('PC-0100')).toMatchObject({ user: '山田太郎' });
    expect(await t.ledger.find('PC-0012')).toMatchObject({ user: null, disposalDate: today });
  });
});

import type { TestAdapter } from 'botbuilder';
import { VERBS } from '../../src/cards/verbs';
import {
  applyCheckOutcome,
  choose,
  menu,
  render,
  start,
  type TroubleshootState,
} from '../../src/troubleshooting';
import { ADMIN, botConfig, press, testBot, USER } from '../support/bot-harness';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

/** The step a card shows: the nodeId its buttons carry (every step card has one). */
function nodeOf(cardJson: string): string | undefined {
  return /"nodeId":"([^"]+)"/.exec(cardJson)?.[1];
}

/**
 * The troubleshooting guides in conversation, on botbuilder's TestAdapter against the real
 * database and the Graph simulator: typed commands, every button of every step, the connection
 * check jumping to the step that matches what it found, and a restart in the middle.
 */
describe('troubleshooting guides in the bot', () => {
  let t: TestDb;
  let h: SyncHarness;
  let adapter: TestAdapter;
  const conversationOf = () => adapter.conversation.conversation.id;

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: {
        devices: [
          rawIntuneDevice({
            id: 'cm-1',
            serialNumber: 'CM-SERIAL',
            deviceName: 'PC-CM',
            managementAgent: 'configurationManagerClientMdm',
            deviceRegistrationState: 'registered',
          }),
        ] as never,
      },
    });
    await h.links.link(
      { provider: 'intune', matchKey: 'serial', assetNumberRule: 'deviceName' },
      { dryRun: false, actor: { by: 'test' } },
    );
    const config = botConfig(t, h.sims.env);
    adapter = testBot(t, h, { config });
  });
  afterAll(async () => {
    await h.close();
    await t.close();
  });

  async function say(text: string, locale = 'en-US', from = ADMIN): Promise<string> {
    let reply = '';
    await adapter
      .send({ type: 'message', text, locale, from: from as never })
      .assertReply((a) => void (reply = a.text ?? JSON.stringify(a.attachments?.[0]?.content)));
    return reply;
  }

  /** Puts the user at a step directly (as a stored session), for the button-by-button walk. */
  async function placeAt(state: TroubleshootState, from = ADMIN) {
    const _id = `${conversationOf()}|${from.id}`;
    await t.c.troubleshootSessions.replaceOne(
      { _id },
      {
        treeId: state.treeId,
        path: state.path,
        assetNumber: null,
        check: null,
        updatedAt: new Date(),
      },
      { upsert: true },
    );
  }

  it('opens the menu of guides in Japanese and English', async () => {
    const ja = await say('トラブルシュート', 'ja-JP');
    for (const tree of menu('ja').trees) expect(ja).toContain(tree.title);
    expect(ja).toContain('troubleshoot.start');
    const en = await say('troubleshoot', 'en-US');
    for (const tree of menu('en').trees) expect(en).toContain(tree.title);
    expect(await say('troubleshoot printers')).toMatch(/no troubleshooting guide "printers"/);
  });

  it('shows the Intune management agent and registration state of the ledger device (seed 002)', async () => {
    const card = await say('トラブルシュート 共同管理 PC-CM', 'ja-JP');
    expect(card).toContain('管理エージェント'); // a short label: it sits in a label column
    expect(card).toContain('configurationManagerClientMdm');
    expect(card).toContain('registered');
    const first = start('co-management');
    expect(nodeOf(card)).toBe(first.ok ? first.value.path[0] : 'no start');
  });

  it('opens the guides from a device card with that device on every step', async () => {
    const deviceCard = (await press(adapter, VERBS.showDevice, { assetNumber: 'PC-CM' })).text;
    expect(deviceCard).toContain('"verb":"troubleshoot.menu","data":{"assetNumber":"PC-CM"}');
    const menuCard = (await press(adapter, VERBS.troubleshootMenu, { assetNumber: 'PC-CM' })).text;
    expect(menuCard).toContain('configurationManagerClientMdm');
    const step = await press(adapter, VERBS.troubleshootStart, {
      treeId: 'co-management',
      assetNumber: 'PC-CM',
    });
    expect(step.text).toContain('configurationManagerClientMdm');
    expect(step.text).toContain('Intune management agent');
  });

  it.each(['en', 'ja'] as const)(
    'every button of every step leads where its guide says (%s)',
    async (locale) => {
      let presses = 0;
      for (const { id: treeId } of menu(locale).trees) {
        const first = start(treeId);
        if (!first.ok) throw new Error(treeId);
        const seen = new Set<string>();
        const queue: TroubleshootState[] = [first.value];
        while (queue.length > 0) {
          const state = queue.shift()!;
          const view = render(state, locale);
          if (!view.ok) throw new Error(`${treeId}: ${JSON.stringify(state)}`);
          if (seen.has(view.value.nodeId)) continue;
          seen.add(view.value.nodeId);
          for (const choice of view.value.choices) {
            await placeAt(state);
            const reply = await press(
              adapter,
              VERBS.troubleshootChoose,
              { treeId, nodeId: view.value.nodeId, choice: choice.id },
              ADMIN,
              locale === 'ja' ? 'ja-JP' : 'en-US',
            );
            presses++;
            const next = choose(state, choice.id);
            if (!next.ok) throw new Error(`${treeId}/${view.value.nodeId} → ${choice.id}`);
            const target = render(next.value, locale);
            if (!target.ok) throw new Error(choice.id);
            expect(`${treeId}/${nodeOf(reply.text) ?? reply.text}`).toBe(`${treeId}/${choice.id}`);
            // The step's own text is on the card (its first line, as the card splits paragraphs).
            const firstLine = target.value.text.split('\n')[0].slice(0, 40);
            expect(reply.text).toContain(JSON.stringify(firstLine).slice(1, -1));
            queue.push(next.value);
          }
        }
      }
      expect(presses).toBeGreaterThan(100);
    },
  );

  it('runs the connection check and jumps to the step for what it found', async () => {
    const go = async () => {
      await say('troubleshoot intune');
      return press(adapter, VERBS.troubleshootCheck, {
        treeId: 'intune-sync',
        nodeId: 'self-test',
      });
    };
    const graph = h.sims.graph!.state;

    const ok = await go();
    expect(nodeOf(ok.text)).toBe(nodeAfter('ok'));
    expect(ok.text).toContain('DeviceManagementManagedDevices.Read.All');

    const roles = graph.roles;
    graph.roles = [];
    const denied = await go();
    graph.roles = roles;
    expect(nodeOf(denied.text)).toBe(nodeAfter('missing-permission'));
    expect(denied.text).toMatch(/no permission to read Intune devices/);

    const secret = graph.clientSecret;
    graph.clientSecret = 'rotated-in-the-portal';
    const badSecret = await go();
    graph.clientSecret = secret;
    expect(nodeOf(badSecret.text)).toBe(nodeAfter('bad-secret'));
    expect(badSecret.text).not.toContain(secret); // the secret never reaches the chat

    const devices = graph.devices;
    graph.devices = [];
    const empty = await go();
    graph.devices = devices;
    expect(nodeOf(empty.text)).toBe(nodeAfter('empty-result'));
  });

  it('lets only admins run the check; anyone may walk the guide', async () => {
    await say('troubleshoot intune', 'en-US', USER);
    const refused = await press(
      adapter,
      VERBS.troubleshootCheck,
      { treeId: 'intune-sync', nodeId: 'self-test' },
      USER,
    );
    expect(refused.text).toMatch(/Only admins can run the connection check/);
    const manual = await press(
      adapter,
      VERBS.troubleshootChoose,
      { treeId: 'intune-sync', nodeId: 'self-test', choice: 'account-roles' },
      USER,
    );
    expect(nodeOf(manual.text)).toBe('account-roles');
  });

  it('answers a stale or forged press with the current step and changes nothing', async () => {
    await say('troubleshoot intune');
    await press(adapter, VERBS.troubleshootChoose, {
      treeId: 'intune-sync',
      nodeId: 'self-test',
      choice: 'account-roles',
    });
    const key = `${conversationOf()}|${ADMIN.id}`;
    const before = await t.c.troubleshootSessions.findOne({ _id: key });
    // The first card's button again: the user is shown where they are now.
    const stale = await press(adapter, VERBS.troubleshootChoose, {
      treeId: 'intune-sync',
      nodeId: 'self-test',
      choice: 'account-roles',
    });
    expect(nodeOf(stale.text)).toBe('account-roles');
    for (const forged of [
      { treeId: 'intune-sync', nodeId: 'account-roles', choice: 'not-a-step' },
      { treeId: 'intune-sync', nodeId: 'account-roles', choice: 7 },
      { treeId: 'intune-sync', nodeId: 'account-roles', choice: 'relink', extra: 'x' },
      { treeId: 'x'.repeat(5000), nodeId: 'account-roles', choice: 'relink' },
    ])
      expect((await press(adapter, VERBS.troubleshootChoose, forged)).text).toMatch(
        /not a choice|invalid or out of date|ended/,
      );
    expect((await t.c.troubleshootSessions.findOne({ _id: key }))?.path).toEqual(before?.path);
  });

  it('goes back, starts over, and continues after a restart of the bot', async () => {
    await say('troubleshoot intune');
    await press(adapter, VERBS.troubleshootChoose, {
      treeId: 'intune-sync',
      nodeId: 'self-test',
      choice: 'account-roles',
    });
    const back = await press(adapter, VERBS.troubleshootBack, {
      treeId: 'intune-sync',
      nodeId: 'account-roles',
    });
    expect(nodeOf(back.text)).toBe('self-test');
    await press(adapter, VERBS.troubleshootChoose, {
      treeId: 'intune-sync',
      nodeId: 'self-test',
      choice: 'account-roles',
    });
    // A new bot process on the same database: the user continues where they were.
    const restarted = testBot(t, h);
    const next = await press(restarted, VERBS.troubleshootChoose, {
      treeId: 'intune-sync',
      nodeId: 'account-roles',
      choice: 'graph-explorer',
    });
    expect(nodeOf(next.text)).toBe('graph-explorer');
    const over = await press(restarted, VERBS.troubleshootRestart, { treeId: 'intune-sync' });
    expect(nodeOf(over.text)).toBe('self-test');
  });

  it('explains an Ivanti / Azure client status code directly', async () => {
    expect(await say('explain Workplace_Join_Required')).toMatch(/device user/i);
    expect(await say('説明 workplace join required', 'ja-JP')).toMatch(/Workplace_Join_Required/);
    expect(await say('explain 0xDEADBEEF')).toMatch(/Unknown status code/);
    expect(await say('explain')).toMatch(/explain/);
  });
});

/** The step a check outcome leads to in the Intune guide. */
function nodeAfter(outcome: string): string {
  const first = start('intune-sync');
  if (!first.ok) throw new Error('intune-sync');
  const next = applyCheckOutcome(first.value, outcome);
  if (!next.ok) throw new Error(outcome);
  return next.value.path[next.value.path.length - 1];
}

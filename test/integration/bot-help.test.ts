import type { Activity, TestAdapter } from 'botbuilder';
import { VERBS } from '../../src/cards/verbs';
import { ADMIN, testBot } from '../support/bot-harness';
import { actionsOf, type CardAction } from '../support/card-actions';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

const CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * The help card is where a new user starts: pressing one of its buttons posts the answer as a
 * new message, and the help card stays in the chat with all its buttons (it is not replaced).
 */
describe('help card buttons answer with a new message', () => {
  let t: TestDb;
  let h: SyncHarness;
  let adapter: TestAdapter;
  let help: CardAction[];
  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, { graph: { devices: [] } });
    adapter = testBot(t, h);
    await t.ledger.create({ assetNumber: 'PC-0001', serialNumber: 'SER-1' }, { by: 'test' });
    const [card] = await exchange({ type: 'message', text: 'ヘルプ' }, 1);
    help = actionsOf(card.attachments?.[0]?.content);
  });
  afterAll(async () => {
    await h.close();
    await t.close();
  });

  /** Sends one activity as the admin (Japanese Teams) and collects `count` activities back. */
  async function exchange(activity: Partial<Activity>, count: number) {
    const replies: Partial<Activity>[] = [];
    let flow = adapter.send({ locale: 'ja-JP', from: ADMIN as never, ...activity });
    for (let i = 0; i < count; i++) flow = flow.assertReply((a) => void replies.push(a));
    await flow;
    return replies;
  }

  /** Presses a button as Teams sends it: the verb and the data the card gave it. */
  function pressOnCard(action: CardAction, count: number) {
    return exchange(
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: 'help-card-message',
        value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data } },
      },
      count,
    );
  }

  const bodyOf = (a: Partial<Activity>) =>
    (a.value as { body?: { type: string; value: unknown } }).body;

  it.each([
    [VERBS.listDevices, /PC-0001/],
    [VERBS.status, /状態|連携/],
    [VERBS.troubleshootMenu, /トラブルシュート/],
    [VERBS.linkStart, /Microsoft Intune/],
  ])('%s: the answer is a new message; the help card is not replaced', async (verb, shows) => {
    const action = help.find((a) => a.verb === verb);
    expect(action).toBeDefined();
    const [message, invoke] = await pressOnCard(action!, 2);
    // A new message with the answer card…
    expect(message.type).toBe('message');
    expect(message.attachments?.[0]?.contentType).toBe(CARD);
    expect(JSON.stringify(message.attachments?.[0]?.content)).toMatch(shows);
    // …and the press answered with a sentence under the help card, not a card replacing it.
    expect(invoke.type).toBe('invokeResponse');
    expect(bodyOf(invoke)?.type).toBe('application/vnd.microsoft.activity.message');
    expect(bodyOf(invoke)?.value).toBe('下に表示しました。');
  });

  it('other cards still answer in place: the same verb from elsewhere replaces the card', async () => {
    const [invoke] = await pressOnCard({ type: 'Action.Execute', verb: VERBS.listDevices }, 1);
    expect(invoke.type).toBe('invokeResponse');
    expect(bodyOf(invoke)?.type).toBe(CARD);
  });

  it('a refusal or a short answer stays a sentence under the help card', async () => {
    const action = help.find((a) => a.verb === VERBS.syncNow)!;
    // Nothing is linked: the sync button says so under the card and posts nothing.
    const [invoke] = await pressOnCard(action, 1);
    expect(invoke.type).toBe('invokeResponse');
    expect(bodyOf(invoke)?.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(bodyOf(invoke)?.value)).toMatch(/連携/);
  });

  it('a bare asset number or serial number shows that device, as the help card says', async () => {
    for (const id of ['PC-0001', 'ser-1']) {
      const [reply] = await exchange({ type: 'message', text: id }, 1);
      expect(reply.attachments?.[0]?.contentType).toBe(CARD);
      expect(JSON.stringify(reply.attachments?.[0]?.content)).toMatch(/PC-0001/);
    }
    // A word that is no device still gets the short help, not a card.
    const [unknown] = await exchange({ type: 'message', text: 'PC-9999' }, 1);
    expect(unknown.attachments ?? []).toHaveLength(0);
    expect(unknown.text).toMatch(/ヘルプ/);
  });
});

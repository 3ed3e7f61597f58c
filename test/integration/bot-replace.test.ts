import { TeamsAdapter } from '@microsoft/teams-ai';
import type { TestAdapter } from 'botbuilder';
import { VERBS } from '../../src/cards/verbs';
import { workflowCardCopies, type WorkflowCardCopies } from '../../src/bot/workflow-copies';
import { ConversationStore } from '../../src/conversations/conversation-store';
import { createLogger } from '../../src/log';
import { RateLimiter } from '../../src/notify/rate-limit';
import { Sender } from '../../src/notify/sender';
import { REPLACEMENT_RULE } from '../../src/workflows/replacement-ledger';
import { sendIdleReminders } from '../../src/workflows/reminders';
import { WorkflowService } from '../../src/workflows/workflow-service';
import { ADMIN, testBot, USER } from '../support/bot-harness';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';
import {
  executes,
  inputValue,
  message,
  press,
  shownVersion,
  tickOf,
  type Answer,
} from '../support/workflow-bot';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2031-05-20T03:00:00Z');
const EN = { locale: 'en-US' };

/**
 * The replacement workflow through the real bot (botbuilder's TestAdapter, teams-ai routing),
 * the real WorkflowService and ledger on the wire-protocol database, and — for the cards sent
 * and updated proactively — botbuilder's CloudAdapter against a stub Bot Connector.
 */
describe('device replacement in Teams', () => {
  let t: TestDb;
  let h: SyncHarness;
  let stub: StubConnector;
  let now: Date;
  let service: WorkflowService;
  let copies: WorkflowCardCopies;
  let bot: TestAdapter;
  const log = createLogger('silent');

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t);
    stub = await startStubConnector();
    now = T0;
    service = new WorkflowService({ workflows: t.c.workflows, ledger: t.ledger, now: () => now });
    copies = workflowCardCopies({
      c: t.c,
      workflows: service,
      conversations: new ConversationStore(t.c.conversations),
      log,
      sender: new Sender({
        adapter: new TeamsAdapter({}),
        botAppId: '',
        limiter: new RateLimiter(),
        log,
        retry: { tries: 1 },
      }),
    });
    bot = testBot(t, h, { workflows: service, workflowCards: copies });
    // The conversation lives at the stub connector, so proactive sends and updates reach it.
    bot.conversation.serviceUrl = stub.url;
    bot.conversation.channelId = 'msteams';
    bot.conversation.conversation = {
      id: '19:it-team@thread.tacv2',
      isGroup: true,
      name: 'IT',
      conversationType: 'channel',
    };
    const by = { by: 'test' };
    const device = (assetNumber: string, os: string, model: string, user?: string) =>
      t.ledger.create(
        { assetNumber, os, model, status: '利用中', procurementDate: '2022-04-01', user },
        by,
      );
    await device('PC-0012', 'iOS 17.5', 'iPhone 13', '山田太郎');
    await device('PC-0100', 'iOS 18.1', 'iPhone 16');
    await device('AND-0001', 'Android 14', 'Pixel 7', 'alice@contoso.co.jp');
    await device('AND-0002', 'Android 15', 'Pixel 9');
    await device('WIN-0001', 'Windows 11', 'ThinkPad X1', 'bob@contoso.co.jp');
    await device('WIN-0002', 'Windows 11', 'ThinkPad X1');
  });
  afterAll(async () => {
    await stub.close();
    await h.close();
    await t.close();
  });
  afterEach(() => stub.reset());

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

  async function start(assetNumber: string, checklistId: string, newAssetNumber = '') {
    const answer = await press(bot, VERBS.workflowStart, {
      assetNumber,
      checklistId,
      newAssetNumber,
    });
    expect(answer.card).toBeDefined();
    return { ...shownVersion(answer.card), card: answer.card! };
  }

  const text = (a: Answer) => a.text ?? JSON.stringify(a.card);

  it('walks the iOS path in Japanese from 機種変更 to completion, and the ledger follows', async () => {
    expect((await message(bot, '機種変更')).text).toMatch(/資産番号を付けて送ってください/);
    const offer = await message(bot, '機種変更 PC-0012');
    expect(JSON.stringify(offer.card)).toMatch(/機種変更: PC-0012.*iPhone 13.*山田太郎.*iOS 17\.5/);
    // iOS → the seed's ABM/DEP path is pre-selected; the others are offered too.
    expect(inputValue(offer.card, 'checklistId')).toBe('ios-abm-dep-no-licence');
    expect(JSON.stringify(offer.card)).toMatch(/android-enterprise.*windows-macos-generic/);

    // The device card's replace button is enabled and leads to the same start card.
    const deviceCard = (await press(bot, VERBS.showDevice, { assetNumber: 'PC-0012' })).card;
    const replaceButton = executes(deviceCard).find((e) => e.verb === VERBS.deviceReplace);
    expect(replaceButton?.title).toBe('機種変更');
    expect(JSON.stringify(deviceCard)).toMatch(/"verb":"device\.replace"[^}]*\},"isEnabled":true/);
    const fromDevice = await press(bot, VERBS.deviceReplace, replaceButton!.data);
    expect(inputValue(fromDevice.card, 'checklistId')).toBe('ios-abm-dep-no-licence');

    const started = await start('PC-0012', 'ios-abm-dep-no-licence');
    // Teams refreshes the card for the people working on it (here the admin who started it).
    expect((started.card.refresh as { userIds: string[] }).userIds).toEqual([ADMIN.id]);
    const workflowId = started.workflowId;
    let card = started.card;
    const json = JSON.stringify(card);
    expect(json).toMatch(/iPhone\/iPad の機種変更/);
    expect(json).toMatch(/PC-0012 → 新しい端末は未定/);
    // The seed's warnings, in red, next to the step they are about.
    const activate = JSON.stringify(
      (card.body as unknown[]).find((b) => JSON.stringify(b).includes('"activate-new-device"')),
    );
    expect(activate).toMatch(/2024年10月17日時点.*"color":"Attention"/);
    expect(json).toMatch(/初期化されません/);

    // Completing too early is refused with the reason, and the ledger is not touched.
    const before = await ledgerSnapshot();
    const early = await press(bot, VERBS.workflowComplete, {
      ...shownVersion(card),
      oldDeviceStatus: 'disposed',
    });
    expect(early.text).toMatch(/必須の手順が 6 件終わっていません/);
    expect(await ledgerSnapshot()).toEqual(before);

    const wf = await service.get(workflowId);
    for (const step of wf.steps) {
      now = new Date(now.getTime() + 60_000);
      const ticked = await press(bot, VERBS.workflowTick, tickOf(card, step.id));
      card = ticked.card!;
      expect(JSON.stringify(card)).toMatch(/完了: Hanako Admin/);
    }
    expect(JSON.stringify(card)).toMatch(/7 \/ 7 手順/);
    const named = await press(bot, VERBS.workflowNewDevice, {
      ...shownVersion(card),
      newAssetNumber: ' PC-0100 ',
    });
    card = named.card!;
    expect(JSON.stringify(card)).toMatch(/PC-0012 → PC-0100/);

    const done = await press(bot, VERBS.workflowComplete, {
      ...shownVersion(card),
      oldDeviceStatus: 'disposed',
      disposalDate: '2031-05-20',
      newAssetNumber: 'PC-0100',
    });
    const final = JSON.stringify(done.card);
    expect(final).toMatch(/完了 \(Hanako Admin、2031-05-20/);
    expect(final).toMatch(/PC-0100 の利用者: — → 山田太郎/);
    expect(final).toMatch(/PC-0012 のステータス: 利用中 → 廃棄/);
    // Read-only: only the refresh is left.
    expect(new Set(executes(done.card).map((e) => e.verb))).toEqual(
      new Set([VERBS.workflowRefresh]),
    );

    const [oldDevice, newDevice] = [await t.ledger.find('PC-0012'), await t.ledger.find('PC-0100')];
    expect(newDevice.user).toBe('山田太郎');
    expect(oldDevice).toMatchObject({ user: null, status: '廃棄', disposalDate: '2031-05-20' });
    // The usage history goes on: the old device's period ends the day the new one's starts.
    expect(await t.ledger.usage.export(oldDevice._id)).toEqual([
      expect.objectContaining({ user: '山田太郎', to: '2031-05-20' }),
    ]);
    expect(await t.ledger.usage.export(newDevice._id)).toEqual([
      expect.objectContaining({ user: '山田太郎', from: '2031-05-20', to: null }),
    ]);
    const history = await t.c.fieldHistory.find({ rule: REPLACEMENT_RULE }).toArray();
    expect(history.map((x) => [x.assetNumber, x.field, x.by]).sort()).toEqual([
      ['PC-0012', 'disposalDate', 'teams:aad-admin'],
      ['PC-0012', 'status', 'teams:aad-admin'],
      ['PC-0012', 'user', 'teams:aad-admin'],
      ['PC-0100', 'user', 'teams:aad-admin'],
    ]);
    // A press on the finished card changes nothing more.
    const after = await ledgerSnapshot();
    expect(text(await press(bot, VERBS.workflowTick, tickOf(card, 'reuse-old-device')))).toMatch(
      /完了済みです/,
    );
    expect(await ledgerSnapshot()).toEqual(after);
  });

  it('walks the Android path in English and abandons it: the ledger is unchanged', async () => {
    const before = await ledgerSnapshot();
    const offer = await message(bot, 'replace AND-0001', ADMIN, 'en-US');
    expect(inputValue(offer.card, 'checklistId')).toBe('android-enterprise');
    const answer = await press(
      bot,
      VERBS.workflowStart,
      { assetNumber: 'AND-0001', checklistId: 'android-enterprise', newAssetNumber: 'AND-0002' },
      EN,
    );
    let card = answer.card!;
    expect(JSON.stringify(card)).toMatch(/Replace an Android device.*AND-0001 → AND-0002/);
    expect(JSON.stringify(card)).toMatch(/wiped the moment it is removed from the MDM/);
    card = (await press(bot, VERBS.workflowTick, tickOf(card, 'backup-old-device'), EN)).card!;
    expect(JSON.stringify(card)).toMatch(/Done by Hanako Admin/);

    // The list of open workflows, and a card posted from it.
    const list = await message(bot, 'workflows', ADMIN, 'en-US');
    expect(JSON.stringify(list.card)).toMatch(/AND-0001 → AND-0002.*1 of 7 steps/);
    const open = executes(list.card).find((e) => e.verb === VERBS.workflowOpen)!;
    const opened = await press(bot, VERBS.workflowOpen, open.data, EN);
    expect(opened.posted).toHaveLength(1);
    expect(JSON.stringify(opened.posted[0].attachments)).toMatch(/Android Enterprise/);

    const abandoned = await press(bot, VERBS.workflowAbandon, shownVersion(card), EN);
    const json = JSON.stringify(abandoned.card);
    expect(json).toMatch(/Abandoned by Hanako Admin/);
    expect(json).toMatch(/Abandoned\. Nothing in the ledger changed\./);
    expect(new Set(executes(abandoned.card).map((e) => e.verb))).toEqual(
      new Set([VERBS.workflowRefresh]),
    );
    expect(await ledgerSnapshot()).toEqual(before);
    expect(JSON.stringify((await message(bot, 'ワークフロー')).card)).toMatch(
      /進行中の機種変更はありません/,
    );
  });

  describe('refusals change nothing', () => {
    let workflowId: string;
    let card: Record<string, unknown>;
    beforeAll(async () => {
      ({ workflowId, card } = await start('WIN-0001', 'windows-macos-generic', 'WIN-0002'));
    });
    const unchanged = async (act: () => Promise<Answer>) => {
      const [doc, ledger] = [await service.get(workflowId), await ledgerSnapshot()];
      const answer = await act();
      expect(await service.get(workflowId)).toEqual(doc);
      expect(await ledgerSnapshot()).toEqual(ledger);
      return text(answer);
    };

    it('lets a non-admin look, read-only, but not act', async () => {
      const user = { from: USER, locale: 'en-US' };
      expect(await unchanged(() => message(bot, 'replace WIN-0001', USER, 'en-US'))).toMatch(
        /Only admins/,
      );
      expect(
        await unchanged(() => press(bot, VERBS.deviceReplace, { assetNumber: 'WIN-0001' }, user)),
      ).toMatch(/Only admins/);
      const tick = tickOf(card, 'backup-old-device');
      expect(await unchanged(() => press(bot, VERBS.workflowTick, tick, user))).toMatch(
        /Only admins/,
      );
      for (const verb of [VERBS.workflowAbandon, VERBS.workflowComplete])
        expect(
          await unchanged(() =>
            press(bot, verb, { ...shownVersion(card), oldDeviceStatus: 'spare' }, user),
          ),
        ).toMatch(/Only admins/);
      const view = await press(bot, VERBS.workflowRefresh, { workflowId }, user);
      expect(JSON.stringify(view.card)).toMatch(/View only/);
      expect(executes(view.card).map((e) => e.verb)).not.toContain(VERBS.workflowTick);
      // An admin refreshing gets the buttons.
      const adminView = await press(bot, VERBS.workflowRefresh, { workflowId }, EN);
      expect(executes(adminView.card).map((e) => e.verb)).toContain(VERBS.workflowTick);
      // The device card's button carries on with the open workflow instead of a second one.
      const resumed = await press(bot, VERBS.deviceReplace, { assetNumber: 'WIN-0001' }, EN);
      expect(shownVersion(resumed.card).workflowId).toBe(workflowId);
    });

    it('refuses a stale card and shows the fresh one', async () => {
      const fresh = await press(bot, VERBS.workflowTick, tickOf(card, 'backup-old-device'), EN);
      const stale = await unchanged(() =>
        press(bot, VERBS.workflowTick, tickOf(card, 'restore-data'), EN),
      );
      expect(stale).toMatch(
        /Someone else updated workflow .* \(you see version 1, the latest is 2\)/,
      );
      expect(stale).toMatch(/Done by Hanako Admin/); // the fresh card, with the first tick
      expect(shownVersion(JSON.parse(stale)).version).toBe(2);
      card = fresh.card!;
    });

    it('refuses forged payloads: bad step, other workflow, wrong types, extra fields', async () => {
      const tick = tickOf(card, 'restore-data');
      const forged: [Record<string, unknown>, RegExp][] = [
        [{ ...tick, stepId: 'no-such-step' }, /has no step "no-such-step"/],
        [{ ...tick, stepId: 'Robert"); DROP' }, /invalid or out of date/],
        [{ ...tick, workflowId: '000000000000000000000000' }, /No workflow/],
        [{ ...tick, workflowId: { $ne: null } }, /invalid or out of date/],
        [{ ...tick, version: '2' }, /invalid or out of date/],
        [{ ...tick, done: 'true' }, /invalid or out of date/],
        [{ ...tick, extra: 1 }, /invalid or out of date/],
        [{ ...tick, version: 99 }, /Someone else updated/],
      ];
      for (const [data, answer] of forged)
        expect(await unchanged(() => press(bot, VERBS.workflowTick, data, EN))).toMatch(answer);
      // Another workflow's id with this one's step: that workflow has no such step.
      const other = await start('PC-0100', 'ios-abm-dep-no-licence');
      expect(
        await unchanged(() =>
          press(bot, VERBS.workflowTick, { ...tick, workflowId: other.workflowId, version: 1 }, EN),
        ),
      ).toMatch(/has no step "restore-data"/);
      const v = shownVersion(card);
      for (const data of [
        { ...v, oldDeviceStatus: 'stolen' },
        { ...v, oldDeviceStatus: 'disposed', note: 'x' },
        { ...v, oldDeviceStatus: 'disposed', disposalDate: 20310520 },
      ])
        expect(await unchanged(() => press(bot, VERBS.workflowComplete, data, EN))).toMatch(
          /invalid or out of date/,
        );
      expect(
        await unchanged(() =>
          press(bot, VERBS.workflowNewDevice, { ...v, newAssetNumber: 'WIN-0001' }, EN),
        ),
      ).toMatch(/cannot be the old device itself/);
      expect(
        await unchanged(() =>
          press(
            bot,
            VERBS.workflowStart,
            { assetNumber: 'WIN-0001', checklistId: 'windows-macos-generic' },
            EN,
          ),
        ),
      ).toMatch(/already has a replacement workflow in progress/);
      expect(
        await unchanged(() => press(bot, VERBS.workflowRefresh, { workflowId, version: 1 }, EN)),
      ).toMatch(/invalid or out of date/);
    });
  });

  it('reminds once per idle period where the workflow started, and updates every copy in place', async () => {
    for (const open of await service.listOpen()) await service.abandon(open._id, { by: 'test' });
    const { workflowId } = await start('PC-0012', 'ios-abm-dep-no-licence');
    const reminders = () =>
      sendIdleReminders({
        days: 3,
        now: () => now,
        idle: (days, at) => service.idleWorkflows(days, at),
        claim: (id, at, lastActivity) => service.markReminded(id, at, lastActivity),
        release: (id, at) => service.releaseReminder(id, at),
        send: (workflow, days) => copies.sendReminder(workflow, days),
        log,
      });
    now = new Date(now.getTime() + 2 * DAY);
    expect((await reminders()).sent).toBe(0);
    now = new Date(now.getTime() + 2 * DAY);
    expect(await reminders()).toMatchObject({ sent: 1, failed: 0 });
    expect(await reminders()).toMatchObject({ idle: 0, sent: 0 });
    const [reminder] = stub.delivered();
    expect(stub.delivered()).toHaveLength(1);
    expect(reminder.conversationId).toBe('19:it-team@thread.tacv2');
    expect(JSON.stringify(reminder.body)).toMatch(/3 日以上動きがありません/);

    // Someone ticks on another copy (the start card): the reminder's message is updated in place.
    const fresh = await press(bot, VERBS.workflowRefresh, { workflowId });
    stub.reset();
    await press(bot, VERBS.workflowTick, tickOf(fresh.card, 'remove-old-licence'), {
      replyToId: 'start-card',
    });
    const deadline = Date.now() + 5000;
    while (stub.requests.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(stub.requests.map((r) => [r.method, r.activityId])).toEqual([
      ['PUT', reminder.resultId],
    ]);
    expect(JSON.stringify(stub.requests[0].body)).toMatch(/完了: Hanako Admin/);
    expect((await service.get(workflowId)).cards?.map((c) => c.activityId)).toEqual([
      reminder.resultId,
      'start-card',
    ]);

    // The tick was activity: idle again for 3 days, reminded again, once.
    now = new Date(now.getTime() + 3 * DAY);
    stub.reset();
    expect(await reminders()).toMatchObject({ sent: 1 });
    expect(await reminders()).toMatchObject({ sent: 0 });
    expect(stub.delivered()).toHaveLength(1);
  });
});

import { TestAdapter, type Activity } from 'botbuilder';
import { createAdapter } from '../../src/teams/adapter';
import { createBot } from '../../src/teams/create-bot';
import { rolePolicy } from '../../src/bot/roles';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { LinkService } from '../../src/sync/link-service';
import { SyncService } from '../../src/sync/sync-service';
import { botOwners } from '../support/bot-harness';
import { syncStores } from '../../src/sync/sync-stores';
import { ROOT } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * Conversation scripts on botbuilder's TestAdapter, against the real database: what a user types,
 * in which language, and what they must read back.
 */
describe('bot conversations', () => {
  let t: TestDb;
  let adapter: TestAdapter;
  beforeAll(async () => {
    t = await openTestDb();
    const config = loadConfig(
      { MONGODB_URI: t.uri, MONGODB_DB: t.name, SYNC_SCHEDULE: 'off' },
      ROOT,
    );
    const log = createLogger('silent');
    const sync = new SyncService(
      syncStores(t.c, t.ledger),
      () => {
        throw new Error('no MDM in this test');
      },
      20,
      log,
    );
    const deps = {
      config,
      ...(await botOwners(t, config)),
      ledger: t.ledger,
      sync,
      links: new LinkService(t.ledger, sync, () => false),
      roles: rolePolicy(config.admins, true, log),
      log,
    };
    const bot = createBot(deps, createAdapter(undefined));
    adapter = new TestAdapter(async (context) => void (await bot.run(context)));
    await t.ledger.create(
      { assetNumber: 'PC-0012', serialNumber: 'ABC123', user: '山田 太郎', model: 'ThinkPad X1' },
      { by: 'test' },
    );
    await t.ledger.create(
      { assetNumber: 'PC-0013', serialNumber: 'ABC124', user: '山田 花子' },
      { by: 'test' },
    );
    await t.ledger.edit('PC-0012', { status: '利用中' }, { by: 'cli:taro' });
  });
  afterAll(async () => {
    await t.close();
  });

  function send(text: string, locale: string): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [];
    return new Promise((resolve, reject) => {
      const activity: Partial<Activity> = {
        type: 'message',
        text,
        locale,
        from: { id: 'u1', name: 'Taro', aadObjectId: 'aad-1' } as never,
      };
      adapter
        .send(activity)
        .assertReply((a) => void replies.push(a))
        .then(() => resolve(replies), reject);
    });
  }
  const cardText = (a: Partial<Activity>) => JSON.stringify(a.attachments?.[0]?.content ?? {});

  it.each([
    ['help', 'en-US', /adaptive/, /Device/i],
    ['ヘルプ', 'ja-JP', /adaptive/, /デバイス/],
    ['device PC-0012', 'en-US', /adaptive/, /PC-0012/],
    ['デバイス abc123', 'ja-JP', /adaptive/, /PC-0012/],
  ])('%p (%s) answers with a card', async (text, locale, type, content) => {
    const [reply] = await send(text, locale);
    expect(reply.attachments?.[0]?.contentType).toMatch(type);
    expect(cardText(reply)).toMatch(content);
  });

  it('shows the last field changes with who made them on the device card', async () => {
    const [reply] = await send('device PC-0012', 'ja-JP');
    expect(cardText(reply)).toMatch(/利用中/);
    expect(cardText(reply)).toMatch(/taro/);
  });

  it.each([
    ['デバイス 山田', 'ja-JP', /2 台.*PC-0012, PC-0013/],
    ['device nobody-has-this', 'en-US', /No device matches "nobody-has-this"/],
    ['make me a sandwich', 'en-US', /I did not understand "make me a sandwich"\. Try: help/],
    ['こんにちは', 'ja-JP', /「こんにちは」はわかりませんでした/],
  ])('%p (%s) answers in words', async (text, locale, expected) => {
    const [reply] = await send(text, locale);
    expect(reply.text).toMatch(expected);
  });

  it('welcomes once on install although Teams announces it twice, and forgets on removal', async () => {
    const conversation = { id: 'conv-install', conversationType: 'personal', tenantId: 'tid' };
    const bot = { id: 'bot-1', name: 'Daicho' };
    const replies: Partial<Activity>[] = [];
    const collect = (a: Partial<Activity>) => void replies.push(a);
    const announce = (activity: Partial<Activity>) =>
      adapter.processActivity({ ...activity, conversation, recipient: bot } as Activity);
    adapter.activeQueue.length = 0; // what the bot says lands here
    await announce({ type: 'installationUpdate', action: 'add', from: { id: 'u1', name: 'Taro' } });
    await announce({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot-1', name: 'Daicho' }],
      from: { id: 'u1', name: 'Taro' },
    });
    adapter.activeQueue.splice(0).forEach(collect);
    expect(
      replies.filter((a) => /adaptive/.test(a.attachments?.[0]?.contentType ?? '')),
    ).toHaveLength(1);
    expect(await t.c.conversations.countDocuments({ _id: 'conv-install' })).toBe(1);
    await announce({
      type: 'installationUpdate',
      action: 'remove',
      from: { id: 'u1', name: 'Taro' },
    });
    expect(await t.c.conversations.countDocuments({ _id: 'conv-install' })).toBe(0);
  });
});

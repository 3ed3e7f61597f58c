import { parse } from 'csv-parse/sync';
import { VERBS } from '../../src/cards/verbs';
import { runCli } from '../support/cli';
import { actionsOf } from '../support/card-actions';
import {
  cardText,
  startPlayground,
  type PlaygroundMessage,
  type PlaygroundSession,
} from '../support/playground';
import { openTestDb, type TestDb } from '../support/test-db';
import { directoryPerson } from '../support/people-fixtures';

/** A message's card as JSON, quotes unescaped (however the Playground nests it). */
const plain = (m: PlaygroundMessage) => cardText(m).replace(/\\"/g, '"');

const SATO = { id: 'user-sato-e2e', name: '佐藤 花子', aadObjectId: 'aad-sato-e2e' };

/**
 * A stocktake through the Agents Playground in Japanese: the admin (the Playground's user, also
 * 山田, the user of PC-001) starts it; both ask cards arrive — 佐藤's in a chat that points at the
 * Playground's (the Playground has one) — 山田 answers 手元にある, 佐藤 (a custom activity with
 * her own from.id / aadObjectId) answers 自分のではない; the progress card follows within 2 s.
 */
describe('stocktake (棚卸) through the Agents Playground', () => {
  let t: TestDb;
  let session: PlaygroundSession;

  beforeAll(async () => {
    t = await openTestDb();
    const by = { by: 'e2e' };
    await t.ledger.create(
      {
        assetNumber: 'PC-001',
        user: '山田 太郎',
        status: '利用中',
        model: 'ThinkPad X1',
        serialNumber: 'SN-1',
      },
      by,
    );
    await t.ledger.create(
      {
        assetNumber: 'PC-002',
        user: '佐藤 花子',
        status: '利用中',
        model: 'MacBook Air',
        serialNumber: 'SN-2',
      },
      by,
    );
    await t.ledger.create({ assetNumber: 'PC-003', user: '田中', status: '利用中' }, by);
    session = await startPlayground({
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      DAICHO_BOT_LOCALE: 'ja',
      NOTIFY_INTERVAL_SECONDS: '1',
    });
  });
  afterAll(async () => {
    session?.close();
    await t?.close();
  });

  /** The Playground user's ask card, or 佐藤's (the one listing `assetNumber`). */
  const askCard = (assetNumber: string) =>
    session.waitFor(
      (m) => /あなたのデバイス/.test(cardText(m)) && cardText(m).includes(assetNumber),
    );

  /**
   * A press by someone else than the Playground's user: a custom activity (the Playground's
   * template, with her from.id / aadObjectId). The Playground keeps the invoke's answer to itself;
   * what it did is read from the ledger and the progress card.
   */
  async function pressAs(who: typeof SATO, message: PlaygroundMessage, verb: string, data: object) {
    const template = (await (
      await fetch(
        `${session.base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(session.conversationId)}`,
      )
    ).json()) as Record<string, unknown>;
    const r = await fetch(`${session.base}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...template,
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        from: who,
        replyToId: message.messageId,
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    });
    if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
  }

  it('starts, asks both users, records their answers and updates the progress card', async () => {
    const start = await session.say('棚卸');
    expect(cardText(start)).toMatch(/棚卸を始める/);
    // The people: 山田 is the Playground's user; 佐藤 has a chat of her own (here: the same one).
    await t.c.people.insertMany([
      directoryPerson({
        personId: 'E001',
        userPrincipalName: 'taro@example.co.jp',
        displayName: '山田 太郎',
        department: '営業部',
        m365AccountId: session.user.aadObjectId,
      }),
      directoryPerson({
        personId: 'E002',
        userPrincipalName: 'hanako@example.co.jp',
        displayName: '佐藤 花子',
        department: '総務部',
        m365AccountId: SATO.aadObjectId,
      }),
    ]);
    const chat = await t.c.conversations.findOne({ _id: session.conversationId });
    expect(chat?.kind).toBe('personal');
    await t.c.conversations.insertOne({
      ...chat!,
      _id: 'sato-chat',
      reference: { ...chat!.reference, user: SATO },
    });

    const scope = { status: '', source: '', deviceType: '', user: '', deadline: '2099-12-31' };
    const preview = await session.press(start, VERBS.stocktakePreview, scope);
    expect(cardText(preview)).toMatch(/PC-003: /);
    const startData = actionsOf(preview.value).find((a) => a.verb === VERBS.stocktakeStart)!.data;
    const progress = await session.press(
      start,
      VERBS.stocktakeStart,
      startData as Record<string, unknown>,
    );
    expect(cardText(progress)).toMatch(/棚卸 ST-\d{8}-1/);

    const mine = await askCard('PC-001');
    const hers = await askCard('PC-002');
    expect(cardText(mine)).not.toMatch(/PC-002/);
    const send = (m: PlaygroundMessage) =>
      actionsOf(m.attachments?.[0]?.content).find((a) => a.verb === VERBS.stocktakeAnswer)!
        .data as {
        items: string[];
      };

    const pressedAt = Date.now();
    const answered = await session.press(mine, VERBS.stocktakeAnswer, {
      ...send(mine),
      [`r_${send(mine).items[0]}`]: 'present',
    });
    expect(cardText(answered)).toMatch(/記録済み: 手元にある/);
    await session.waitFor(
      (m) => m.messageId === start.messageId && /回答済み","value":"1"/.test(plain(m)),
      2_000,
    );
    expect(Date.now() - pressedAt).toBeLessThan(2_000);

    await pressAs(SATO, hers, VERBS.stocktakeAnswer, {
      ...send(hers),
      [`r_${send(hers).items[0]}`]: 'notMine',
      [`n_${send(hers).items[0]}`]: '前任者のもの',
    });
    const satoPressedAt = Date.now();
    await session.waitFor(
      (m) =>
        m.messageId === start.messageId &&
        /回答済み","value":"2"/.test(plain(m)) &&
        /PC-002 \(佐藤 花子\): 自分のではない — 前任者のもの/.test(cardText(m)),
      2_000,
    );
    expect(Date.now() - satoPressedAt).toBeLessThan(2_000);
    const pc2 = await t.c.devices.findOne({ assetNumber: 'PC-002' });
    expect(pc2?.lastStocktake).toMatchObject({
      result: 'notMine',
      by: `teams:${SATO.aadObjectId}`,
    });
    expect(await t.c.alerts.countDocuments({ type: 'stocktake-answer' })).toBe(1);

    // The accounting team's report lists every device: both answers, and 田中's device that
    // could not be asked (no sign-in name) as 未回答 with the reason.
    const report = await runCli(['stocktake', 'report'], {
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      DAICHO_LOCALE: 'ja',
    });
    expect(report.code).toBe(0);
    const rows = parse(report.stdout, { columns: true, bom: true }) as Record<string, string>[];
    const answerOf = Object.fromEntries(rows.map((r) => [r['資産番号'], r['回答']]));
    expect(answerOf).toEqual({
      'PC-001': '手元にある',
      'PC-002': '自分のではない',
      'PC-003': '未回答',
    });
    expect(rows.find((r) => r['資産番号'] === 'PC-003')?.['備考']).toMatch(/田中/);
  }, 60_000);
});

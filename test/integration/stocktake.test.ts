import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { createServices, type Services } from '../../src/services';
import { ROOT, runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';
import { directoryPerson } from '../support/people-fixtures';

const ADMIN = { by: 'cli:admin' };

/**
 * 山田 and 佐藤 are in the people directory, linked to their Microsoft 365 accounts, and have a
 * personal chat with the bot; jiro@ has no chat; 田中 is no principal name and nobody's name.
 */
async function seed(t: TestDb): Promise<void> {
  await t.c.people.insertMany([
    directoryPerson({
      personId: 'E001',
      userPrincipalName: 'taro@example.co.jp',
      displayName: '山田 太郎',
      department: '営業部',
      m365AccountId: 'aad-yamada',
    }),
    directoryPerson({
      personId: 'E002',
      userPrincipalName: 'hanako@example.co.jp',
      displayName: '佐藤 花子',
      department: '総務部',
      m365AccountId: 'aad-sato',
    }),
  ]);
  const chat = (id: string, aadObjectId: string) => ({
    _id: id,
    reference: { user: { id: `29:${aadObjectId}`, aadObjectId }, conversation: { id } },
    kind: 'personal' as const,
    tenantId: null,
    name: null,
    alertChannel: false,
    installedAt: new Date(),
    updatedAt: new Date(),
  });
  await t.c.conversations.insertMany([chat('a:yamada', 'aad-yamada'), chat('a:sato', 'AAD-SATO')]);
  const devices: [string, string | null, string][] = [
    ['PC-001', '山田 太郎', '利用中'],
    ['PC-002', 'taro@example.co.jp', '利用中'],
    ['PC-003', '佐藤 花子', '利用中'],
    ['PC-004', null, '利用中'],
    ['PC-005', '田中', '利用中'],
    ['PC-006', 'jiro@example.co.jp', '利用中'],
    ['PC-007', '山田 太郎', '廃棄'],
  ];
  for (const [assetNumber, user, status] of devices)
    await t.ledger.create(
      { assetNumber, user, status, model: 'ThinkPad X1', serialNumber: `SN-${assetNumber}` },
      ADMIN,
    );
}

describe('daicho stocktake against the real wire-protocol server', () => {
  let t: TestDb;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await openTestDb();
    env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    await seed(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a dry run shows who is asked about which devices and who cannot be, and writes nothing', async () => {
    const r = await runCli(
      [
        'stocktake',
        'start',
        '--status',
        '利用中',
        '--deadline',
        '2099-12-31',
        '--dry-run',
        '--json',
      ],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      asks: { upn: string; department: string; devices: { assetNumber: string }[] }[];
      unreachable: { assetNumber: string; reason: string }[];
    };
    expect(out.asks.map((a) => [a.upn, a.department, a.devices.map((d) => d.assetNumber)])).toEqual(
      [
        ['hanako@example.co.jp', '総務部', ['PC-003']],
        ['taro@example.co.jp', '営業部', ['PC-001', 'PC-002']],
      ],
    );
    expect(out.unreachable.map((u) => [u.assetNumber, u.reason])).toEqual([
      ['PC-004', 'noUser'],
      ['PC-005', 'notUpn'],
      ['PC-006', 'noTeams'],
    ]);
    const ja = await runCli(
      ['stocktake', 'start', '--status', '利用中', '--deadline', '2099-12-31', '--dry-run'],
      { ...env, DAICHO_LOCALE: 'ja' },
    );
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('2 人に 3 台について確認します');
    expect(ja.stdout).toContain('PC-004: 利用者が空です');
    expect(ja.stdout).toContain(
      'PC-006: jiro@example.co.jp は Teams でまだボットとのチャットがありません',
    );
    expect(await t.c.stocktakes.countDocuments()).toBe(0);
    expect(await t.c.stocktakeItems.countDocuments()).toBe(0);
  });

  it.each([
    [['--deadline', '2026-02-30'], 2, 'is not a date'],
    [['--deadline', '2001-01-01'], 2, 'has already passed'],
    [['--deadline', '2099-01-01', '--source', 'sap'], 2, 'Invalid values'],
    [[], 2, '--deadline'],
    [['--deadline', '2099-01-01', '--user', 'nobody-has-this'], 1, 'No device matches'],
  ])('refuses start %j with exit %i, writing nothing', async (args, code, message) => {
    const r = await runCli(['stocktake', 'start', ...args], env);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(await t.c.stocktakes.countDocuments()).toBe(0);
  });

  it('starts once, refuses a second start, reports status, the report and close', async () => {
    const start = ['stocktake', 'start', '--status', '利用中', '--deadline', '2099-12-31'];
    const r = await runCli([...start, '--json'], env);
    expect(r.code).toBe(0);
    const id = (JSON.parse(r.stdout) as { id: string }).id;
    expect(id).toMatch(/^ST-\d{8}-1$/);
    expect(await t.c.stocktakeItems.countDocuments({ stocktakeId: id })).toBe(6);

    const again = await runCli(start, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Stocktake ${id} is still open`);
    expect(await t.c.stocktakes.countDocuments()).toBe(1);
    expect(await t.c.stocktakeItems.countDocuments()).toBe(6);

    const status = await runCli(['stocktake', 'status', '--json'], env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      id,
      status: 'open',
      counts: { total: 6, answered: 0, pending: 3, problems: 0, unreachable: 3 },
      attention: [
        { assetNumber: 'PC-004', reason: 'noUser' },
        { assetNumber: 'PC-005', reason: 'notUpn' },
        { assetNumber: 'PC-006', reason: 'noTeams' },
      ],
    });
    const shown = await runCli(['stocktake', 'status'], { ...env, DAICHO_LOCALE: 'ja' });
    expect(shown.stdout).toContain('確認が必要なデバイス 3 台:');
    expect(shown.stdout).toContain('PC-005 (田中): 利用者「田中」はサインイン名');

    const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-stocktake-'));
    const file = path.join(dir, 'report.csv');
    const report = await runCli(['stocktake', 'report', id, '--excel', '--out', file], env);
    expect(report.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeff棚卸ID,資産番号,シリアル番号,型番,利用者')).toBe(true);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row['資産番号'], row['回答']])).toEqual(
      ['PC-001', 'PC-002', 'PC-003', 'PC-004', 'PC-005', 'PC-006'].map((a) => [a, 'No answer']),
    );

    const close = await runCli(['stocktake', 'close'], env);
    expect(close.code).toBe(0);
    expect(close.stdout).toContain(`Closed stocktake ${id}: 0 of 6 devices answered.`);
    const closedAgain = await runCli(['stocktake', 'close', id], env);
    expect(closedAgain.code).toBe(1);
    expect(closedAgain.stderr).toContain('already closed');
    const noneOpen = await runCli(['stocktake', 'status'], env);
    expect(noneOpen.code).toBe(1);
    expect(noneOpen.stderr).toContain('No stocktake is open');
    const unknown = await runCli(['stocktake', 'report', 'ST-19990101-9'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No stocktake "ST-19990101-9"');
  });
});

describe('answering a stocktake through the service', () => {
  let t: TestDb;
  let services: Services;
  beforeEach(async () => {
    t = await openTestDb();
    await seed(t);
    const config = loadConfig(
      { MONGODB_URI: t.uri, MONGODB_DB: t.name, SYNC_SCHEDULE: 'off' },
      ROOT,
    );
    services = await createServices(config, { db: t.db, log: createLogger('silent') });
  });
  afterEach(async () => {
    await t.close();
  });

  const yamada = { by: 'teams:aad-yamada', aadObjectId: 'aad-yamada', admin: false };
  const sato = { by: 'teams:aad-sato', aadObjectId: 'aad-sato', admin: false };

  async function started() {
    const { stocktake } = await services.stocktakes.start({
      scope: { query: { status: '利用中' } },
      deadline: '2099-12-31',
      by: ADMIN.by,
    });
    const items = await t.c.stocktakeItems.find({ stocktakeId: stocktake._id }).toArray();
    const item = (a: string) => items.find((i) => i.assetNumber === a)!._id;
    return { id: stocktake._id, item };
  }

  it('records answers in the ledger with history, raises alerts, and keeps every answer', async () => {
    const { id, item } = await started();
    const first = await services.stocktakes.answer(yamada, item('PC-001'), { result: 'lost' });
    expect(first.ok).toBe(true);
    const last = await services.stocktakes.answer(yamada, item('PC-001'), {
      result: 'present',
      note: '机の引き出しにありました',
    });
    expect(last.ok).toBe(true);
    const notMine = await services.stocktakes.answer(yamada, item('PC-002'), {
      result: 'notMine',
      proposedSerial: 'SN-REAL-002',
    });
    expect(notMine.ok).toBe(true);

    const pc1 = await t.c.devices.findOne({ assetNumber: 'PC-001' });
    expect(pc1?.lastStocktake).toMatchObject({
      id,
      by: 'teams:aad-yamada',
      result: 'present',
      note: '机の引き出しにありました',
    });
    const history = await services.ledger.history('PC-001');
    const entries = history.filter((h) => h.rule === 'stocktake');
    expect(entries.map((h) => (h.new as { result: string }).result)).toEqual(['lost', 'present']);
    expect(entries[1]).toMatchObject({ field: 'lastStocktake', by: 'teams:aad-yamada' });
    const stored = await t.c.stocktakeItems.findOne({ _id: item('PC-001') });
    expect(stored?.answers.map((a) => a.result)).toEqual(['lost', 'present']);

    const alerts = await t.c.alerts.find({ type: 'stocktake-answer' }).sort({ _id: 1 }).toArray();
    expect(alerts.map((a) => a._id)).toEqual([
      `stocktake-answer:${id}:PC-001:lost`,
      `stocktake-answer:${id}:PC-002:notMine`,
    ]);
    expect(alerts[1]).toMatchObject({ status: 'pending', provider: null });

    // The serial correction is a proposal: the device keeps its serial until an admin accepts.
    expect((await t.c.devices.findOne({ assetNumber: 'PC-002' }))?.serialNumber).toBe('SN-PC-002');
    const notAdmin = await services.stocktakes.acceptSerialProposal(yamada, item('PC-002'));
    expect(notAdmin.ok).toBe(false);
    const accepted = await services.stocktakes.acceptSerialProposal(
      { by: 'cli:admin', admin: true },
      item('PC-002'),
    );
    expect(accepted.ok).toBe(true);
    expect((await t.c.devices.findOne({ assetNumber: 'PC-002' }))?.serialNumber).toBe(
      'SN-REAL-002',
    );
    const serialHistory = (await services.ledger.history('PC-002')).filter(
      (h) => h.rule === 'stocktake-serial',
    );
    expect(serialHistory).toMatchObject([
      { old: 'SN-PC-002', new: 'SN-REAL-002', by: 'cli:admin' },
    ]);

    // `daicho devices export` carries the last answer: JSON as a block, CSV as lastStocktake.*.
    const env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    const json = await runCli(['devices', 'export'], env);
    const list = JSON.parse(json.stdout) as { assetNumber: string; lastStocktake: unknown }[];
    expect(list.find((d) => d.assetNumber === 'PC-001')?.lastStocktake).toMatchObject({
      id,
      result: 'present',
      by: 'teams:aad-yamada',
    });
    expect(list.find((d) => d.assetNumber === 'PC-003')?.lastStocktake).toBeUndefined();
    const csv = await runCli(['devices', 'export', '--format', 'csv'], env);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.find((row) => row.assetNumber === 'PC-002')).toMatchObject({
      'lastStocktake.id': id,
      'lastStocktake.result': 'notMine',
      'lastStocktake.by': 'teams:aad-yamada',
      'lastStocktake.note': '',
    });
    expect(rows.find((row) => row.assetNumber === 'PC-003')?.['lastStocktake.id']).toBe('');
    const status = await services.stocktakes.status();
    expect(status.counts).toMatchObject({ answered: 2, pending: 1, problems: 1 });
  });

  it("refuses another user's device, a device that changed hands, and answers after close", async () => {
    const { item } = await started();
    for (const stale of ['ffffffffffffffffffffffff', 'nonsense', '', `${item('PC-001')}x`])
      expect(await services.stocktakes.answer(yamada, stale, { result: 'present' })).toMatchObject({
        ok: false,
        refusal: { key: 'stocktake.itemNotFound' },
      });
    const asText = await services.stocktakes.answer(yamada, item('PC-001').toHexString(), {
      result: 'nonsense',
    });
    expect(asText).toMatchObject({ ok: false, refusal: { key: 'stocktake.answer.badResult' } });
    const other = await services.stocktakes.answer(sato, item('PC-001'), { result: 'present' });
    expect(other).toMatchObject({ ok: false, refusal: { key: 'stocktake.answer.notYours' } });

    await services.ledger.edit('PC-001', { user: '佐藤 花子' }, ADMIN);
    const moved = await services.stocktakes.answer(yamada, item('PC-001'), { result: 'present' });
    expect(moved).toMatchObject({ ok: false, refusal: { key: 'stocktake.answer.changedHands' } });
    expect((await t.c.stocktakeItems.findOne({ _id: item('PC-001') }))?.state).toBe('changedHands');
    expect((await t.c.devices.findOne({ assetNumber: 'PC-001' }))?.lastStocktake).toBeUndefined();

    await services.stocktakes.close(ADMIN.by);
    const late = await services.stocktakes.answer(sato, item('PC-003'), { result: 'present' });
    expect(late).toMatchObject({ ok: false, refusal: { key: 'stocktake.answer.closed' } });
    expect(await t.c.alerts.countDocuments()).toBe(0);
  });

  it('closes itself when the deadline has passed, and says so to a late answer', async () => {
    const { id, item } = await started();
    await t.c.stocktakes.updateOne(
      { _id: id },
      { $set: { deadline: new Date(Date.now() - 1000) } },
    );
    const late = await services.stocktakes.answer(yamada, item('PC-001'), { result: 'present' });
    expect(late).toMatchObject({ ok: false, refusal: { key: 'stocktake.answer.pastDeadline' } });
    const status = await services.stocktakes.status(id);
    expect(status.stocktake).toMatchObject({ status: 'closed', closedBy: 'deadline' });
    expect((await t.c.devices.findOne({ assetNumber: 'PC-001' }))?.lastStocktake).toBeUndefined();
  });

  it('finishes a start that was killed half-way, asking no device twice', async () => {
    const { id } = await started();
    // As if the process died after writing the stocktake and two of its items.
    await t.c.stocktakeItems.deleteMany({
      assetNumber: { $in: ['PC-003', 'PC-004', 'PC-005', 'PC-006'] },
    });
    await t.c.stocktakes.updateOne({ _id: id }, { $set: { ready: false } });
    expect(await services.stocktakes.listToAsk()).toEqual([]);
    const resumed = await services.stocktakes.start({
      scope: { query: {} },
      deadline: '2099-12-31',
      by: ADMIN.by,
    });
    expect(resumed).toMatchObject({ resumed: true, stocktake: { _id: id, ready: true } });
    expect(await t.c.stocktakeItems.countDocuments({ stocktakeId: id })).toBe(6);
    const toAsk = await services.stocktakes.listToAsk();
    expect(toAsk.map((i) => i.assetNumber)).toEqual(['PC-001', 'PC-002', 'PC-003']);
    await expect(
      services.stocktakes.start({ scope: { query: {} }, deadline: '2099-12-31', by: ADMIN.by }),
    ).rejects.toMatchObject({ messageKey: 'stocktake.alreadyOpen' });
  });

  it('two starts at the same moment make one stocktake and ask each device once', async () => {
    const input = { scope: { query: { status: '利用中' } }, deadline: '2099-12-31', by: ADMIN.by };
    const results = await Promise.allSettled([
      services.stocktakes.start(input),
      services.stocktakes.start(input),
      services.stocktakes.start(input),
    ]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    for (const r of results)
      if (r.status === 'rejected')
        expect(r.reason).toMatchObject({ messageKey: 'stocktake.alreadyOpen' });
    expect(await t.c.stocktakes.countDocuments()).toBe(1);
    expect(await t.c.stocktakeItems.countDocuments()).toBe(6);
    expect((await services.stocktakes.listToAsk()).map((i) => i.assetNumber)).toEqual([
      'PC-001',
      'PC-002',
      'PC-003',
    ]);
  });
});

import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { createServices, type Services } from '../../src/services';
import { ROOT, runCli } from '../support/cli';
import { directoryPerson } from '../support/people-fixtures';
import { openTestDb, type TestDb } from '../support/test-db';

const ADMIN = { by: 'cli:admin' };
const yamada = { by: 'teams:aad-yamada', aadObjectId: 'aad-yamada', admin: false };

/** 山田 has a chat with the bot and three devices; he proposes serial numbers for two. */
async function seed(t: TestDb): Promise<void> {
  await t.c.people.insertOne(
    directoryPerson({
      personId: 'E001',
      userPrincipalName: 'taro@example.co.jp',
      displayName: '山田 太郎',
      department: '営業部',
      m365AccountId: 'aad-yamada',
    }),
  );
  await t.c.conversations.insertOne({
    _id: 'a:yamada',
    reference: {
      user: { id: '29:aad-yamada', aadObjectId: 'aad-yamada' },
      conversation: { id: 'a:yamada' },
    },
    kind: 'personal',
    tenantId: null,
    name: null,
    alertChannel: false,
    installedAt: new Date(),
    updatedAt: new Date(),
  });
  for (const assetNumber of ['PC-001', 'PC-002', 'PC-003'])
    await t.ledger.create(
      { assetNumber, user: '山田 太郎', status: '利用中', serialNumber: `SN-${assetNumber}` },
      ADMIN,
    );
}

describe('daicho stocktake proposals | accept-serial', () => {
  let t: TestDb;
  let services: Services;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await openTestDb();
    await seed(t);
    env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    const config = loadConfig({ ...env, SYNC_SCHEDULE: 'off' }, ROOT);
    services = await createServices(config, { db: t.db, log: createLogger('silent') });
  });
  afterEach(async () => {
    await t.close();
  });

  async function proposed(): Promise<string> {
    const { stocktake } = await services.stocktakes.start({
      scope: { query: {} },
      deadline: '2099-12-31',
      by: ADMIN.by,
    });
    const items = await t.c.stocktakeItems.find({ stocktakeId: stocktake._id }).toArray();
    const item = (a: string) => items.find((i) => i.assetNumber === a)!._id;
    for (const [asset, serial] of [
      ['PC-001', 'SN-REAL-001'],
      ['PC-002', 'SN-REAL-002'],
    ]) {
      const answer = { result: 'present', proposedSerial: serial };
      expect((await services.stocktakes.answer(yamada, item(asset), answer)).ok).toBe(true);
    }
    return stocktake._id;
  }

  it('lists the pending proposals and writes an accepted one with history', async () => {
    const id = await proposed();
    const list = await runCli(['stocktake', 'proposals'], env);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`Stocktake ${id}: 2 serial number proposals waiting`);
    expect(list.stdout).toMatch(
      /PC-001 \(山田 太郎\): SN-PC-001 → SN-REAL-001 \(by teams:aad-yamada/,
    );
    expect(list.stdout).not.toContain('PC-003');
    const status = await runCli(['stocktake', 'status'], env);
    expect(status.stdout).toContain(
      '2 serial number proposals wait for an admin: daicho stocktake proposals',
    );

    const accept = await runCli(['stocktake', 'accept-serial', 'pc-001', '--stocktake', id], env);
    expect(accept.code).toBe(0);
    expect(accept.stdout).toContain('the serial number of PC-001 is now SN-REAL-001');
    const device = await t.c.devices.findOne({ assetNumber: 'PC-001' });
    expect(device?.serialNumber).toBe('SN-REAL-001');
    const history = (await services.ledger.history('PC-001')).filter(
      (h) => h.rule === 'stocktake-serial',
    );
    expect(history).toMatchObject([
      { old: 'SN-PC-001', new: 'SN-REAL-001', by: expect.stringMatching(/^cli:/) },
    ]);

    const json = await runCli(['stocktake', 'proposals', id, '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual({
      id,
      proposals: [
        expect.objectContaining({
          assetNumber: 'PC-002',
          currentSerial: 'SN-PC-002',
          proposedSerial: 'SN-REAL-002',
          proposedBy: 'teams:aad-yamada',
        }),
      ],
    });
  });

  it('refuses a second accept, a device without proposal, and a serial changed meanwhile', async () => {
    await proposed();
    expect((await runCli(['stocktake', 'accept-serial', 'PC-001'], env)).code).toBe(0);
    const again = await runCli(['stocktake', 'accept-serial', 'PC-001'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Device PC-001 has no serial number proposal to accept.');
    const none = await runCli(['stocktake', 'accept-serial', 'PC-003'], env);
    expect(none.stderr).toContain('Device PC-003 has no serial number proposal to accept.');

    await services.ledger.edit('PC-002', { serialNumber: 'SN-FIXED-BY-HAND' }, ADMIN);
    const stale = await runCli(['stocktake', 'accept-serial', 'PC-002'], env);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('The serial number of PC-002 changed since the proposal');
    const device = await t.c.devices.findOne({ assetNumber: 'PC-002' });
    expect(device?.serialNumber).toBe('SN-FIXED-BY-HAND');

    // A device deleted after its user proposed a serial: said so, nothing written.
    const pc3 = await t.c.stocktakeItems.findOne({ assetNumber: 'PC-003' });
    const answer = { result: 'present', proposedSerial: 'SN-REAL-003' };
    expect((await services.stocktakes.answer(yamada, pc3!._id, answer)).ok).toBe(true);
    await services.ledger.delete('PC-003', ADMIN);
    const gone = await runCli(['stocktake', 'accept-serial', 'PC-003'], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('PC-003 is no longer in the ledger; nothing was written.');
  });
});

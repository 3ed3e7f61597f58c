import { MongoClient, ObjectId } from 'mongodb';
import { collections } from '../../src/db/collections';
import { CommitJournal } from '../../src/ledger/commit/journal';
import { LedgerService } from '../../src/ledger/ledger-service';
import { ledgerStore } from '../../src/ledger/ledger-store';
import { serialMatcher } from '../../src/ledger/serial';
import { generateIntuneDevices } from '../../src/sim/fixtures-intune';
import { mapManagedDevice } from '../../src/sync/sources/intune-mapping';
import { reconcile } from '../../src/sync/reconcile';
import type { SyncPlan } from '../../src/sync/reconcile-types';
import type { SyncSettings } from '../../src/sync/settings';
import { openTestDb, type TestDb } from '../support/test-db';

const SETTINGS: SyncSettings = {
  provider: 'intune',
  matchKey: 'serial',
  assetNumberRule: 'serial',
};

/**
 * `ledger.commit(plan, run)`, the one way a sync writes: its database commands do not grow with
 * the number of devices (the writes go in large batches), and a plan committed again — a killed
 * run's next run — creates no device twice and gives the same SYS numbers.
 */
describe('ledger.commit', () => {
  let t: TestDb;
  let client: MongoClient;
  let commands: string[];
  let ledger: LedgerService;
  beforeEach(async () => {
    t = await openTestDb();
    client = new MongoClient(t.uri, { monitorCommands: true });
    commands = [];
    client.on('commandStarted', (e) =>
      commands.push(`${e.commandName} ${String(e.command[e.commandName])}`),
    );
    await client.connect();
    ledger = new LedgerService(collections(client.db(t.name)), serialMatcher());
  });
  afterEach(async () => {
    await client.close();
    await t.close();
  });

  /** `n` Intune devices, the first third already typed into the ledger by hand. */
  async function planFor(n: number, seed: number): Promise<SyncPlan> {
    const mdm = generateIntuneDevices(n, seed).map(mapManagedDevice);
    for (const d of mdm.slice(0, Math.floor(n / 3)))
      await t.ledger.create({ serialNumber: d.serialNumber, model: d.model }, { by: 'test' });
    return reconcile({
      settings: SETTINGS,
      ledger: await t.ledger.snapshot(),
      mdm,
      serialKey: serialMatcher(),
    });
  }

  const run = () => ({ runId: new ObjectId(), actor: { by: 'sync:intune' }, at: new Date() });

  it('writes a first link in the same number of commands for 30 devices as for 300', async () => {
    const counts: number[] = [];
    for (const [n, seed] of [
      [30, 1],
      [300, 2],
    ]) {
      const plan = await planFor(n, seed);
      expect(plan.creates.length).toBeGreaterThan(0);
      expect(plan.updates.length).toBeGreaterThan(0);
      commands = [];
      const result = await ledger.commit(plan, run());
      expect(result.errors).toEqual([]);
      expect(result.created + result.linked).toBe(plan.creates.length + plan.updates.length);
      // The SYS counter is created by the first run only, and alerts are raised only when the
      // devices make findings: the other commands must be the same.
      counts.push(commands.filter((c) => !/ (alerts|counters)$/.test(c)).length);
      expect(commands.length).toBeLessThanOrEqual(14);
      await client.db(t.name).collection('devices').deleteMany({});
      await client.db(t.name).collection('assetNumberReservations').deleteMany({});
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('committed twice, creates no device twice and gives the same SYS numbers', async () => {
    const plan = await planFor(40, 3);
    const creates: SyncPlan = { ...plan, updates: [], missing: [] };
    const first = await ledger.commit(creates, run());
    const history = await t.c.fieldHistory.countDocuments();
    const devices = await t.c.devices.countDocuments();
    const second = await ledger.commit(creates, run());
    expect(second.created).toBe(0);
    expect(second.createdAssetNumbers).toEqual(first.createdAssetNumbers);
    expect(await t.c.devices.countDocuments()).toBe(devices);
    expect(await t.c.fieldHistory.countDocuments()).toBe(history);
    expect(await t.c.syncJournal.countDocuments()).toBe(0);
  });

  it('rewrites a journaled create (a fallback number) without losing the updates beside it', async () => {
    const entry = (assetNumber: string) => ({
      device: new ObjectId(),
      history: [],
      user: { assetNumber, oldUser: null, newUser: null },
      alerts: [],
    });
    const journal = new CommitJournal(ledgerStore(t.c), t.ledger.usage, new ObjectId(), new Date());
    const [update, create, fallback] = [entry('A-1'), entry('A-2'), entry('A-3')];
    await journal.record([update, create]);
    await journal.rewrite(new Map([[1, fallback]]));
    const [doc] = await t.c.syncJournal.find().toArray();
    expect(doc.entries.map((e) => e.user?.assetNumber)).toEqual(['A-1', 'A-3']);
  });
});

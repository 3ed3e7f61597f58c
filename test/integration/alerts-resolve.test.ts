import { MongoClient, ObjectId } from 'mongodb';
import { Alerts, alertDocs, heldRunAlert } from '../../src/alerts';
import { collections } from '../../src/db/collections';
import { openTestDb, type TestDb } from '../support/test-db';

const missing = (i: number) => ({
  ledgerId: `l-${i}`,
  assetNumber: `PC-${i}`,
  mdmDeviceId: `m-${i}`,
  deviceName: null,
});

describe('the alerts outbox: raise and resolve', () => {
  let t: TestDb;
  let other: MongoClient;
  let alerts: Alerts;
  /** The same outbox through another connection, as a second replica sees it. */
  let replica: Alerts;
  const runId = new ObjectId();
  const now = new Date('2026-03-04T05:06:07Z');

  beforeAll(async () => {
    t = await openTestDb();
    other = await new MongoClient(t.uri).connect();
    alerts = new Alerts(t.c);
    replica = new Alerts(collections(other.db(t.name)));
  });
  afterEach(async () => {
    await t.c.alerts.deleteMany({});
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('raises a finding once, however often it is found again', async () => {
    const docs = alertDocs(
      'intune',
      runId,
      { duplicates: [], conflicts: [], missing: [missing(1)] },
      now,
    );
    expect(await alerts.raise(docs)).toBe(1);
    const again = alertDocs(
      'intune',
      runId,
      { duplicates: [], conflicts: [], missing: [missing(1), missing(2)] },
      now,
    );
    expect(await replica.raise(again)).toBe(1);
    expect(await t.c.alerts.countDocuments()).toBe(2);
    expect(await alerts.raise([])).toBe(0);
  });

  it('two resolves of one alert at the same moment: exactly one wins, and keeps who did it', async () => {
    const [doc] = alertDocs(
      'intune',
      runId,
      { duplicates: [], conflicts: [], missing: [missing(3)] },
      now,
    );
    await alerts.raise([doc]);
    const by = (name: string) => ({ by: name, verb: 'alert.keep', at: new Date() });
    const results = await Promise.all([
      alerts.resolve(doc._id, by('Hanako')),
      replica.resolve(doc._id, by('Taro')),
      alerts.resolve(doc._id, by('Jiro')),
      replica.resolve(doc._id, by('Saburo')),
    ]);
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ _id: doc._id, status: 'resolved' });
    const stored = await alerts.find(doc._id);
    expect(stored?.status).toBe('resolved');
    expect(stored?.resolution?.by).toBe(winners[0]?.resolution?.by);
    // Resolved already: nobody wins any more, and nothing is overwritten.
    expect(await alerts.resolve(doc._id, by('Late'))).toBeNull();
    expect((await alerts.find(doc._id))?.resolution?.by).toBe(stored?.resolution?.by);
  });

  it('resolves nothing that was never raised', async () => {
    expect(await alerts.resolve('missing-from-mdm:intune:nope:2026-03-04')).toBeNull();
    expect(await t.c.alerts.countDocuments()).toBe(0);
  });

  it('reads an alert typed by its kind, and only of that kind', async () => {
    const held = heldRunAlert('intune', runId, {
      reason: 'safety-limit',
      changes: 40,
      syncedBefore: 200,
      percent: 20,
    });
    await alerts.raise([held]);
    const found = await alerts.findOf(held._id, 'run-held');
    expect(found?.payload.changes).toBe(40);
    expect(await alerts.findOf(held._id, 'duplicate')).toBeNull();
    expect(await alerts.countOpenByType()).toEqual({ 'run-held': 1 });
    expect(await alerts.countUnsent()).toBe(1);
    expect(await alerts.anyPending()).toBe(true);
  });

  it('unlinking resolves the pending alerts of that MDM only', async () => {
    const intune = alertDocs(
      'intune',
      runId,
      { duplicates: [], conflicts: [], missing: [missing(4), missing(5)] },
      now,
    );
    const jamf = alertDocs(
      'jamf',
      runId,
      { duplicates: [], conflicts: [], missing: [missing(6)] },
      now,
    );
    await alerts.raise([...intune, ...jamf]);
    await t.c.alerts.updateOne({ _id: intune[1]._id }, { $set: { status: 'sent' } });
    await alerts.resolvePendingOf('intune');
    const status = Object.fromEntries(
      (await t.c.alerts.find().toArray()).map((a) => [a._id, a.status]),
    );
    expect(status).toEqual({
      [intune[0]._id]: 'resolved',
      [intune[1]._id]: 'sent',
      [jamf[0]._id]: 'pending',
    });
  });
});

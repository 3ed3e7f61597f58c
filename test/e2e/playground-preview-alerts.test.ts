import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { VERBS } from '../../src/cards/verbs';
import {
  cardText,
  startPlayground,
  type PlaygroundMessage,
  type PlaygroundSession,
} from '../support/playground';
import { rawIntuneDevice } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';
import { actionsOf } from '../support/card-actions';

/** The text blocks of a card (what the admin reads), without button data or ids. */
function textsOf(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') found.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string')
        found.push(`${o.title}: ${o.value}`);
      // A fact row: the label's column and the value's, one text each, read as one line.
      const row = Array.isArray(o.columns) && o.columns.length === 2 ? o.columns : [];
      const cells = row.map((c: { items?: { type?: string; text?: unknown }[] }) => c.items ?? []);
      if (
        cells.length === 2 &&
        cells.every((items) => items.length === 1 && items[0].type === 'TextBlock')
      )
        found.push(`${String(cells[0][0].text)}: ${String(cells[1][0].text)}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const SETTINGS = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' };
const FLEET = 22;

/**
 * Issue 12 through the Agents Playground: the dry-run preview names every planned link and new
 * device (20 on the card, the rest in the CSV); the duplicate alert that arrives on its own offers
 * only buttons that work and names the ledger device each MDM device became; serials as written;
 * a merge leaves one open usage period.
 */
describe('link preview and duplicate alert cards through the Agents Playground', () => {
  let t: TestDb;
  let sims: Simulators;
  let session: PlaygroundSession;

  beforeAll(async () => {
    t = await openTestDb();
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: {
        devices: [
          ...Array.from({ length: FLEET }, (_, i) =>
            rawIntuneDevice({ id: `p-${i}`, serialNumber: `PGS-${i}`, deviceName: `LAPTOP-${i}` }),
          ),
          rawIntuneDevice({ id: 'pd-1', serialNumber: 'Twin-Serial-9', deviceName: 'MDM-A' }),
          rawIntuneDevice({ id: 'pd-2', serialNumber: 'Twin-Serial-9', deviceName: 'MDM-B' }),
          rawIntuneDevice({ id: 'pk-1', serialNumber: 'KEY-7', deviceName: 'PC-K7' }),
        ] as never,
      },
      jamf: false,
    });
    const by = { by: 'e2e' };
    for (let i = 0; i < FLEET; i++)
      await t.ledger.create(
        { assetNumber: `A-${String(i).padStart(3, '0')}`, serialNumber: `ｐｇｓ-${i}` },
        by,
      );
    await t.ledger.create({ assetNumber: 'OLD-7', serialNumber: 'Key-7' }, by);
    await new Promise((r) => setTimeout(r, 5));
    await t.ledger.create({ assetNumber: 'TWIN-7', serialNumber: 'key-7', user: '山田' }, by);
    session = await startPlayground({
      ...sims.env,
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      NOTIFY_INTERVAL_SECONDS: '1',
    });
  });
  afterAll(async () => {
    session?.close();
    await sims?.close();
    await t?.close();
  });

  it('previews every link and new device, then sends a duplicate alert whose every button works', async () => {
    expect((await session.say('alerts here')).text).toMatch(/alert/i);
    const wizard = await session.say('link');
    const preview = await session.press(wizard, VERBS.linkPreview, SETTINGS);
    const texts = textsOf(preview.value);
    expect(texts).toContain(`Ledger devices to link (${FLEET + 1})`);
    // Each planned link: ledger asset number ↔ MDM device name / serial (as the admin typed it).
    expect(texts).toContain('A-000 ↔ LAPTOP-0 / ｐｇｓ-0');
    expect(texts.filter((x) => x.includes(' ↔ '))).toHaveLength(20);
    expect(texts).toContain('…and 3 more (all of them are in the CSV)');
    expect(texts).toContain('MDM devices to add as new devices (2)');
    expect(texts).toContain('MDM-A / Twin-Serial-9 → asset number Twin-Serial-9');
    expect(texts.join('\n')).not.toMatch(/pgs-0|twin-serial-9|"key-7"/);
    expect(actionsOf(preview.value).map((a) => a.verb)).toContain(VERBS.linkPreviewCsv);

    const csv = await session.press(wizard, VERBS.linkPreviewCsv, SETTINGS);
    const token = /downloads\/([0-9a-f]{64})/.exec(String(csv.value))?.[1];
    const body = (await t.c.downloads.findOne({ _id: token! }))!.body;
    expect(body.split('\n').filter((r) => r.startsWith('link,'))).toHaveLength(FLEET + 1);
    expect(body).toContain('link,A-021,p-21,LAPTOP-21,ｐｇｓ-21');

    await session.press(wizard, VERBS.linkConfirm, SETTINGS);
    const secondRecord = (await t.c.devices.findOne({ 'mdm.deviceId': 'pd-2' }))!.assetNumber;

    // The alert for the two MDM records of one serial arrives on its own.
    const duplicate = (m: PlaygroundMessage, name: string) =>
      cardText(m).includes('"alertId":"duplicate:') && cardText(m).includes(name);
    const mdmSide: PlaygroundMessage = await session.waitFor((m) => duplicate(m, 'MDM-B'));
    const card = mdmSide.attachments![0].content;
    const read = textsOf(card).join('\n');
    expect(read).toContain('Ledger asset number: Twin-Serial-9');
    expect(read).toContain(`Ledger asset number: ${secondRecord}`);
    expect(read).toContain(`(Twin-Serial-9, ${secondRecord})`);
    expect(read).not.toMatch(/ledger: —|twin-serial-9/);
    const actions = actionsOf(card);
    expect(actions.map((a) => a.verb)).not.toContain(VERBS.alertMerge);
    // Every button works: open each ledger device, keep as is.
    for (const a of actions.filter((x) => x.verb === VERBS.showDevice)) {
      const answer = await session.press(mdmSide, a.verb!, a.data!);
      expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    }
    const keep = actions.find((a) => a.verb === VERBS.alertKeep)!;
    expect(cardText(await session.press(mdmSide, keep.verb!, keep.data!))).toMatch(
      new RegExp(session.user.name),
    );

    // The ledger twin: merge into the synced device, which keeps one open usage period.
    const ledgerSide = await session.waitFor((m) => duplicate(m, 'TWIN-7'));
    const merges = actionsOf(ledgerSide.attachments).filter((a) => a.verb === VERBS.alertMerge);
    expect(merges.map((a) => a.data?.keep)).toEqual(['OLD-7']);
    await session.press(ledgerSide, VERBS.alertMerge, merges[0].data!);
    const kept = await t.ledger.find('OLD-7');
    const open = (await t.ledger.usage.export(kept._id)).filter((p) => p.to === null);
    expect(open).toEqual([expect.objectContaining({ user: kept.user })]);
  });
});

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

/**
 * An IT admin's whole first day, through the Agents Playground: choose the alert channel, link
 * Intune with the wizard (dry-run preview first), see the duplicate alert arrive on its own, and
 * merge the ledger twin into the linked device from the alert card.
 */
describe('link → sync → duplicate alert → merge through the Agents Playground', () => {
  let t: TestDb;
  let sims: Simulators;
  let session: PlaygroundSession;

  beforeAll(async () => {
    t = await openTestDb();
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: {
        devices: [
          rawIntuneDevice({ id: 'e2e-1', serialNumber: 'E2E-SERIAL-1', deviceName: 'PC-E2E-1' }),
          rawIntuneDevice({ id: 'e2e-2', serialNumber: 'E2E-SERIAL-2', deviceName: 'PC-E2E-2' }),
        ] as never,
      },
      jamf: false,
    });
    // The ledger before linking: a device typed in twice (the second with its user), so linking
    // finds a duplicate the admin has to settle.
    const by = { by: 'e2e' };
    await t.ledger.create({ assetNumber: 'OLD-1', serialNumber: 'E2E-SERIAL-1' }, by);
    await new Promise((r) => setTimeout(r, 5));
    await t.ledger.create(
      { assetNumber: 'TWIN-1', serialNumber: 'e2e-serial-1', user: '山田' },
      by,
    );
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

  it('walks the whole flow as an admin would', async () => {
    expect((await session.say('alerts here')).text).toMatch(/alert/i);

    const wizard = await session.say('link');
    expect(cardText(wizard)).toMatch(/Microsoft Intune/);
    const settings = await session.press(wizard, VERBS.linkChooseProvider, { provider: 'intune' });
    expect(cardText(settings)).toMatch(/Matching key/);

    const preview = await session.press(wizard, VERBS.linkPreview, {
      provider: 'intune',
      matchKey: 'serial',
      assetNumberRule: 'deviceName',
    });
    expect(cardText(preview)).toMatch(/OLD-1/); // the duplicate is named before anything happens
    expect(await t.c.integrations.countDocuments()).toBe(0); // a preview links nothing
    expect(actionsOf(preview.value).map((a) => a.verb)).toContain(VERBS.linkConfirm);

    const summary = await session.press(wizard, VERBS.linkConfirm, {
      provider: 'intune',
      matchKey: 'serial',
      assetNumberRule: 'deviceName',
    });
    expect(cardText(summary)).toMatch(/"Added to the ledger","value":"1"/);
    expect(cardText(summary)).toMatch(/"Duplicates","value":"1"/);
    // The new device got its device name as asset number.
    expect((await t.ledger.find('PC-E2E-2')).mdm?.deviceId).toBe('e2e-2');

    // The notifier posts the duplicate alert into the alert channel on its own.
    const alert: PlaygroundMessage = await session.waitFor((m) =>
      actionsOf(m.attachments).some((a) => a.verb === VERBS.alertMerge),
    );
    expect(cardText(alert)).toMatch(/TWIN-1/);
    expect(cardText(alert)).toMatch(/PC-E2E-1/); // the MDM record the ledger device is linked to
    const merge = actionsOf(alert.attachments).find(
      (a) => a.verb === VERBS.alertMerge && a.data?.keep === 'OLD-1',
    );
    expect(merge).toBeDefined();

    const after = await session.press(alert, VERBS.alertMerge, merge!.data!);
    expect(cardText(after)).toMatch(new RegExp(session.user.name));
    expect(actionsOf(after.value).map((a) => a.verb)).not.toContain(VERBS.alertMerge);

    // The alert card in the chat updates in place, saying who did what.
    await session.waitFor(
      (m) =>
        m.messageId === alert.messageId &&
        cardText(m).includes(session.user.name) &&
        !actionsOf(m.attachments).some((a) => a.verb === VERBS.alertMerge),
    );

    // What the admin would check in the ledger: one device, linked, with the twin's usage history.
    await expect(t.ledger.find('TWIN-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const kept = await t.ledger.find('OLD-1');
    expect(kept.mdm?.deviceId).toBe('e2e-1');
    expect(await t.ledger.usage.export(kept._id)).toContainEqual(
      expect.objectContaining({ user: '山田' }),
    );
    // `sync` answers with a progress card, then the same card becomes the run's summary.
    const progress = await session.say('sync');
    expect(cardText(progress)).toMatch(/Syncing with Microsoft Intune/);
    const done = await session.waitFor(
      (m) => m.messageId === progress.messageId && /"Unchanged","value":"2"/.test(cardText(m)),
    );
    expect(cardText(done)).toMatch(/done/);

    // A device lookup in the chat now shows the kept device with its MDM UUID.
    expect(cardText(await session.say('device OLD-1'))).toMatch(/e2e-1/);
  });
});

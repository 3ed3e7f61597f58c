import { existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { ROOT } from '../support/cli';
import { startPlayground, type PlaygroundSession } from '../support/playground';
import { rawIntuneDevice } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

const CHROMIUM = '/usr/bin/chromium';
/**
 * What an admin sees at each step. `npm test` writes them to a temporary folder, never over the
 * tracked files; `npm run screenshots` refreshes the README's copies in docs/screenshots.
 */
const SHOTS = process.env.DAICHO_SCREENSHOTS_DIR
  ? path.resolve(ROOT, process.env.DAICHO_SCREENSHOTS_DIR)
  : path.join(os.tmpdir(), 'daicho-screenshots');

/**
 * The Agents Playground's own web client in headless Chromium: an admin types `link`, clicks
 * through the wizard's cards and links Intune, as they would in Teams. Screenshots of each step
 * are saved for the README.
 */
describe('link wizard clicked through in the Playground web client (headless Chromium)', () => {
  let t: TestDb;
  let sims: Simulators;
  let session: PlaygroundSession;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-ipafont-gothic`);
    mkdirSync(SHOTS, { recursive: true });
    t = await openTestDb();
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: {
        devices: [
          rawIntuneDevice({ id: 'ui-1', serialNumber: 'UI-SERIAL-1', deviceName: 'PC-0001' }),
          rawIntuneDevice({ id: 'ui-2', serialNumber: 'UI-SERIAL-2', deviceName: 'PC-0002' }),
          rawIntuneDevice({ id: 'ui-3', serialNumber: 'UI-SERIAL-3', deviceName: 'PC-0003' }),
        ] as never,
      },
      jamf: false,
    });
    await t.ledger.create({ assetNumber: 'PC-0001', serialNumber: 'UI-SERIAL-1' }, { by: 'ui' });
    // Typed in by hand under another number: linking has to report this one as a conflict.
    await t.ledger.create({ assetNumber: 'PC-0003', serialNumber: 'OTHER-9' }, { by: 'ui' });
    session = await startPlayground({ ...sims.env, MONGODB_URI: t.uri, MONGODB_DB: t.name });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(session.base);
  });
  afterAll(async () => {
    await browser?.close();
    session?.close();
    await sims?.close();
    await t?.close();
  });

  async function shot(name: string): Promise<void> {
    const file = path.join(SHOTS, name);
    await page.waitForTimeout(300); // let the card finish laying out
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  }

  it('links Intune by clicking the cards, previewing first', async () => {
    const box = page.getByRole('textbox').first();
    await box.waitFor({ timeout: 20_000 });
    await box.fill('link');
    await box.press('Enter');

    await page.getByText('Microsoft Intune', { exact: true }).last().click();
    await shot('link-1-provider.png');
    await page.getByRole('button', { name: 'Next' }).last().click();

    await page.getByText('Matching key').last().waitFor();
    await page.getByText('Device name', { exact: true }).last().click();
    await shot('link-2-settings.png');
    await page.getByRole('button', { name: 'Preview (dry run)' }).last().click();

    await page.getByText('This is a dry run', { exact: false }).last().waitFor();
    // waitFor fails the test when the text does not show.
    await page.getByText('Asset-number conflicts (1)').last().waitFor({ timeout: 10_000 });
    expect(await t.c.integrations.countDocuments()).toBe(0); // the preview linked nothing
    await shot('link-3-preview.png');
    await page.getByRole('button', { name: 'Link', exact: true }).last().click();

    await page.getByText('Sync with Microsoft Intune: done').last().waitFor();
    await shot('link-4-summary.png');
    expect((await t.ledger.find('PC-0002')).mdm?.deviceId).toBe('ui-2');
    expect((await t.ledger.find('PC-0001')).mdm?.deviceId).toBe('ui-1');
  });
});

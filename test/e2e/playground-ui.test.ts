import { existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { t as translate, type MessageKey } from '../../src/i18n/messages';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { cardLayoutProblems } from '../support/card-layout';
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

/** The bot's Japanese, as the cards show it (DAICHO_BOT_LOCALE=ja). */
const ja = (key: MessageKey, params?: Record<string, string | number>) =>
  translate('ja', key, params);

/**
 * The Agents Playground's own web client in headless Chromium, the bot in Japanese: an admin
 * opens the help card, links Intune through the wizard, looks at a device and runs the
 * troubleshooting connection check, clicking as they would in Teams. Every card is measured as
 * laid out (no button outside its card or cut, no label over two lines) and photographed for the
 * README.
 */
describe('the bot in Japanese, clicked through in the Playground web client (headless Chromium)', () => {
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
    await t.ledger.create(
      { assetNumber: 'PC-0001', serialNumber: 'UI-SERIAL-1', user: '山田 太郎', status: '利用中' },
      { by: 'ui' },
    );
    // Typed in by hand under another number: linking has to report this one as a conflict.
    await t.ledger.create({ assetNumber: 'PC-0003', serialNumber: 'OTHER-9' }, { by: 'ui' });
    session = await startPlayground({
      ...sims.env,
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      DAICHO_BOT_LOCALE: 'ja',
    });
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
        '--lang=ja-JP',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'ja-JP' });
    await page.goto(session.base);
    await page.getByRole('textbox').first().waitFor({ timeout: 20_000 });
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

  async function type(text: string): Promise<void> {
    const box = page.getByRole('textbox').first();
    await box.fill(text);
    await box.press('Enter');
  }

  /** The newest card showing `text`, once it is there. */
  async function cardWith(text: string): Promise<Locator> {
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
    await card.waitFor({ timeout: 20_000 });
    return card;
  }

  /** Everything in the card fits: buttons inside it and whole, labels on two lines at most. */
  async function expectFits(card: Locator): Promise<void> {
    await page.waitForTimeout(200);
    expect(await cardLayoutProblems(card)).toEqual([]);
  }

  it('help: the card fits, and a button answers below it while the help card stays', async () => {
    await type('ヘルプ');
    const help = await cardWith(ja('card.help.title'));
    await expectFits(help);
    const buttons = await help.getByRole('button').count();
    expect(buttons).toBeGreaterThanOrEqual(8); // the admin's buttons
    await shot('help.png');

    await help.getByRole('button', { name: ja('card.action.devices'), exact: true }).click();
    const list = await cardWith('PC-0003');
    await page.getByText(ja('bot.answeredBelow')).last().waitFor();
    await shot('help-answer.png');
    await expectFits(list);
    // The help card is still there, whole, above the answer.
    await help.getByText(ja('card.help.title')).waitFor();
    expect(await help.getByRole('button').count()).toBe(buttons);
    const [helpBox, listBox] = [await help.boundingBox(), await list.boundingBox()];
    expect(listBox!.y).toBeGreaterThan(helpBox!.y);
  });

  it('links Intune by clicking the wizard, previewing first; every card fits', async () => {
    await type('連携');
    const wizard = await cardWith(ja('card.link.title'));
    await wizard.getByText('Microsoft Intune', { exact: true }).click();
    await shot('link-1-provider.png');
    await expectFits(wizard);
    await wizard.getByRole('button', { name: ja('card.link.next'), exact: true }).click();

    const settings = await cardWith(ja('card.link.matchKey'));
    await settings.getByText(ja('card.link.rule.deviceName'), { exact: true }).click();
    await shot('link-2-settings.png');
    await expectFits(settings);
    await settings.getByRole('button', { name: ja('card.link.preview'), exact: true }).click();

    const preview = await cardWith(ja('card.linkPreview.conflicts', { count: 1 }));
    expect(await t.c.integrations.countDocuments()).toBe(0); // the preview linked nothing
    await shot('link-3-preview.png');
    await expectFits(preview);
    await preview
      .getByRole('button', { name: ja('card.linkPreview.confirm'), exact: true })
      .click();

    const summary = await cardWith(ja('card.count.conflicts'));
    await shot('link-4-summary.png');
    await expectFits(summary);
    // The preview shows the same count labels as the summary: wait for the link to be written
    // (at most 15 s) before reading the ledger, then check what it wrote.
    for (const until = Date.now() + 15_000; Date.now() < until;) {
      if ((await t.c.integrations.countDocuments()) > 0 && (await t.ledger.count()) >= 3) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await t.ledger.find('PC-0002')).mdm?.deviceId).toBe('ui-2');
    expect((await t.ledger.find('PC-0001')).mdm?.deviceId).toBe('ui-1');
  });

  it('shows a linked device: its labels fit', async () => {
    await type('デバイス PC-0001');
    const device = await cardWith(ja('card.device.title', { assetNumber: 'PC-0001' }));
    await device.getByText('UI-SERIAL-1').first().waitFor();
    await shot('device.png');
    await expectFits(device);
  });

  it('runs the troubleshooting connection check: menu, step and result fit', async () => {
    await type('トラブルシュート');
    const menu = await cardWith(ja('troubleshoot.menu.text'));
    await shot('troubleshoot-menu.png');
    await expectFits(menu);
    // The first guide is Intune's; every guide has the same short button next to its title.
    await menu
      .getByRole('button', { name: ja('troubleshoot.open') })
      .first()
      .click();

    const step = await cardWith(ja('troubleshoot.runCheck'));
    await expectFits(step);
    await step.getByRole('button', { name: ja('troubleshoot.runCheck'), exact: true }).click();

    const result = await cardWith(ja('troubleshoot.fact.appId'));
    await shot('troubleshoot-check.png');
    await expectFits(result);
  });
});

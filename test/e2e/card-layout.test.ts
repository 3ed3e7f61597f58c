import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Locale } from '../../src/i18n/messages';
import { allCards } from '../support/card-cases';
import { cardLayoutProblems, type LayoutProblem } from '../support/card-layout';

const CHROMIUM = '/usr/bin/chromium';
/** A card in Teams on a phone, and in a narrow desktop chat pane. */
const WIDTHS = [340, 450];

/**
 * Every card the bot can send (test/support/card-cases.ts), in both languages, rendered by the
 * Adaptive Cards JS renderer in headless Chromium at a phone's and a narrow chat's width with
 * Teams' fact-title limit (150 px), and measured: no button outside its card or cut, no label
 * over two lines. The Playground test covers the same with the Playground's own web client for
 * the cards an admin meets first; this one covers all of them in seconds.
 */
describe('every card fits a narrow Teams card (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-ipafont-gothic`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.setContent(
      '<html><body style="margin:0;font-family:\'Segoe UI\',IPAPGothic,sans-serif;font-size:14px">' +
        // Teams' buttons: one line, cut with an ellipsis when too long.
        '<style>.ac-pushButton{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;' +
        'padding:4px 12px;font-weight:600;min-width:0}</style>' +
        '<div id="host"></div></body></html>',
    );
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Renders one card at `width` px and measures it. */
  async function problemsOf(card: unknown, width: number): Promise<LayoutProblem[]> {
    await page.evaluate(
      ({ card, width }) => {
        const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') })
          .AdaptiveCards;
        const ac = new AC.AdaptiveCard();
        ac.hostConfig = new AC.HostConfig({
          fontFamily: "'Segoe UI', IPAPGothic, sans-serif",
          factSet: {
            title: { weight: 'bolder', wrap: true, maxWidth: 150 },
            value: { wrap: true },
            spacing: 8,
          },
          actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal' },
        });
        ac.parse(card);
        const host = document.getElementById('host')!;
        host.style.width = `${width}px`;
        host.replaceChildren(ac.render()!);
      },
      { card, width },
    );
    return cardLayoutProblems(page.locator('#host .ac-adaptiveCard').first());
  }

  it.each<Locale>(['ja', 'en'])('in %s', async (locale) => {
    const found: string[] = [];
    for (const [name, card] of allCards(locale, '山田 太郎'))
      for (const width of WIDTHS)
        for (const p of await problemsOf(card, width))
          found.push(`${name} @${width}px: ${p.kind} "${p.text}" (${p.detail})`);
    expect(found).toEqual([]);
  });
});

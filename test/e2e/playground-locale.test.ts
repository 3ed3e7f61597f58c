import { t, type Locale, type MessageKey } from '../../src/i18n/messages';
import { cardText, startPlayground, type PlaygroundSession } from '../support/playground';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * The bot's language through the Agents Playground, which always sends en-US: with
 * DAICHO_BOT_LOCALE=ja (what npm run playground sets) every answer is Japanese, with
 * DAICHO_BOT_LOCALE=en English. Checked against the catalogs, so rewording a message does not
 * break the test, while an answer in the wrong language (or none) does.
 */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** A catalog text as it appears inside a card's JSON. */
const inCard = (locale: Locale, key: MessageKey, params: Record<string, string> = {}) =>
  JSON.stringify(t(locale, key, params)).slice(1, -1);

describe.each(['ja', 'en'] as const)('the bot with DAICHO_BOT_LOCALE=%s', (locale) => {
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  let db: TestDb;
  let session: PlaygroundSession;

  beforeAll(async () => {
    db = await openTestDb();
    await db.ledger.create({ assetNumber: 'PC-L10N-1', user: '山田' }, { by: 'e2e' });
    session = await startPlayground({
      MONGODB_URI: db.uri,
      MONGODB_DB: db.name,
      DAICHO_BOT_LOCALE: locale,
      // The fallback language is the other one: only DAICHO_BOT_LOCALE can make it this one.
      DAICHO_LOCALE: other,
    });
  });
  afterAll(async () => {
    session?.close();
    await db?.close();
  });

  it('answers help with the help card in its language', async () => {
    const card = cardText(await session.say('help'));
    expect(card).toContain(inCard(locale, 'card.help.title'));
    expect(card).toContain(inCard(locale, 'card.help.link'));
    expect(card).not.toContain(inCard(other, 'card.help.link'));
    if (locale === 'ja') expect(card).toMatch(JAPANESE);
  });

  it('shows a device in its language', async () => {
    const card = cardText(await session.say('device PC-L10N-1'));
    expect(card).toContain(inCard(locale, 'card.device.title', { assetNumber: 'PC-L10N-1' }));
    expect(card).toContain(inCard(locale, 'card.device.ledgerOnly'));
    expect(card).not.toContain(inCard(other, 'card.device.ledgerOnly'));
  });

  it('opens the link wizard in its language', async () => {
    const card = cardText(await session.say('link'));
    expect(card).toContain(inCard(locale, 'card.link.title'));
    expect(card).toContain(inCard(locale, 'card.link.intro'));
    expect(card).not.toContain(inCard(other, 'card.link.intro'));
  });

  it('opens troubleshooting in its language', async () => {
    const card = cardText(await session.say('troubleshoot'));
    expect(card).toContain(inCard(locale, 'troubleshoot.menu.title'));
    expect(card).toContain(inCard(locale, 'troubleshoot.menu.text'));
    expect(card).not.toContain(inCard(other, 'troubleshoot.menu.text'));
  });

  it('answers what it does not understand in its language', async () => {
    const reply = await session.say('what is the weather');
    expect(reply.text).toBe(t(locale, 'bot.unknown', { text: 'what is the weather' }));
    if (locale === 'ja') expect(reply.text).toMatch(JAPANESE);
  });
});

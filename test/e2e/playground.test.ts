import { startPlayground, type PlaygroundSession } from '../support/playground';
import { testUri } from '../support/test-db';

/**
 * The bot through the Microsoft 365 Agents Playground (a real Teams emulator), driven over its
 * HTTP and WebSocket API as a Teams client would: a message in, the bot's reply out.
 */
describe('Teams bot through the Agents Playground', () => {
  let session: PlaygroundSession;
  beforeAll(async () => {
    session = await startPlayground({
      MONGODB_URI: testUri(),
      MONGODB_DB: `daicho_e2e_${Date.now()}`,
    });
  });
  afterAll(() => session?.close());

  it('answers ヘルプ with the help card', async () => {
    const reply = await session.say('ヘルプ');
    expect(reply.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(reply.attachments?.[0]?.content)).toMatch(/device/i);
  });

  it('answers unknown input with a short help, never silence', async () => {
    const reply = await session.say('what is the weather');
    expect(reply.text).toMatch(/what is the weather/);
  });
});

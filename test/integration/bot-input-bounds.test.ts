import { MAX_MESSAGE_LENGTH } from '../../src/bot/text';
import { t } from '../../src/i18n/messages';
import { startServer, type ServerProcess } from '../support/server-process';
import { startStubConnector, type StubConnector } from '../support/stub-connector';

/**
 * Issue 11, finding 2: one message froze the server. The real server (`dist/index.js`, local
 * mode) gets adversarial messages on /api/messages while /healthz is polled: the message is
 * answered at once, the health check never waits, and the reply quotes no more than an excerpt.
 */

describe('a huge or hostile message does not hold the server', () => {
  let server: ServerProcess;
  let base: string;
  let teams: StubConnector;
  let seq = 0;

  beforeAll(async () => {
    teams = await startStubConnector();
    // Local mode (no BOT_ID): no token needed, and it listens on 127.0.0.1 only.
    server = await startServer({ BOT_ID: '', BOT_PASSWORD: '' });
    base = `http://127.0.0.1:${server.port}`;
    // Warm up (database connection, bot state, JIT) so the timings below are the message's own.
    await send('help');
  });
  afterAll(async () => {
    await server?.stop();
    await teams?.close();
  });

  /** Posts a message; resolves when /api/messages answers (the turn is over by then). */
  async function send(text: string): Promise<{ status: number; ms: number; replies: string[] }> {
    teams.reset();
    const id = String(++seq);
    const started = performance.now();
    const r = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id,
        text,
        locale: 'en-US',
        channelId: 'msteams',
        serviceUrl: teams.url,
        from: { id: 'user-1', aadObjectId: '00000000-0000-0000-0000-000000000001' },
        recipient: { id: 'bot' },
        conversation: { id: 'conv-bounds', conversationType: 'personal' },
      }),
    });
    const ms = performance.now() - started;
    const replies = teams
      .delivered()
      .map((q) => q.body.text)
      .filter((s): s is string => typeof s === 'string');
    return { status: r.status, ms, replies };
  }

  /** Runs `work` while /healthz is asked every 20 ms; the slowest health answer, in ms. */
  async function whilePollingHealth<T>(work: () => Promise<T>): Promise<[T, number, number]> {
    let stop = false;
    let slowest = 0;
    let polls = 0;
    const poller = (async () => {
      while (!stop) {
        const started = performance.now();
        const r = await fetch(`${base}/healthz`);
        await r.arrayBuffer();
        expect(r.status).toBe(200);
        slowest = Math.max(slowest, performance.now() - started);
        polls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      // Let a poll or two in first, so some are in flight while the message is processed.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const result = await work();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return [result, slowest, polls];
    } finally {
      stop = true;
      await poller;
    }
  }

  it('answers `device a` + 100,000 spaces + `b` in well under a second, /healthz all the while', async () => {
    const text = `device a${' '.repeat(100_000)}b`;
    const [sent, slowestHealth, polls] = await whilePollingHealth(() => send(text));
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(1000);
    expect(polls).toBeGreaterThan(0);
    expect(slowestHealth).toBeLessThan(500);
    // Told it is too long, in a sentence that quotes none of it.
    expect(sent.replies).toEqual([
      t('en', 'bot.tooLong', {
        length: text.length.toLocaleString('en-US'),
        max: MAX_MESSAGE_LENGTH.toLocaleString('en-US'),
      }),
    ]);
    expect(sent.replies[0].length).toBeLessThan(300);
  });

  it.each([
    // Just under the maximum: the old patterns took ~20 ms on this one (quadratic) …
    ['spaces in the middle', `device a${' '.repeat(MAX_MESSAGE_LENGTH - 9)}b`, 'bot.noDevice'],
    // … and ~60 s on this one (cubic: spaces, a word, a line break).
    ['spaces, then a line break', `device${' '.repeat(MAX_MESSAGE_LENGTH - 9)}a\nb`, 'bot.unknown'],
  ])(
    'parses a message at the maximum (%s) at once and quotes only an excerpt of it',
    async (_shape, text, key) => {
      expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      const [sent, slowestHealth] = await whilePollingHealth(() => send(text));
      expect(sent.status).toBe(200);
      expect(sent.ms).toBeLessThan(1000);
      expect(slowestHealth).toBeLessThan(500);
      expect(sent.replies).toHaveLength(1);
      const [reply] = sent.replies;
      expect(reply).toBe(
        key === 'bot.noDevice'
          ? t('en', 'bot.noDevice', { id: 'a b' })
          : t('en', 'bot.unknown', { text: 'device a b' }),
      );
      expect(reply).not.toMatch(/ {2}/);
    },
  );

  it('quotes an excerpt of an unknown over-long command, a person and a device not found', async () => {
    const long = 'x'.repeat(3000);
    for (const [text, pattern] of [
      [`hello ${long}`, /^I did not understand "hello x{44}…"/],
      [`person ${long}`, /^No person "x{50}…" in the directory\.$/],
      [`device ${long}`, /^No device matches "x{50}…"\.$/],
      [`explain ${long}`, /^Unknown status code "x{50}…"/],
      [`troubleshoot ${long}`, /^There is no troubleshooting guide "x{50}…"/],
    ] as const) {
      const sent = await send(text);
      expect(sent.status).toBe(200);
      expect([text.slice(0, 20), sent.replies.join('\n')]).toEqual([
        text.slice(0, 20),
        expect.stringMatching(pattern),
      ]);
      for (const reply of sent.replies) expect(reply).not.toContain('x'.repeat(51));
    }
  });
});

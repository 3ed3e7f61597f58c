import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { ROOT } from '../support/cli';
import { testUri } from '../support/test-db';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  ms: number,
): Promise<RegExpMatchArray> {
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}: ${text}`)),
      ms,
    );
    const on = (d: Buffer) => {
      text += d;
      const m = pattern.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
  });
}

interface Message {
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

/**
 * The bot through the Microsoft 365 Agents Playground (a real Teams emulator), driven over its
 * HTTP and WebSocket API as a Teams client would: a message in, the bot's reply out.
 */
describe('Teams bot through the Agents Playground', () => {
  const children: ChildProcess[] = [];
  let base = '';
  let conversationId = '';
  let userId = '';
  let ws: WebSocket;
  const received: Message[] = [];

  beforeAll(async () => {
    const botPort = await freePort();
    const bot = spawn('node', [path.join(ROOT, 'dist', 'index.js')], {
      env: {
        ...process.env,
        PORT: String(botPort),
        MONGODB_URI: testUri(),
        MONGODB_DB: `daicho_e2e_${botPort}`,
        SYNC_SCHEDULE: 'off',
        BOT_ID: '',
        BOT_PASSWORD: '',
      },
    });
    children.push(bot);
    await waitForOutput(bot, /Daicho listening/, 30_000);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'daicho-playground-'));
    const playground = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'agentsplayground'),
      [
        '-e',
        `http://127.0.0.1:${botPort}/api/messages`,
        '-c',
        'msteams',
        '--disable-telemetry',
        '-p',
        String(await freePort()),
      ],
      {
        cwd,
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      },
    );
    children.push(playground);
    const [, port] = await waitForOutput(playground, /Listening on (\d+)/, 30_000);
    base = `http://localhost:${port}`;
    const config = (
      (await (await fetch(`${base}/_internal/v1/config`)).json()) as {
        config: { personalChat: { id: string }; currentUser: { id: string } };
      }
    ).config;
    conversationId = config.personalChat.id;
    userId = config.currentUser.id;
    ws = new WebSocket(`ws://localhost:${port}/_ws_conversation/v1/conversations/stream`);
    ws.on('message', (raw) => {
      const event = JSON.parse(String(raw)) as { action: string; message?: Message };
      if (event.action === 'createMessage' && event.message) received.push(event.message);
    });
    await new Promise((resolve) => ws.on('open', resolve));
  });
  afterAll(() => {
    ws?.close();
    for (const c of children) c.kill('SIGTERM');
  });

  async function say(text: string): Promise<Message> {
    const before = received.length;
    const r = await fetch(`${base}/_conversation/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: userId }, text, textFormat: 'plain' }),
    });
    expect(r.status).toBe(200);
    const deadline = Date.now() + 15_000;
    // The user's own message comes back on the stream too; the bot's reply is the one after it.
    while (Date.now() < deadline) {
      const reply = received
        .slice(before)
        .find((m) => m.attachments?.length || (m.text && m.text !== text));
      if (reply) return reply;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`no reply to "${text}"`);
  }

  it('answers ヘルプ with the help card', async () => {
    const reply = await say('ヘルプ');
    expect(reply.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(reply.attachments?.[0]?.content)).toMatch(/device/i);
  });

  it('answers unknown input with a short help, never silence', async () => {
    const reply = await say('what is the weather');
    expect(reply.text).toMatch(/what is the weather/);
  });
});

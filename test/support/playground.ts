import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { ROOT } from './cli';

/** A message as the Playground streams it to its web client. */
export interface PlaygroundMessage {
  messageId: string;
  from?: { id: string };
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
}

export interface InvokeAnswer {
  type?: string;
  value?: unknown;
}

export interface PlaygroundSession {
  /** The Playground's own address (its web UI and API). */
  base: string;
  conversationId: string;
  user: { id: string; name: string; aadObjectId: string };
  botId: string;
  /** Every message the bot posted or updated, in order (updates repeat the message id). */
  received: PlaygroundMessage[];
  /** Types a message as the user and returns the bot's first reply. */
  say(text: string): Promise<PlaygroundMessage>;
  /**
   * Presses an Action.Execute button of a message; returns the bot's invoke answer: a card
   * (`type` application/vnd.microsoft.card.adaptive) or a message (`value` is its text).
   */
  press(
    message: PlaygroundMessage,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<InvokeAnswer>;
  /** Waits for a bot message (new or updated) that satisfies `match`. */
  waitFor(match: (m: PlaygroundMessage) => boolean, ms?: number): Promise<PlaygroundMessage>;
  close(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function waitForOutput(
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

/** The card JSON of a message, as text, for matching. */
export function cardText(m: PlaygroundMessage | InvokeAnswer): string {
  return JSON.stringify('messageId' in m ? (m.attachments ?? m.text) : m.value);
}

/**
 * The built bot (dist/index.js) in its own process, with the Microsoft 365 Agents Playground in
 * front of it, driven over the Playground's HTTP and WebSocket API as its web client does.
 * `env` is added to the bot's environment (database, simulators, notifier interval…).
 */
export async function startPlayground(env: Record<string, string>): Promise<PlaygroundSession> {
  const children: ChildProcess[] = [];
  const botPort = await freePort();
  const bot = spawn('node', [path.join(ROOT, 'dist', 'index.js')], {
    env: {
      ...process.env,
      SYNC_SCHEDULE: 'off',
      BOT_ID: '',
      BOT_PASSWORD: '',
      ...env,
      PORT: String(botPort),
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
    { cwd, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' } },
  );
  children.push(playground);
  const [, port] = await waitForOutput(playground, /Listening on (\d+)/, 30_000);
  const base = `http://localhost:${port}`;
  const config = (
    (await (await fetch(`${base}/_internal/v1/config`)).json()) as {
      config: {
        personalChat: { id: string };
        currentUser: { id: string; name: string; aadObjectId: string };
        bot: { id: string };
      };
    }
  ).config;
  const received: PlaygroundMessage[] = [];
  const ws = new WebSocket(`ws://localhost:${port}/_ws_conversation/v1/conversations/stream`);
  ws.on('message', (raw) => {
    const event = JSON.parse(String(raw)) as { action: string; message?: PlaygroundMessage };
    if (!event.message || event.message.from?.id !== config.bot.id) return;
    received.push(event.message);
  });
  await new Promise((resolve) => ws.on('open', resolve));

  const waitFor = async (match: (m: PlaygroundMessage) => boolean, ms = 20_000, from = 0) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const hit = received.slice(from).find(match);
      if (hit) return hit;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(
      `no bot message matched within ${ms} ms; got:\n${received.map((m) => cardText(m).slice(0, 300) + (m.text ?? '')).join('\n')}`,
    );
  };
  const conversationId = config.personalChat.id;
  const user = config.currentUser;
  return {
    base,
    conversationId,
    user,
    botId: config.bot.id,
    received,
    waitFor: (match, ms) => waitFor(match, ms),
    async say(text) {
      const before = received.length;
      const r = await fetch(`${base}/_conversation/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: user.id }, text, textFormat: 'plain' }),
      });
      if (r.status !== 200) throw new Error(`the Playground refused the message: ${r.status}`);
      return waitFor(() => true, 20_000, before);
    },
    async press(message, verb, data) {
      const r = await fetch(`${base}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          conversation: { id: conversationId },
          from: { id: user.id },
          replyToId: message.messageId,
          value: { action: { type: 'Action.Execute', verb, data } },
        }),
      });
      const body = (await r.json()) as InvokeAnswer;
      if (r.status !== 200) throw new Error(`invoke ${verb} failed: ${JSON.stringify(body)}`);
      return body;
    },
    close() {
      ws.close();
      for (const c of children) c.kill('SIGTERM');
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../support/cli';
import { startStubConnector } from '../support/stub-connector';
import { testUri } from '../support/test-db';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const port = await freePort();
  const child = spawn('node', [path.join(ROOT, 'dist', 'index.js')], {
    env: {
      ...process.env,
      MONGODB_URI: testUri(),
      MONGODB_DB: `daicho_bot_http_${port}`,
      PORT: String(port),
      SYNC_SCHEDULE: 'off',
      ...env,
    },
  });
  let text = '';
  child.stdout?.on('data', (d) => (text += d));
  child.stderr?.on('data', (d) => (text += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${text}`);
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, port, output: () => text };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /healthz: ${text}`);
}

const activity = {
  type: 'message',
  id: '1',
  text: 'help',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/jp/',
  from: { id: 'user-1', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  recipient: { id: 'bot' },
  conversation: { id: 'conv-1', conversationType: 'personal' },
};

describe('/api/messages authentication', () => {
  let server: { child: ChildProcess; port: number; output: () => string } | undefined;
  afterEach(() => {
    server?.child.kill('SIGTERM');
    server = undefined;
  });

  it('refuses a request without a valid Bot Framework token when credentials are configured', async () => {
    server = await startServer({
      BOT_ID: '11111111-2222-3333-4444-555555555555',
      BOT_PASSWORD: 'not-a-real-secret',
      BOT_TYPE: 'MultiTenant',
    });
    const noToken = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(noToken.status).toBe(401);
    const forged = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.',
      },
      body: JSON.stringify(activity),
    });
    expect(forged.status).toBe(401);
    expect(server.output()).not.toMatch(/local testing only/);
  });

  it('without credentials runs for local testing only and says so at start', async () => {
    server = await startServer({ BOT_ID: '', BOT_PASSWORD: '' });
    expect(server.output()).toMatch(/Local mode: BOT_ID is not set/);
    const bad = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
  });

  it('makes the members of ADMIN_TEAM_IDS admins, asking Teams for membership', async () => {
    const teams = await startStubConnector();
    teams.teams = { 'team-admins': ['member-1'] };
    try {
      server = await startServer({ BOT_ID: '', BOT_PASSWORD: '', ADMIN_TEAM_IDS: 'team-admins' });
      const ask = async (userId: string) => {
        teams.requests.length = 0;
        const r = await fetch(`http://127.0.0.1:${server!.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ...activity,
            text: 'link',
            locale: 'en-US',
            serviceUrl: teams.url,
            from: { id: userId, aadObjectId: `aad-${userId}` },
            conversation: { id: `conv-${userId}`, conversationType: 'personal' },
          }),
        });
        expect(r.status).toBe(200);
        return JSON.stringify(teams.delivered().map((q) => q.body));
      };
      expect(await ask('member-1')).toMatch(/Link an MDM/);
      const refused = await ask('outsider-1');
      expect(refused).not.toMatch(/Link an MDM/);
      expect(refused).toMatch(/admin/i);
    } finally {
      await teams.close();
    }
  });
});

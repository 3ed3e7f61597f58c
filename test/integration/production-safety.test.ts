/**
 * Issue 11: the server as an attacker and a careless operator meet it — the built server as a
 * process, over real HTTP, on the real wire-protocol server.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { runCli } from '../support/cli';
import { testUri } from '../support/test-db';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { startTokenSigner, type TokenSigner } from '../support/bot-token-signer';
import {
  freePort,
  listeningAddresses,
  serverExit,
  startServer,
  type ServerProcess,
} from '../support/server-process';

const APP_ID = '11111111-2222-3333-4444-555555555555';
// MultiTenant as set explicitly (BOT_TYPE defaults to SingleTenant, which also needs a tenant id):
// these tests are about token checks, which are the same for every app type.
const CREDENTIALS = {
  BOT_ID: APP_ID,
  BOT_PASSWORD: 'not-a-real-secret-123',
  BOT_TYPE: 'MultiTenant',
};

const activity = (serviceUrl: string, text = 'help') => ({
  type: 'message',
  id: '1',
  text,
  locale: 'en-US',
  channelId: 'msteams',
  serviceUrl,
  from: { id: 'user-1', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  recipient: { id: 'bot' },
  conversation: { id: 'conv-1', conversationType: 'personal' },
});

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const CLAIMS = b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'x' });

function post(port: number, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Every line the server wrote to stdout is one structured log record: no stray stack traces. */
function logRecords(server: ServerProcess): { level: number; msg: string; status?: number }[] {
  return server
    .stdout()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { level: number; msg: string; status?: number });
}

describe('modes that cannot be mistaken', () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('without bot credentials: local mode, on 127.0.0.1 only, said in one line', async () => {
    server = await startServer({ BOT_ID: '', BOT_PASSWORD: '' });
    expect(listeningAddresses(server.port)).toEqual(['127.0.0.1']);
    const lines = logRecords(server).filter((r) => /Local mode/.test(r.msg));
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toMatch(/127\.0\.0\.1 only/);
  });

  it('with credentials: every interface, and with no ADMIN_* nobody is an admin and the log says how to name one', async () => {
    const teams = await startStubConnector();
    try {
      server = await startServer({ ...CREDENTIALS, ADMIN_USER_IDS: '', ADMIN_TEAM_IDS: '' });
      expect(listeningAddresses(server.port).some((a) => a === '0.0.0.0' || a === '::')).toBe(true);
      expect(server.output()).toMatch(/No admins are named.*ADMIN_USER_IDS/);
      expect(server.output()).not.toMatch(/Local mode/);
    } finally {
      await teams.close();
    }
  });

  it.each([
    [{ NODE_ENV: 'production' }, /NODE_ENV=production/],
    [{ DAICHO_ENV: 'staging' }, /DAICHO_ENV=staging/],
  ])(
    'refuses to start in production without credentials (%o), naming BOT_ID / BOT_PASSWORD',
    async (env, why) => {
      const port = await freePort();
      const result = await serverExit({ ...env, BOT_ID: '', BOT_PASSWORD: '', PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/BOT_ID and BOT_PASSWORD/);
      expect(result.output).toMatch(why);
      expect(listeningAddresses(port)).toEqual([]);
    },
  );

  it('refuses to start in production without MONGODB_URI, naming it, and starts no embedded database', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daicho-prod-nodb-'));
    const result = await serverExit({
      ...CREDENTIALS,
      NODE_ENV: 'production',
      MONGODB_URI: '',
      DAICHO_DATA_DIR: dataDir,
      PORT: String(port),
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/MONGODB_URI is required with NODE_ENV=production/);
    expect(result.output).not.toMatch(/BOT_ID and BOT_PASSWORD/);
    expect(listeningAddresses(port)).toEqual([]);
    // The embedded server would have left its record here.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("takes botbuilder's MicrosoftAppId / MicrosoftAppPassword as credentials, not as local mode", async () => {
    server = await startServer({
      BOT_ID: '',
      BOT_PASSWORD: '',
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret-123',
      MicrosoftAppType: 'MultiTenant',
    });
    expect(server.output()).not.toMatch(/Local mode/);
    expect((await post(server.port, activity('https://smba.trafficmanager.net/jp/'))).status).toBe(
      401,
    );
  });
});

describe('authentication failures', () => {
  let server: ServerProcess;
  let signer: TokenSigner;
  let teams: StubConnector;
  beforeAll(async () => {
    signer = await startTokenSigner();
    teams = await startStubConnector();
    server = await startServer({ ...CREDENTIALS, BOT_OPENID_METADATA_URL: signer.metadataUrl });
  });
  afterAll(async () => {
    await server.stop();
    await signer.close();
    await teams.close();
  });

  it('refuses forged tokens with a terse 401 before any key lookup, logged once each, no stack trace', async () => {
    const forged = [
      '',
      'Basic dXNlcjpwYXNz',
      `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${CLAIMS}.`,
      `Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.${CLAIMS}.c2lnbmF0dXJl`,
      `Bearer ${b64({ alg: 'RS256' })}.${CLAIMS}`,
      'Bearer not.a.jwt!',
    ];
    const before = signer.fetches();
    for (const authorization of forged) {
      const r = await post(
        server.port,
        activity(teams.url),
        authorization ? { authorization } : {},
      );
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ error: 'unauthorized' });
    }
    // None of them was worth fetching signing keys for.
    expect(signer.fetches()).toBe(before);
    const refusals = logRecords(server).filter((r) => r.msg.startsWith('bot request refused'));
    expect(refusals).toHaveLength(forged.length);
    expect(refusals.every((r) => r.status === 401)).toBe(true);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('verifies real RS256 tokens: the signer’s token passes, a bad signature, another audience or an expired token is 401', async () => {
    const ok = await post(server.port, activity(teams.url), {
      authorization: `Bearer ${signer.token(APP_ID, teams.url)}`,
    });
    expect(ok.status).toBe(200);
    for (const token of [
      signer.forgedToken(APP_ID, teams.url),
      signer.token('someone-else', teams.url),
      signer.token(APP_ID, teams.url, { exp: Math.floor(Date.now() / 1000) - 3600 }),
    ]) {
      const r = await post(server.port, activity(teams.url), { authorization: `Bearer ${token}` });
      expect(r.status).toBe(401);
      const body = await r.text();
      expect(body).toBe('{"error":"unauthorized"}');
    }
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('answers 413 (not a reset) to a 12 MB body and stays responsive', async () => {
    const r = await post(server.port, 'x'.repeat(12 * 1024 * 1024));
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ error: 'request body too large' });
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });

  it('answers 400 to a body that is not an activity, and 405 to other methods', async () => {
    for (const body of ['{not json', '[]', '{"text":"no type"}', 'null']) {
      const r = await post(server.port, body);
      expect(r.status).toBe(400);
      expect(JSON.stringify(await r.json()).length).toBeLessThan(100);
    }
    const get = await fetch(`http://127.0.0.1:${server.port}/api/messages`);
    expect(get.status).toBe(405);
  });
});

describe('signing keys that cannot be fetched', () => {
  it('is 503, never 500, and says nothing of the cause in the body', async () => {
    const closed = await freePort();
    const server = await startServer({
      ...CREDENTIALS,
      BOT_OPENID_METADATA_URL: `http://127.0.0.1:${closed}/.well-known/openidconfiguration`,
    });
    try {
      const token = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({
        iss: 'https://api.botframework.com',
        aud: APP_ID,
      })}.c2lnbmF0dXJl`;
      const r = await post(server.port, activity('https://smba.trafficmanager.net/jp/'), {
        authorization: `Bearer ${token}`,
      });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBeTruthy();
      expect(await r.json()).toEqual({ error: 'authentication temporarily unavailable' });
      expect(server.output()).not.toMatch(/\n\s+at /);
    } finally {
      await server.stop();
    }
  });
});

describe('/healthz', () => {
  it('tells a caller from elsewhere the status and kind only; details stay on this machine', async () => {
    const server = await startServer({ BOT_ID: '', BOT_PASSWORD: '' });
    try {
      const local = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as {
        database: Record<string, unknown>;
      };
      expect(local.database).toMatchObject({ kind: expect.any(String), uri: expect.any(String) });
      const proxied = await fetch(`http://127.0.0.1:${server.port}/healthz`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(await proxied.json()).toEqual({ status: 'ok', database: { kind: 'external' } });
    } finally {
      await server.stop();
    }
  });
});

describe('the database named in MONGODB_URI', () => {
  it('is the one written to when MONGODB_DB is unset, and a contradiction is refused', async () => {
    const name = `ledger_staging_${Date.now()}`;
    const uri = testUri().replace('/?', `/${name}?`);
    const env = { MONGODB_URI: uri, MONGODB_DB: undefined, DAICHO_LOCALE: 'en' };
    const added = await runCli(['devices', 'add', '--asset-number', 'PC-STG-1'], env);
    expect(added.code).toBe(0);
    const client = await new MongoClient(testUri()).connect();
    try {
      expect(await client.db(name).collection('devices').countDocuments()).toBe(1);
      expect(
        await client.db('daicho').collection('devices').countDocuments({ assetNumber: 'PC-STG-1' }),
      ).toBe(0);
      const refused = await runCli(['devices', 'list'], { ...env, MONGODB_DB: 'daicho' });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/MONGODB_DB=daicho .*contradicts.*MONGODB_URI/);
    } finally {
      await client.db(name).dropDatabase();
      await client.close();
    }
  });

  it('never prints the password of a malformed MONGODB_URI, from the server or the CLI', async () => {
    for (const uri of [
      'mongodb://admin:Sup3r@S3cret:x@ host/ledger', // refused by the configuration
      'mongodb://admin:Sup3r:S3cret@127.0.0.1:1/ledger', // refused by the driver
    ]) {
      const env = { MONGODB_URI: uri, BOT_ID: '' };
      const server = await serverExit(env);
      const cli = await runCli(['devices', 'list'], env);
      for (const output of [server.output, cli.stdout + cli.stderr]) {
        expect(output).toMatch(/MONGODB_URI|admin:\*\*\*@/);
        expect(output).not.toMatch(/Sup3r|S3cret/);
      }
    }
  });
});

import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { MongoClient, type Db } from 'mongodb';
import { ensureIndexes } from '../../src/db/collections';
import { VERBS } from '../../src/cards/verbs';
import {
  DownloadStore,
  MAX_LIVE_DOWNLOADS_PER_USER,
  type DownloadDoc,
  type OfferedFile,
} from '../../src/downloads/download-store';
import { downloadsRoute } from '../../src/http/downloads';
import { createHttpServer, listen } from '../../src/http/server';
import { createLogger, type Logger } from '../../src/log';
import { ADMIN, press, testBot, USER } from '../support/bot-harness';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

/** A card's offer of a file, through the downloads' owner at the test's public URL. */
function offerDownload(t: TestDb, file: OfferedFile): Promise<string> {
  return new DownloadStore(t.c.downloads, PUBLIC).offer(file);
}

/**
 * Download links (/downloads/<token>, offered by the CSV buttons) against the real wire-protocol
 * server and over real HTTP: expired links are removed (a TTL index, and at every new offer for
 * servers without a TTL monitor), each user has at most MAX_LIVE_DOWNLOADS_PER_USER live links,
 * the route answers GET and HEAD only, and a database that does not answer is a terse 503.
 */

const PUBLIC = 'http://daicho.example';
const HOUR = 3600_000;
const csv = (createdBy: string, body = 'assetNumber\nPC-1\n') => ({
  filename: 'devices.csv',
  contentType: 'text/csv; charset=utf-8',
  body,
  createdBy,
});
const tokenOf = (url: string) => url.slice(`${PUBLIC}/downloads/`.length);
const someToken = () => randomBytes(32).toString('hex');

/** The route on its own server, on a free port. */
async function serve(route: ReturnType<typeof downloadsRoute>) {
  const server = createHttpServer({ '/downloads/': route }, createLogger('silent'));
  const port = await listen(server, 0);
  return {
    url: (token: string) => `http://127.0.0.1:${port}/downloads/${token}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A whole HTTP exchange on a raw socket: what the server sent, byte for byte. */
function rawRequest(port: number, method: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  });
}

describe('download indexes', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t.close();
  });

  /** A database of this run with no indexes yet, as an older version left it. */
  async function bareDb<T>(use: (db: Db) => Promise<T>): Promise<T> {
    const db = t.client.db(`daicho_test_${randomBytes(4).toString('hex')}`);
    try {
      return await use(db);
    } finally {
      await db.dropDatabase().catch(() => undefined);
    }
  }
  const indexesOf = (coll: { listIndexes(): { toArray(): Promise<unknown[]> } }) =>
    coll.listIndexes().toArray() as Promise<Record<string, unknown>[]>;

  it('has a TTL index on expiresAt (expireAfterSeconds 0) and the per-user index; twice is fine', async () => {
    await ensureIndexes(t.db);
    await ensureIndexes(t.db);
    const indexes = await indexesOf(t.c.downloads);
    const ttl = indexes.filter((i) => JSON.stringify(i.key) === '{"expiresAt":1}');
    expect(ttl).toEqual([expect.objectContaining({ expireAfterSeconds: 0 })]);
    expect(indexes.map((i) => JSON.stringify(i.key))).toContain('{"createdBy":1,"expiresAt":1}');
  });

  it('replaces an older plain index on expiresAt (any name), keeping the links; never a unique index', async () => {
    for (const oldName of ['expiresAt_1', 'expiresAt_ttl']) {
      await bareDb(async (db) => {
        const downloads = db.collection<DownloadDoc>('downloads');
        await downloads.createIndex({ expiresAt: 1 }, { name: oldName });
        await downloads.insertOne({
          _id: someToken(),
          ...csv('teams:aad-user'),
          expiresAt: new Date(Date.now() + HOUR),
        });
        await ensureIndexes(db);
        await ensureIndexes(db);
        const indexes = await indexesOf(downloads);
        const onExpiry = indexes.filter((i) => JSON.stringify(i.key) === '{"expiresAt":1}');
        expect(onExpiry).toEqual([
          expect.objectContaining({ name: 'expiresAt_ttl', expireAfterSeconds: 0 }),
        ]);
        expect(await downloads.countDocuments()).toBe(1);
      });
    }
    // A conflict with a unique index is not papered over: start fails, for a person to look at.
    await bareDb(async (db) => {
      await db
        .collection('devices')
        .createIndex({ assetNumber: 1 }, { name: 'assetNumber_unique' });
      await expect(ensureIndexes(db)).rejects.toMatchObject({ code: expect.any(Number) });
      const names = (await db.collection('devices').listIndexes().toArray()).map((i) => i.name);
      expect(names).toContain('assetNumber_unique');
    });
  });
});

describe('offering links', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.c.downloads.deleteMany({});
  });

  it('removes expired links (anyone’s) when a new one is offered, even with no TTL monitor', async () => {
    // Like a server that runs no TTL monitor: without the TTL index, nothing but the app removes
    // expired documents (the emulator's mongomock would otherwise drop them lazily on reads).
    await t.c.downloads.dropIndex('expiresAt_ttl').catch(() => undefined);
    try {
      const past = (ms: number) => new Date(Date.now() - ms);
      await t.c.downloads.insertMany([
        { _id: someToken(), ...csv('teams:aad-user'), expiresAt: past(1) },
        { _id: someToken(), ...csv('teams:aad-user'), expiresAt: past(HOUR) },
        { _id: someToken(), ...csv('teams:aad-other'), expiresAt: past(24 * HOUR) },
      ]);
      const live = someToken();
      await t.c.downloads.insertOne({
        _id: live,
        ...csv('teams:aad-other'),
        expiresAt: new Date(Date.now() + HOUR),
      });
      const url = await offerDownload(t, csv('teams:aad-admin'));
      const left = (await t.c.downloads.find().toArray()).map((d) => d._id).sort();
      expect(left).toEqual([live, tokenOf(url)].sort());
    } finally {
      await ensureIndexes(t.db);
    }
  });

  it(`keeps at most ${MAX_LIVE_DOWNLOADS_PER_USER} live links per user: the oldest goes, the newest works, others are untouched`, async () => {
    const other = await offerDownload(t, csv('teams:aad-other', 'other\n'));
    const urls: string[] = [];
    for (let i = 0; i <= MAX_LIVE_DOWNLOADS_PER_USER; i++) {
      urls.push(await offerDownload(t, csv('teams:aad-user', `n\n${i}\n`)));
    }
    expect(await t.c.downloads.countDocuments({ createdBy: 'teams:aad-user' })).toBe(
      MAX_LIVE_DOWNLOADS_PER_USER,
    );
    expect(await t.c.downloads.countDocuments({ createdBy: 'teams:aad-other' })).toBe(1);

    const srv = await serve(downloadsRoute(new DownloadStore(t.c.downloads, PUBLIC)));
    try {
      const fetchOf = (url: string) => fetch(srv.url(tokenOf(url)));
      expect((await fetchOf(urls[0])).status).toBe(404);
      const newest = await fetchOf(urls[MAX_LIVE_DOWNLOADS_PER_USER]);
      expect(newest.status).toBe(200);
      // (read as bytes: fetch's text() would drop the BOM)
      expect(Buffer.from(await newest.arrayBuffer()).toString('utf8')).toBe(
        `\ufeffn\n${MAX_LIVE_DOWNLOADS_PER_USER}\n`,
      );
      expect((await fetchOf(urls[1])).status).toBe(200);
      expect((await fetchOf(other)).status).toBe(200);
    } finally {
      await srv.close();
    }
  });

  describe('through the bot', () => {
    let h: SyncHarness;
    beforeAll(async () => {
      h = await syncHarness(t, { graph: { devices: [] } });
    });
    afterAll(async () => {
      await h.close();
    });

    it('counts the cap per presser (their Entra id), not per bot or per button', async () => {
      const adapter = testBot(t, h);
      const link = async (from: typeof USER) => {
        const reply = await press(adapter, VERBS.downloadCsv, { filter: {} }, from);
        const token = /\/downloads\/([0-9a-f]{64})/.exec(reply.text)?.[1];
        expect(token).toBeDefined();
        return token!;
      };
      const admins = await link(ADMIN);
      const users: string[] = [];
      for (let i = 0; i <= MAX_LIVE_DOWNLOADS_PER_USER; i++) users.push(await link(USER));
      const stored = await t.c.downloads.find().toArray();
      expect(stored.filter((d) => d.createdBy === 'teams:aad-user')).toHaveLength(
        MAX_LIVE_DOWNLOADS_PER_USER,
      );
      const ids = stored.map((d) => d._id);
      expect(ids).toContain(admins);
      expect(ids).toContain(users[MAX_LIVE_DOWNLOADS_PER_USER]);
      expect(ids).not.toContain(users[0]);
      expect(stored.find((d) => d._id === admins)!.createdBy).toBe('teams:aad-admin');
    });
  });
});

describe('the /downloads/ route over HTTP', () => {
  let t: TestDb;
  let srv: Awaited<ReturnType<typeof serve>>;
  let token: string;
  const BODY = 'assetNumber,user\nPC-1,山田\n';
  beforeAll(async () => {
    t = await openTestDb();
    srv = await serve(downloadsRoute(new DownloadStore(t.c.downloads, PUBLIC)));
  });
  afterAll(async () => {
    await srv.close();
    await t.close();
  });
  beforeEach(async () => {
    token = tokenOf(await offerDownload(t, csv('teams:aad-user', BODY)));
  });

  it('GET: the file with a BOM, as an attachment, not cached, not sniffed', async () => {
    const res = await fetch(srv.url(token));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="devices.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(BODY);
    // Fetched again within the hour: still there.
    expect((await fetch(srv.url(token))).status).toBe(200);
  });

  it('HEAD: the same status and headers as GET, and no body on the wire', async () => {
    const get = await fetch(srv.url(token));
    const length = (await get.arrayBuffer()).byteLength;
    const raw = await rawRequest(srv.port, 'HEAD', `/downloads/${token}`);
    const [head, rest] = raw.split('\r\n\r\n');
    expect(rest).toBe('');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    const headers = head.toLowerCase();
    expect(headers).toContain('content-type: text/csv; charset=utf-8');
    expect(headers).toContain('content-disposition: attachment; filename="devices.csv"');
    expect(headers).toContain(`content-length: ${length}`);
    expect(headers).toContain('cache-control: no-store');
    expect(headers).toContain('x-content-type-options: nosniff');
    // An unknown token: 404 for HEAD as well, no body either.
    const missing = await rawRequest(srv.port, 'HEAD', `/downloads/${someToken()}`);
    expect(missing).toMatch(/^HTTP\/1\.1 404 /);
    expect(missing.split('\r\n\r\n')[1]).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    '%s: 405 with Allow: GET, HEAD, and the link is untouched',
    async (method) => {
      const res = await fetch(srv.url(token), { method, body: method === 'POST' ? 'x' : null });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.json()).toEqual({ error: 'method not allowed' });
      expect(await t.c.downloads.countDocuments({ _id: token })).toBe(1);
      expect((await fetch(srv.url(token))).status).toBe(200);
    },
  );

  it('an unknown, malformed or expired token is 404 (the expired one is removed)', async () => {
    for (const bad of [someToken(), 'nope', token.toUpperCase()]) {
      const res = await fetch(srv.url(bad));
      expect(res.status).toBe(404);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    await t.c.downloads.updateOne(
      { _id: token },
      { $set: { expiresAt: new Date(Date.now() - 1) } },
    );
    const res = await fetch(srv.url(token));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found or expired' });
    expect(await t.c.downloads.countDocuments({ _id: token })).toBe(0);
  });

  it('a database that does not answer: a terse 503 JSON, the details in the log only', async () => {
    // A port nothing listens on: the driver's own server-selection failure.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = new MongoClient(
      `mongodb://127.0.0.1:${port}/?directConnection=true&serverSelectionTimeoutMS=300`,
    );
    const errors: unknown[] = [];
    const log = { error: (obj: unknown) => void errors.push(obj) } as unknown as Logger;
    const down = await serve(
      downloadsRoute(
        new DownloadStore(client.db('x').collection<DownloadDoc>('downloads'), PUBLIC),
        log,
      ),
    );
    try {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetch(down.url(token), { method });
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
        const text = await res.text();
        if (method === 'GET') expect(JSON.parse(text)).toEqual({ error: 'database unavailable' });
        expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Mongo/);
      }
      // The driver's error, for the operator (server selection, then the closed topology).
      expect(errors).toHaveLength(2);
      for (const e of errors) {
        expect(e).toEqual({
          err: expect.objectContaining({ name: expect.stringMatching(/^Mongo/) }),
        });
      }
    } finally {
      await down.close();
      await client.close();
    }
  });
});

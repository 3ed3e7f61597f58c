/**
 * Child process of the benchmark (part 3): device lookups through /api/messages of the real
 * server (dist/index.js, no BOT_ID: local testing, no token checks) on a ledger of N devices,
 * driven by autocannon at C concurrent requests, each a Teams message `device PC-0xxx` from its
 * own conversation, the bot's replies going to a local stub connector that answers 201.
 *
 *   node dist/bench/scripts/bench/bot-load.js --uri URI --devices 1000 --connections 50 --seconds 15 --work DIR
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import type { Collections, FieldHistoryDoc } from '../../src/db/collections';
import type { StoredDevice } from '../../src/ledger/device';
import { serialMatcher } from '../../src/ledger/serial';
import { cpuSeconds, ownCpu, processPeakRss, startServer } from './bot-server';
import { arg, childMain, percentile, round } from './lib';
import { benchCollections } from './services';
import { startStubProcess, type StubRecord } from './stub-connector';

const DB_NAME = 'daicho_bench_bot';

const assetNumber = (k: number) => `PC-${String(k).padStart(4, '0')}`;

/** The ledger: N devices, each with a few history entries for its card. */
async function seedLedger(c: Collections, devices: number): Promise<void> {
  const serialKey = serialMatcher();
  const now = new Date();
  const docs: StoredDevice[] = Array.from({ length: devices }, (_, i) => {
    const k = i + 1;
    const serialNumber = `SN${String(k * 7919).padStart(8, '0')}`;
    return {
      assetNumber: assetNumber(k),
      serialNumber,
      serialKey: serialKey(serialNumber),
      os: 'Windows (10.0.22631.4460)',
      manufacturer: 'LENOVO',
      model: '21HM',
      deviceType: 'PC',
      status: '利用中',
      user: `user${k % 200}@contoso.co.jp`,
      procurementDate: '2024-04-01',
      disposalDate: null,
      uuid: null,
      source: 'ledger',
      mdm: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  for (let i = 0; i < docs.length; i += 1000)
    await c.devices.insertMany(docs.slice(i, i + 1000), { ordered: false });
  const stored = await c.devices.find({}, { projection: { _id: 1, assetNumber: 1 } }).toArray();
  const history: FieldHistoryDoc[] = stored.flatMap((d) =>
    ['assetNumber', 'user', 'status'].map((field, j) => ({
      deviceId: d._id,
      assetNumber: d.assetNumber,
      field,
      old: null,
      new: field === 'assetNumber' ? d.assetNumber : 'x',
      source: 'ledger' as const,
      rule: 'import',
      at: new Date(now.getTime() + j),
      by: 'bench',
    })),
  );
  for (let i = 0; i < history.length; i += 1000)
    await c.fieldHistory.insertMany(history.slice(i, i + 1000), { ordered: false });
}

/** Message activities `device PC-0xxx`, each from a conversation of its own. */
function messages(devices: number, serviceUrl: string): () => string {
  let seq = 0;
  return () => {
    const n = seq++;
    return JSON.stringify({
      type: 'message',
      id: `act-${n}`,
      text: `device ${assetNumber((n % devices) + 1)}`,
      locale: 'en-US',
      channelId: 'msteams',
      serviceUrl,
      from: {
        id: `29:user-${n % 200}`,
        aadObjectId: `00000000-0000-0000-0000-${String(n % 200).padStart(12, '0')}`,
      },
      recipient: { id: '28:daicho', name: 'Daicho' },
      conversation: { id: `a:bench-conv-${n}`, conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
    });
  };
}

interface Load {
  url: string;
  body: () => string;
}

const json = { 'content-type': 'application/json' };

/** Warm-up (JIT, connection pools), not measured: one request per connection. */
async function warmUp(load: Load, connections: number): Promise<void> {
  await Promise.all(
    Array.from({ length: connections }, () =>
      fetch(load.url, { method: 'POST', headers: json, body: load.body() }).then((r) => r.text()),
    ),
  );
}

function drive(load: Load, connections: number, seconds: number) {
  return autocannon({
    url: load.url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      { method: 'POST', headers: json, setupRequest: (req) => ({ ...req, body: load.body() }) },
    ],
  });
}

/** The replies' side of the report, and the targets. */
function report(result: autocannon.Result, replies: StubRecord[]) {
  const answered = result.requests.total;
  const errors = result.errors + result.timeouts + result.non2xx;
  const lat = result.latency;
  const cards = replies.filter((r) => r.hasCard).length;
  return {
    requests: {
      answered,
      perSecond: round(result.requests.average, 1),
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: result.statusCodeStats,
    },
    latencyMs: { p50: lat.p50, p90: lat.p90, p99: lat.p99, max: lat.max, mean: round(lat.mean, 1) },
    replies: {
      posted: replies.length,
      withDeviceCard: cards,
      refused: replies.filter((r) => r.status >= 300).length,
      replySizeBytesP50: percentile(
        replies.map((r) => r.bytes).sort((a, b) => a - b),
        50,
      ),
    },
    targets: {
      p99: { target: '< 200 ms', value: lat.p99, met: lat.p99 < 200 },
      errors: { target: '0', value: errors, met: errors === 0 },
      everyRequestAnswered: {
        target: 'one device card per request',
        value: `${cards} cards for ${answered} requests`,
        met: cards >= answered && answered > 0,
      },
    },
  };
}

async function main() {
  const uri = arg('uri');
  const devices = Number(arg('devices', '1000'));
  const connections = Number(arg('connections', '50'));
  const seconds = Number(arg('seconds', '15'));
  const client = await new MongoClient(uri).connect();
  const db = client.db(DB_NAME);
  await db.dropDatabase();
  const c = await benchCollections(db);
  await seedLedger(c, devices);
  const stub = await startStubProcess();
  try {
    const server = await startServer(uri, DB_NAME, path.join(arg('work'), 'bot-data'));
    try {
      const load = {
        url: `http://127.0.0.1:${server.port}/api/messages`,
        body: messages(devices, stub.url),
      };
      await warmUp(load, connections);
      // One request at a time first: the service time of a lookup, without queueing.
      const single = await drive(load, 1, Math.min(5, seconds));
      const repliesBefore = (await stub.requests()).length;
      const emulatorPid = Number(arg('emulator-pid', '0'));
      const botPid = server.process.pid;
      const before = {
        bot: cpuSeconds(botPid),
        db: cpuSeconds(emulatorPid),
        stub: cpuSeconds(stub.pid),
        me: ownCpu(),
      };
      const result = await drive(load, connections, seconds);
      const cpu = {
        botProcess: round(cpuSeconds(botPid) - before.bot, 2),
        database: emulatorPid ? round(cpuSeconds(emulatorPid) - before.db, 2) : null,
        stubConnector: round(cpuSeconds(stub.pid) - before.stub, 2),
        loadGenerator: round(ownCpu() - before.me, 2),
      };
      // Replies are posted before the bot answers the request: they are all in by now.
      const replies = (await stub.requests()).slice(repliesBefore);
      const botRss = processPeakRss(botPid);
      const { targets, ...figures } = report(result, replies);
      return {
        database: arg('database', 'emulator'),
        ledgerDevices: devices,
        connections,
        durationSeconds: result.duration,
        singleConnection: {
          note: 'one request at a time: the service time of a lookup',
          perSecond: round(single.requests.average, 1),
          latencyMsP50: single.latency.p50,
          latencyMsP99: single.latency.p99,
        },
        ...figures,
        cpuSecondsDuringLoad: cpu,
        botStateDocuments: await c.botState.countDocuments({}),
        botProcessPeakRssMb: botRss,
        targets,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await stub.close();
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

export type BotResult = Awaited<ReturnType<typeof main>>;

if (require.main === module) childMain(main);

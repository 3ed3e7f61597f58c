/**
 * Child process of the benchmark (part 3): device lookups through /api/messages of the real
 * server (dist/index.js, no BOT_ID: local testing, no token checks) on a ledger of N devices,
 * driven by autocannon at C concurrent requests, each a Teams message `device PC-0xxx` from its
 * own conversation, the bot's replies going to a local stub connector that answers 201.
 *
 *   node scripts/bench/bot-load.js --uri URI --devices 1000 --connections 50 --seconds 15 --work DIR
 */
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const autocannon = require('autocannon');
const { MongoClient } = require('mongodb');
const { childMain, dist, percentile, ROOT, round } = require('./lib');
const { startStubProcess } = require('./stub-connector');

const DB_NAME = 'daicho_bench_bot';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const assetNumber = (k) => `PC-${String(k).padStart(4, '0')}`;

childMain(async () => {
  const uri = arg('uri');
  const devices = Number(arg('devices', '1000'));
  const connections = Number(arg('connections', '50'));
  const seconds = Number(arg('seconds', '15'));
  const work = arg('work');
  const { collections, ensureIndexes } = dist('db/collections');
  const { serialMatcher } = dist('ledger/serial');

  // The ledger: N devices, each with a few history entries for its card.
  const client = await new MongoClient(uri).connect();
  const db = client.db(DB_NAME);
  await db.dropDatabase();
  await ensureIndexes(db);
  const c = collections(db);
  const serialKey = serialMatcher();
  const now = new Date();
  const docs = Array.from({ length: devices }, (_, i) => {
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
  const history = stored.flatMap((d) =>
    ['assetNumber', 'user', 'status'].map((field, j) => ({
      deviceId: d._id,
      assetNumber: d.assetNumber,
      field,
      old: null,
      new: field === 'assetNumber' ? d.assetNumber : 'x',
      source: 'ledger',
      rule: 'import',
      at: new Date(now.getTime() + j),
      by: 'bench',
    })),
  );
  for (let i = 0; i < history.length; i += 1000)
    await c.fieldHistory.insertMany(history.slice(i, i + 1000), { ordered: false });

  const stub = await startStubProcess();
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js')], {
    env: {
      ...process.env,
      MONGODB_URI: uri,
      MONGODB_DB: DB_NAME,
      PORT: String(port),
      BOT_ID: '',
      BOT_PASSWORD: '',
      SYNC_SCHEDULE: 'off',
      LOG_LEVEL: 'warn',
      DAICHO_DATA_DIR: path.join(work, 'bot-data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  try {
    await waitForHealth(port, server, () => output);
    const base = `http://127.0.0.1:${port}`;
    let seq = 0;
    const body = () => {
      const n = seq++;
      return JSON.stringify({
        type: 'message',
        id: `act-${n}`,
        text: `device ${assetNumber((n % devices) + 1)}`,
        locale: 'en-US',
        channelId: 'msteams',
        serviceUrl: stub.url,
        from: {
          id: `29:user-${n % 200}`,
          aadObjectId: `00000000-0000-0000-0000-${String(n % 200).padStart(12, '0')}`,
        },
        recipient: { id: '28:daicho', name: 'Daicho' },
        conversation: {
          id: `a:bench-conv-${n}`,
          conversationType: 'personal',
          tenantId: 'tenant-1',
        },
        channelData: { tenant: { id: 'tenant-1' } },
      });
    };

    // Warm-up (JIT, connection pools), not measured: one request per connection.
    await Promise.all(
      Array.from({ length: connections }, () =>
        fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(),
        }).then((r) => r.text()),
      ),
    );
    const load = (conns, secs) =>
      autocannon({
        url: `${base}/api/messages`,
        connections: conns,
        duration: secs,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: body() }),
          },
        ],
      });
    // One request at a time first: the service time of a lookup, without queueing.
    const single = await load(1, Math.min(5, seconds));

    const repliesBefore = (await stub.requests()).length;
    const emulatorPid = Number(arg('emulator-pid', '0'));
    const cpuBefore = {
      bot: cpuSeconds(server.pid),
      db: cpuSeconds(emulatorPid),
      stub: cpuSeconds(stub.pid),
      me: ownCpu(),
    };
    const result = await load(connections, seconds);
    const cpu = {
      botProcess: round(cpuSeconds(server.pid) - cpuBefore.bot, 2),
      database: emulatorPid ? round(cpuSeconds(emulatorPid) - cpuBefore.db, 2) : null,
      stubConnector: round(cpuSeconds(stub.pid) - cpuBefore.stub, 2),
      loadGenerator: round(ownCpu() - cpuBefore.me, 2),
    };
    // Replies are posted before the bot answers the request: they are all in by now.
    const replies = (await stub.requests()).slice(repliesBefore);
    const botRss = processPeakRss(server.pid);
    const states = await c.botState.countDocuments({});
    const answered = result.requests.total;
    const errors = result.errors + result.timeouts + result.non2xx;
    const lat = result.latency;
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
      requests: {
        answered,
        perSecond: round(result.requests.average, 1),
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes: result.statusCodeStats,
      },
      latencyMs: {
        p50: lat.p50,
        p90: lat.p90,
        p99: lat.p99,
        max: lat.max,
        mean: round(lat.mean, 1),
      },
      replies: {
        posted: replies.length,
        withDeviceCard: replies.filter((r) => r.hasCard).length,
        refused: replies.filter((r) => r.status >= 300).length,
        replySizeBytesP50: percentile(
          replies.map((r) => r.bytes).sort((a, b) => a - b),
          50,
        ),
      },
      cpuSecondsDuringLoad: cpu,
      botStateDocuments: states,
      botProcessPeakRssMb: botRss,
      targets: {
        p99: { target: '< 200 ms', value: lat.p99, met: lat.p99 < 200 },
        errors: { target: '0', value: errors, met: errors === 0 },
        everyRequestAnswered: {
          target: 'one device card per request',
          value: `${replies.filter((r) => r.hasCard).length} cards for ${answered} requests`,
          met: replies.filter((r) => r.hasCard).length >= answered && answered > 0,
        },
      },
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => {
      if (server.exitCode !== null) resolve();
      else server.once('exit', resolve);
      setTimeout(resolve, 5000).unref();
    });
    await stub.close();
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
});

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port, child, output) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /healthz within 60 s: ${output()}`);
}

/** User + system CPU time of a process so far, in seconds (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid) {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return 0;
  }
}

function ownCpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** VmHWM of a running process (its peak resident set), in MB; null off Linux. */
function processPeakRss(pid) {
  try {
    const kb = Number(/VmHWM:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return round(kb / 1024, 1);
  } catch {
    return null;
  }
}

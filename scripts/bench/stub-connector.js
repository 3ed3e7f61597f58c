/**
 * A Bot Connector service on 127.0.0.1 for the benchmarks (the JavaScript twin of
 * test/support/stub-connector.ts): answers POST /v3/conversations/{id}/activities[/{replyTo}]
 * with 201 {id} and PUT …/activities/{id} with 200. With `limits`, it enforces Teams' send
 * limits as Teams does, counting every arrival (refused ones too) and answering 429 past them.
 */
const { fork } = require('node:child_process');
const http = require('node:http');

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

/**
 * @param {{ limits?: { perConversation: {limit:number, windowMs:number}[],
 *                      perTenant: {limit:number, windowMs:number}[] } | null,
 *           retryAfter?: number | null, keepBodies?: boolean }} options
 */
async function startStubConnector(options = {}) {
  const limits = options.limits ?? null;
  const longest = limits
    ? Math.max(0, ...[...limits.perConversation, ...limits.perTenant].map((r) => r.windowMs))
    : 0;
  /** Arrival times per conversation and for the tenant (one tenant in the benchmarks). */
  const arrivals = new Map();
  const tenant = [];
  const requests = [];
  let seq = 0;

  const over = (list, rules, at) =>
    rules.some((r) => {
      let n = 0;
      for (let i = list.length - 1; i >= 0 && list[i] > at - r.windowMs; i--) n++;
      return n >= r.limit;
    });
  const prune = (list, at) => {
    let drop = 0;
    while (drop < list.length && list[drop] <= at - longest) drop++;
    if (drop > 0) list.splice(0, drop);
  };

  const server = http.createServer((req, res) => {
    const at = Date.now(); // when the request arrived, as Teams counts
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      const match = ACTIVITIES.exec(req.url ?? '');
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: req.url } }));
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const conversationId = decodeURIComponent(match[1]);
      let status = req.method === 'POST' ? 201 : 200;
      if (limits) {
        let list = arrivals.get(conversationId);
        if (!list) arrivals.set(conversationId, (list = []));
        const refused =
          over(list, limits.perConversation, at) || over(tenant, limits.perTenant, at);
        list.push(at);
        tenant.push(at);
        prune(list, at);
        prune(tenant, at);
        if (refused) status = 429;
      }
      const record = {
        at,
        method: req.method,
        conversationId,
        status,
        resultId: null,
        bytes: text.length,
        hasCard: text.includes('application/vnd.microsoft.card.adaptive'),
        alertIds: [...new Set([...text.matchAll(/"alertId":"([^"]+)"/g)].map((m) => m[1]))],
      };
      if (options.keepBodies) record.body = text;
      requests.push(record);
      const headers = { 'content-type': 'application/json' };
      if (status === 429 && options.retryAfter != null)
        headers['retry-after'] = String(options.retryAfter);
      res.writeHead(status, headers);
      if (status >= 300) {
        res.end(JSON.stringify({ error: { code: `Http${status}`, message: 'stub says no' } }));
        return;
      }
      record.resultId = req.method === 'PUT' ? (match[2] ?? '') : `1:stub-${++seq}`;
      res.end(JSON.stringify({ id: record.resultId }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    delivered: () => requests.filter((r) => r.method === 'POST' && r.status < 300),
    maxInWindow: (windowMs, o) => maxInWindow(requests, windowMs, o),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Most arrivals any conversation (or, with `tenantWide`, all together) got within `windowMs`. */
function maxInWindow(requests, windowMs, { accepted = false, tenantWide = false } = {}) {
  const groups = new Map();
  for (const r of requests) {
    if (accepted && r.status >= 300) continue;
    const key = tenantWide ? '' : r.conversationId;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r.at);
  }
  let max = 0;
  for (const list of groups.values()) {
    list.sort((a, b) => a - b);
    for (let i = 0, j = 0; j < list.length; j++) {
      while (list[j] - list[i] >= windowMs) i++;
      max = Math.max(max, j - i + 1);
    }
  }
  return max;
}

/**
 * The stub in a process of its own, so that it stamps arrivals on its own clock and event loop,
 * as Teams does, not on those of the process it is measuring. `requests()` fetches its records.
 */
function startStubProcess(options = {}) {
  const child = fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m.value);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`stub connector exited (${code})`)));
    });
  const started = next('started');
  child.send({ type: 'start', options });
  return started.then((url) => ({
    url,
    pid: child.pid,
    requests() {
      const answer = next('requests');
      child.send({ type: 'requests' });
      return answer;
    },
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  }));
}

if (require.main === module && process.argv.includes('--serve')) {
  let stub;
  process.on('disconnect', () => process.exit(0)); // the benchmark went away
  process.on('message', (m) => {
    if (m.type === 'start')
      startStubConnector(m.options).then((s) => {
        stub = s;
        process.send({ type: 'started', value: s.url });
      });
    else if (m.type === 'requests') process.send({ type: 'requests', value: stub.requests });
    else if (m.type === 'close') void stub.close().then(() => process.exit(0));
  });
}

module.exports = { startStubConnector, startStubProcess, maxInWindow };

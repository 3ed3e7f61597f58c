/**
 * A Bot Connector service on 127.0.0.1 for the benchmarks (a lighter twin of
 * test/support/stub-connector.ts): answers POST /v3/conversations/{id}/activities[/{replyTo}]
 * with 201 {id} and PUT …/activities/{id} with 200. With `limits`, it enforces Teams' send
 * limits as Teams does, counting every arrival (refused ones too) and answering 429 past them.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface StubLimits {
  perConversation: WindowRule[];
  perTenant: WindowRule[];
}

export interface StubOptions {
  limits?: StubLimits | null;
  /** Seconds, sent as Retry-After with a 429. */
  retryAfter?: number | null;
  keepBodies?: boolean;
}

/** One request as the stub saw it. */
export interface StubRecord {
  at: number;
  method: string;
  conversationId: string;
  status: number;
  resultId: string | null;
  bytes: number;
  hasCard: boolean;
  alertIds: string[];
  body?: string;
}

/** Arrivals per conversation and for the tenant (one tenant in the benchmarks), Teams' way. */
function limiter(limits: StubLimits) {
  const longest = Math.max(
    0,
    ...[...limits.perConversation, ...limits.perTenant].map((r) => r.windowMs),
  );
  const arrivals = new Map<string, number[]>();
  const tenant: number[] = [];
  const over = (list: number[], rules: WindowRule[], at: number) =>
    rules.some((r) => {
      let n = 0;
      for (let i = list.length - 1; i >= 0 && (list[i] ?? 0) > at - r.windowMs; i--) n++;
      return n >= r.limit;
    });
  const prune = (list: number[], at: number) => {
    let drop = 0;
    while (drop < list.length && (list[drop] ?? 0) <= at - longest) drop++;
    if (drop > 0) list.splice(0, drop);
  };
  /** Counts the arrival; true when it is past a limit. */
  return (conversationId: string, at: number): boolean => {
    let list = arrivals.get(conversationId);
    if (!list) arrivals.set(conversationId, (list = []));
    const refused = over(list, limits.perConversation, at) || over(tenant, limits.perTenant, at);
    list.push(at);
    tenant.push(at);
    prune(list, at);
    prune(tenant, at);
    return refused;
  };
}

export async function startStubConnector(options: StubOptions = {}) {
  const refuse = options.limits ? limiter(options.limits) : () => false;
  const requests: StubRecord[] = [];
  let seq = 0;
  const answer = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    text: string,
    at: number,
  ) => {
    const match = ACTIVITIES.exec(req.url ?? '');
    if (!match || !match[1] || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound', message: req.url } }));
      return;
    }
    const conversationId = decodeURIComponent(match[1]);
    let status = req.method === 'POST' ? 201 : 200;
    if (refuse(conversationId, at)) status = 429;
    const record: StubRecord = {
      at,
      method: req.method,
      conversationId,
      status,
      resultId: null,
      bytes: text.length,
      hasCard: text.includes('application/vnd.microsoft.card.adaptive'),
      alertIds: [...new Set([...text.matchAll(/"alertId":"([^"]+)"/g)].map((m) => m[1] ?? ''))],
    };
    if (options.keepBodies) record.body = text;
    requests.push(record);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (status === 429 && options.retryAfter != null)
      headers['retry-after'] = String(options.retryAfter);
    res.writeHead(status, headers);
    if (status >= 300) {
      res.end(JSON.stringify({ error: { code: `Http${status}`, message: 'stub says no' } }));
      return;
    }
    record.resultId = req.method === 'PUT' ? (match[2] ?? '') : `1:stub-${++seq}`;
    res.end(JSON.stringify({ id: record.resultId }));
  };
  const server = http.createServer((req, res) => {
    const at = Date.now(); // when the request arrived, as Teams counts
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8'), at));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    delivered: () => requests.filter((r) => r.method === 'POST' && r.status < 300),
    maxInWindow: (windowMs: number, o?: WindowOptions) => maxInWindow(requests, windowMs, o),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface WindowOptions {
  accepted?: boolean;
  tenantWide?: boolean;
}

/** Most arrivals any conversation (or, with `tenantWide`, all together) got within `windowMs`. */
export function maxInWindow(
  requests: readonly StubRecord[],
  windowMs: number,
  { accepted = false, tenantWide = false }: WindowOptions = {},
): number {
  const groups = new Map<string, number[]>();
  for (const r of requests) {
    if (accepted && r.status >= 300) continue;
    const key = tenantWide ? '' : r.conversationId;
    const list = groups.get(key) ?? [];
    groups.set(key, list);
    list.push(r.at);
  }
  let max = 0;
  for (const list of groups.values()) {
    list.sort((a, b) => a - b);
    for (let i = 0, j = 0; j < list.length; j++) {
      while ((list[j] ?? 0) - (list[i] ?? 0) >= windowMs) i++;
      max = Math.max(max, j - i + 1);
    }
  }
  return max;
}

/** Messages between the stub's process and the benchmark's. */
type ToStub = { type: 'start'; options: StubOptions } | { type: 'requests' } | { type: 'close' };
type FromStub = { type: 'started'; value: string } | { type: 'requests'; value: StubRecord[] };

export interface StubProcess {
  url: string;
  pid: number | undefined;
  requests(): Promise<StubRecord[]>;
  close(): Promise<void>;
}

/**
 * The stub in a process of its own, so that it stamps arrivals on its own clock and event loop,
 * as Teams does, not on those of the process it is measuring. `requests()` fetches its records.
 */
export async function startStubProcess(options: StubOptions = {}): Promise<StubProcess> {
  const child = fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const send = (m: ToStub) => child.send(m);
  function next(type: 'started'): Promise<string>;
  function next(type: 'requests'): Promise<StubRecord[]>;
  function next(type: FromStub['type']): Promise<FromStub['value']> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromStub) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m.value);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`stub connector exited (${code})`)));
    });
  }
  const started = next('started');
  send({ type: 'start', options });
  const url = await started;
  return {
    url,
    pid: child.pid,
    requests() {
      const answer = next('requests');
      send({ type: 'requests' });
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        send({ type: 'close' });
      }),
  };
}

/** The stub's own process: started by startStubProcess, driven by its messages. */
function serve(): void {
  let stub: Awaited<ReturnType<typeof startStubConnector>> | undefined;
  const reply = (m: FromStub) => process.send?.(m);
  process.on('disconnect', () => process.exit(0)); // the benchmark went away
  process.on('message', (m: ToStub) => {
    if (m.type === 'start')
      void startStubConnector(m.options).then((s) => {
        stub = s;
        reply({ type: 'started', value: s.url });
      });
    else if (m.type === 'requests') reply({ type: 'requests', value: stub?.requests ?? [] });
    else if (m.type === 'close')
      void (stub?.close() ?? Promise.resolve()).then(() => process.exit(0));
  });
}

if (require.main === module && process.argv.includes('--serve')) serve();

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimCertificate } from './tls';

/** What a fault does to a request it matches. */
export type FaultAction =
  /** Answer with this status (the simulator's own error body), with Retry-After if given. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Wait this long, then answer normally (a slow server; a client may time out first). */
  | { kind: 'delay'; ms: number }
  /** Close the connection without an answer. */
  | { kind: 'drop' }
  /**
   * Answer with this body instead (JSON unless a string), status 200 unless given: a page of an
   * unexpected shape, for tests of what a client does with it.
   */
  | { kind: 'body'; body: unknown; status?: number; contentType?: string };

/** A fault for the next `remaining` requests that match `route` and `page` (both optional). */
export interface FaultRule {
  /** Route name, e.g. 'token', 'managedDevices', 'computers'; any route when absent. */
  route?: string;
  /** 0-based page of a listing; any page when absent. */
  page?: number;
  /** Matching requests still to fault; `Infinity` faults every one. */
  remaining: number;
  action: FaultAction;
}

export interface RequestLogEntry {
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** The request-id the simulator gave it (Graph sends it back as a header). */
  requestId: string;
  method: string;
  path: string;
  query: string;
  route: string;
  page?: number;
  /** 0 when no answer was sent (dropped, or the client went away first). */
  status: number;
  ms: number;
}

/** Fault settings and the request log: tests read and change these while a server runs. */
export interface SimTraffic {
  faults: FaultRule[];
  log: RequestLogEntry[];
  inFlight: number;
  maxInFlight: number;
}

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  requestId: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is already a string. */
  body?: unknown;
}

export interface ResolvedRoute {
  route: string;
  page?: number;
  handle(): SimResponse;
}

export interface SimServerSpec {
  traffic: SimTraffic;
  resolve(request: SimRequest): ResolvedRoute;
  /** The simulator's own error body for an injected status fault. */
  faultBody(status: number, request: SimRequest): SimResponse;
  /** Headers added to every answer (e.g. Graph's request-id). */
  commonHeaders?(request: SimRequest): Record<string, string>;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function newTraffic(): SimTraffic {
  return { faults: [], log: [], inFlight: 0, maxInFlight: 0 };
}

/** Starts an https server on 127.0.0.1 (port 0 = any free port) that logs and faults requests. */
export async function startSimServer(
  spec: SimServerSpec,
  tls: SimCertificate,
  port = 0,
): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    void serve(spec, req, res, sleep);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  spec: SimServerSpec,
  req: IncomingMessage,
  res: ServerResponse,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  const started = Date.now();
  const { traffic } = spec;
  traffic.inFlight++;
  traffic.maxInFlight = Math.max(traffic.maxInFlight, traffic.inFlight);
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const requestId = randomUUID();
  const entry: RequestLogEntry = {
    at: started,
    requestId,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search,
    route: 'unknown',
    status: 0,
    ms: 0,
  };
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    traffic.inFlight--;
    entry.ms = Date.now() - started;
    traffic.log.push(entry);
  };
  res.on('close', finish);

  const request: SimRequest = {
    method: entry.method,
    url,
    headers: req.headers,
    body: await readBody(req),
    requestId,
  };
  const resolved = spec.resolve(request);
  entry.route = resolved.route;
  if (resolved.page !== undefined) entry.page = resolved.page;

  const fault = takeFault(traffic.faults, resolved);
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'delay') await sleep(fault.ms);
  if (res.destroyed || req.socket.destroyed) return; // the client gave up waiting

  let answer: SimResponse;
  if (fault?.kind === 'body') {
    const headers = fault.contentType ? { 'Content-Type': fault.contentType } : undefined;
    answer = { status: fault.status ?? 200, headers, body: fault.body };
  } else if (fault?.kind === 'status') {
    answer = spec.faultBody(fault.status, request);
    if (fault.retryAfterSeconds !== undefined) {
      answer = {
        ...answer,
        headers: { ...answer.headers, 'Retry-After': String(fault.retryAfterSeconds) },
      };
    }
  } else {
    answer = resolved.handle();
  }
  entry.status = answer.status;
  send(res, answer, spec.commonHeaders?.(request) ?? {});
}

/** The first rule that matches uses up one of its requests. */
function takeFault(rules: FaultRule[], resolved: ResolvedRoute): FaultAction | undefined {
  const rule = rules.find(
    (r) =>
      r.remaining > 0 &&
      (r.route === undefined || r.route === resolved.route) &&
      (r.page === undefined || r.page === resolved.page),
  );
  if (!rule) return undefined;
  rule.remaining--;
  return rule.action;
}

function send(res: ServerResponse, answer: SimResponse, common: Record<string, string>): void {
  const isText = typeof answer.body === 'string';
  const body =
    answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
  const headers: Record<string, string> = { ...common, ...answer.headers };
  if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = isText
      ? 'text/plain; charset=utf-8'
      : 'application/json; charset=utf-8';
  }
  res.writeHead(answer.status, headers);
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

/** The bearer token of a request, or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

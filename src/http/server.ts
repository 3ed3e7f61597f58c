import http from 'node:http';
import type { Logger } from '../log';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/**
 * The HTTP front door: /healthz now, the bot's /api/messages later. Plain node:http keeps the
 * surface small; each route is a function registered by the composition root.
 */
export function createHttpServer(routes: Record<string, Route>, log: Logger): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    // Exact routes, then prefix routes (registered with a trailing slash, e.g. "/downloads/").
    const route =
      routes[path] ??
      Object.entries(routes).find(([p]) => p.endsWith('/') && path.startsWith(p))?.[1];
    if (!route) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    Promise.resolve(route(req, res)).catch((e: unknown) => {
      log.error({ err: e, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    });
  });
  // A client that trickles its headers or body is cut off instead of holding a socket for the
  // five minutes Node allows by default.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  return server;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** `host` undefined: every interface; local mode passes 127.0.0.1 so nothing outside can call. */
export function listen(server: http.Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

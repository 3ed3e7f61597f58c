import http from 'node:http';
import type { Logger } from '../log';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/**
 * The HTTP front door: /healthz now, the bot's /api/messages later. Plain node:http keeps the
 * surface small; each route is a function registered by the composition root.
 */
export function createHttpServer(routes: Record<string, Route>, log: Logger): http.Server {
  return http.createServer((req, res) => {
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
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve((server.address() as { port: number }).port));
  });
}

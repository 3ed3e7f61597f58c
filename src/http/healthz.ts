import type http from 'node:http';
import type { Database } from '../db/database';
import { sendJson, type Route } from './server';

/** A health check answers within 3 s even when the database hangs: a load balancer waits less. */
const PING_TIMEOUT_MS = 2_500;

/**
 * GET /healthz: 200 when the database answers a ping (and its indexes are in place), 503 when it
 * does not, so a load balancer takes a replica that lost its database out of rotation. Anyone
 * may ask, so the answer says status and kind only; the connection details (masked URI,
 * database name, error) are for a caller on this machine.
 */
export function healthzRoute(db: Database, startedAt: Date): Route {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'GET or HEAD only' });
    }
    const local = fromLoopback(req);
    const database = local
      ? {
          kind: db.info.kind,
          uri: db.info.uri,
          name: db.info.name,
          persistent: db.info.persistent,
        }
      : { kind: db.info.kind };
    try {
      await db.db.command({ ping: 1 }, { timeoutMS: PING_TIMEOUT_MS });
      // A server that came back empty gets its unique indexes before it is called healthy.
      if (db.indexes.pending) await withDeadline(db.indexes.ready(), PING_TIMEOUT_MS);
      const details = local ? { startedAt: startedAt.toISOString() } : {};
      sendJson(res, 200, { status: 'ok', database, ...details });
    } catch (e) {
      const details = local ? { error: (e as Error).message } : {};
      sendJson(res, 503, { status: 'database unavailable', database, ...details });
    }
  };
}

function fromLoopback(req: http.IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  // A proxy in front of us connects from loopback too: what it forwards is not local.
  if (req.headers['x-forwarded-for'] || req.headers.forwarded) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`indexes not ready within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

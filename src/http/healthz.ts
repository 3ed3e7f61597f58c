import type { Database } from '../db/database';
import { sendJson, type Route } from './server';

/**
 * GET /healthz: 200 with the database in use when it answers a ping, 503 when it does not, so a
 * load balancer takes a replica that lost its database out of rotation.
 */
export function healthzRoute(db: Database, startedAt: Date): Route {
  return async (_req, res) => {
    const database = {
      kind: db.info.kind,
      uri: db.info.uri,
      name: db.info.name,
      persistent: db.info.persistent,
    };
    try {
      await db.db.command({ ping: 1 });
      sendJson(res, 200, { status: 'ok', database, startedAt: startedAt.toISOString() });
    } catch (e) {
      sendJson(res, 503, { status: 'database unavailable', database, error: (e as Error).message });
    }
  };
}

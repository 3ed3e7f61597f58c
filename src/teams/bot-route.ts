import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { DaichoAdapter } from './adapter';
import { classifyAuthFailure, precheckToken, type AuthRefusal } from './request-auth';
import type { Logger } from '../log';
import { readBody } from '../http/request-body';
import { sendJson, type Route } from '../http/server';

/**
 * POST /api/messages: the Bot Framework endpoint. Every answer is terse and every failure is
 * logged once through the structured log: 400 for a body that is not an activity, 401 for any
 * authentication failure, 413 over the body limit, 503 when the signing keys cannot be fetched,
 * 500 (with a correlation id, never the error's text) when a turn fails outside the bot's own
 * error handler.
 */
export function botRoute(
  adapter: DaichoAdapter,
  logic: (context: TurnContext) => Promise<void>,
  log: Logger,
  options: { authenticated: boolean },
): Route {
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: 'POST only' });
    }
    const read = await readBody(req);
    if (read.kind === 'aborted') return;
    if (read.kind !== 'ok') {
      if (read.kind === 'too-large-close') res.setHeader('connection', 'close');
      log.warn(
        { status: 413, ip: req.socket.remoteAddress },
        'bot request refused: body too large',
      );
      return sendJson(res, 413, { error: 'request body too large' });
    }
    const activity = parseActivity(read.body);
    if (!activity) return sendJson(res, 400, { error: 'the body is not a Bot Framework activity' });

    const authHeader = headerOf(req, 'authorization');
    const refused = options.authenticated ? precheckToken(authHeader) : undefined;
    if (refused) return refuse(res, refused, req, log);
    let auth;
    try {
      auth = await adapter.authenticate(activity, authHeader ?? '');
    } catch (e) {
      return refuse(res, classifyAuthFailure(e), req, log);
    }

    try {
      const invoke = await adapter.runTurn(auth, activity, logic);
      if (invoke) sendJson(res, invoke.status, invoke.body ?? {});
      else {
        res.writeHead(200);
        res.end();
      }
    } catch (e) {
      const correlationId = randomUUID();
      log.error({ err: e, correlationId, activityType: activity.type }, 'bot turn failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', correlationId });
    }
  };
}

function refuse(
  res: http.ServerResponse,
  refusal: AuthRefusal,
  req: http.IncomingMessage,
  log: Logger,
): void {
  log.warn(
    { status: refusal.status, reason: refusal.reason, ip: req.socket.remoteAddress },
    refusal.status === 401
      ? 'bot request refused: authentication failed'
      : 'bot request refused: signing keys unavailable',
  );
  if (refusal.status === 503) res.setHeader('retry-after', '30');
  sendJson(res, refusal.status, {
    error: refusal.status === 401 ? 'unauthorized' : 'authentication temporarily unavailable',
  });
}

function headerOf(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The activity envelope botbuilder needs (an object with a type), with its timestamps as Dates
 * as botbuilder's own validator leaves them; anything else is refused before it reaches the bot.
 */
function parseActivity(body: Buffer): Activity | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const activity = parsed as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field]);
    }
  }
  return isActivity(activity) ? activity : undefined;
}

/** Has what botbuilder reads first: a non-empty `type` (the rest is read field by field). */
function isActivity(value: Record<string, unknown>): value is Record<string, unknown> & Activity {
  return typeof value.type === 'string' && value.type.length > 0;
}

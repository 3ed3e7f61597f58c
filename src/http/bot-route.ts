import type http from 'node:http';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import { sendJson, type Route } from './server';

const MAX_BODY = 1024 * 1024;

/**
 * POST /api/messages: the Bot Framework endpoint. The adapter wants an express-like request
 * (parsed body) and response (status / header / send / end); this shim gives it node:http's.
 */
export function botRoute(
  adapter: TeamsAdapter,
  logic: (context: TurnContext) => Promise<void>,
  log: Logger,
): Route {
  return async (req, res) => {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'POST only' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      sendJson(res, 400, { error: `invalid JSON body: ${(e as Error).message}` });
      return;
    }
    const shim = responseShim(res);
    await adapter
      .process(
        { body: body as Record<string, unknown>, headers: req.headers, method: 'POST' },
        shim,
        logic,
      )
      .catch((e: unknown) => {
        log.error({ err: e }, 'bot turn failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
    if (!res.writableEnded) shim.end();
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function responseShim(res: http.ServerResponse) {
  let status = 200;
  let payload: unknown;
  const shim = {
    socket: res.socket,
    status(code: number) {
      status = code;
      return shim;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return shim;
    },
    send(body?: unknown) {
      payload = body;
      return shim;
    },
    end() {
      if (res.writableEnded) return shim;
      if (payload === undefined) {
        res.writeHead(status);
        res.end();
      } else if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        res.writeHead(status);
        res.end(payload);
      } else sendJson(res, status, payload);
      return shim;
    },
  };
  return shim;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made, as the stub saw it. */
export interface StubRequest {
  /** Arrival time (Date.now()), which is what Teams' limits count. */
  at: number;
  method: 'POST' | 'PUT';
  conversationId: string;
  /** POST: the activity replied to, when the adapter posts as a reply; PUT: the one replaced. */
  activityId: string | null;
  status: number;
  /** The Retry-After (seconds) the stub answered with, if any. */
  retryAfter: number | null;
  /** Set on 2xx: the id the stub gave the new message (POST) or the updated one (PUT). */
  resultId: string | null;
  body: { text?: string; summary?: string; attachments?: { content?: unknown }[] };
  /** The alert ids found in the card's buttons (alert cards carry them; digests do not). */
  alertIds: string[];
}

export interface StubAnswer {
  status: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

export interface StubOptions {
  /** Teams' first per-conversation limit: past it the stub answers 429. Default 7 per 1 s. */
  perConversation?: { limit: number; windowMs: number };
  /** Retry-After on its own 429s; null = none (Teams sometimes sends none). Default null. */
  retryAfter?: number | null;
}

export interface StubConnector {
  /** The serviceUrl to put in conversation references. */
  url: string;
  requests: StubRequest[];
  /** Answer the next `count` requests with this status (then normally again). */
  failNext(count: number, answer: StubAnswer): void;
  /** A rule checked for every request; return an answer to override the normal one. */
  rule: ((req: StubRequest) => StubAnswer | undefined) | null;
  /** Teams teams and their members' ids, for TeamsInfo.getTeamMember (GET …/members/{id}). */
  teams: Record<string, string[]>;
  /** Successful POSTs: the messages that reached a conversation. */
  delivered(): StubRequest[];
  /** Most requests any conversation got in a window of `windowMs` (arrival times). */
  maxInWindow(windowMs: number): number;
  reset(): void;
  close(): Promise<void>;
}

const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)/;
const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

/**
 * A Bot Connector service on 127.0.0.1 that answers the calls botbuilder's CloudAdapter makes
 * for proactive messages: POST /v3/conversations/{id}/activities[/{replyToId}] → {id} and
 * PUT /v3/conversations/{id}/activities/{activityId}. It enforces Teams' per-conversation
 * limit (429 past 7 a second), records every request, and can be told to fail.
 */
export async function startStubConnector(options: StubOptions = {}): Promise<StubConnector> {
  const limit = options.perConversation ?? { limit: 7, windowMs: 1000 };
  const requests: StubRequest[] = [];
  const forced: StubAnswer[] = [];
  let seq = 0;

  const server = http.createServer((req, res) => {
    const at = Date.now(); // when the request arrived, not when its body was read
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const member = MEMBER.exec(req.url ?? '');
      if (member && req.method === 'GET') {
        const [teamId, userId] = [member[1], member[2]].map(decodeURIComponent);
        const found = stub.teams[teamId]?.includes(userId);
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            found
              ? { id: userId, name: userId, aadObjectId: userId }
              : { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } },
          ),
        );
        return;
      }
      const match = ACTIVITIES.exec(req.url ?? '');
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: req.url } }));
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text ? JSON.parse(text) : {}) as StubRequest['body'];
      const conversationId = decodeURIComponent(match[1]);
      const record: StubRequest = {
        at,
        method: req.method,
        conversationId,
        activityId: match[2] ? decodeURIComponent(match[2]) : null,
        status: 0,
        retryAfter: null,
        resultId: null,
        body,
        alertIds: [...new Set([...text.matchAll(/"alertId":"([^"]+)"/g)].map((m) => m[1]))],
      };
      // Every arrival counts against the limit, refused ones included, as in Teams.
      const recent = requests.filter(
        (r) => r.conversationId === conversationId && r.at > at - limit.windowMs,
      ).length;
      const answer: StubAnswer =
        forced.shift() ??
        stub.rule?.(record) ??
        (recent >= limit.limit
          ? { status: 429, retryAfter: options.retryAfter ?? undefined }
          : { status: record.method === 'POST' ? 201 : 200 });
      record.status = answer.status;
      record.retryAfter = answer.retryAfter ?? null;
      requests.push(record);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
      res.writeHead(answer.status, headers);
      if (answer.status >= 300) {
        res.end(
          JSON.stringify({ error: { code: `Http${answer.status}`, message: 'stub says no' } }),
        );
        return;
      }
      record.resultId =
        record.method === 'PUT' ? (record.activityId ?? '') : `1:stub-${String(++seq)}`;
      res.end(JSON.stringify({ id: record.resultId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const stub: StubConnector = {
    url: `http://127.0.0.1:${port}/`,
    requests,
    teams: {},
    rule: null,
    failNext(count, answer) {
      for (let i = 0; i < count; i++) forced.push(answer);
    },
    delivered: () => requests.filter((r) => r.method === 'POST' && r.status < 300),
    maxInWindow(windowMs) {
      let max = 0;
      const byConversation = new Map<string, number[]>();
      for (const r of requests) {
        const list = byConversation.get(r.conversationId) ?? [];
        list.push(r.at);
        byConversation.set(r.conversationId, list);
      }
      for (const list of byConversation.values()) {
        list.sort((a, b) => a - b);
        for (let i = 0, j = 0; j < list.length; j++) {
          while (list[j] - list[i] >= windowMs) i++;
          max = Math.max(max, j - i + 1);
        }
      }
      return max;
    },
    reset() {
      requests.length = 0;
      forced.length = 0;
      stub.rule = null;
      stub.teams = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return stub;
}

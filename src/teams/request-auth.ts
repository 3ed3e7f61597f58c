import { AuthenticationError } from 'botframework-connector';

/** The only algorithm the Bot Framework signs its tokens with. */
const BOT_FRAMEWORK_ALG = 'RS256';

export type AuthRefusal = { status: 401 | 503; reason: string };

/**
 * What can be refused from the Authorization header alone, before any key or metadata lookup:
 * no bearer token, a token that is not a JWT, or one signed with another algorithm (`none`,
 * HS256 …) — none of those can be a Bot Framework token, and none should make the server fetch
 * signing keys. Returns undefined when the token is worth verifying.
 */
export function precheckToken(header: string | undefined): AuthRefusal | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(header ?? '');
  if (!match) return { status: 401, reason: header ? 'not a bearer JWT' : 'no token' };
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as { alg?: unknown })
      .alg;
  } catch {
    return { status: 401, reason: 'unreadable token header' };
  }
  if (alg !== BOT_FRAMEWORK_ALG) {
    return { status: 401, reason: `token algorithm ${String(alg).slice(0, 16)} is not RS256` };
  }
  if (!match[3]) return { status: 401, reason: 'unsigned token' };
  return undefined;
}

/**
 * A failed token validation as an HTTP answer: the signing keys could not be fetched → 503 (our
 * side or Microsoft's is down; the channel retries), anything else → 401.
 */
export function classifyAuthFailure(e: unknown): AuthRefusal {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof AuthenticationError && e.statusCode === 500)
    return { status: 503, reason: `signing keys unavailable: ${message}` };
  // node-fetch's FetchError and socket errors: the metadata request itself failed.
  const name = (e as { name?: unknown } | null)?.name;
  const code = (e as { code?: unknown } | null)?.code;
  if (name === 'FetchError' || (typeof code === 'string' && /^E[A-Z]+$/.test(code)))
    return { status: 503, reason: `signing keys unavailable: ${message}` };
  return { status: 401, reason: message.slice(0, 200) };
}

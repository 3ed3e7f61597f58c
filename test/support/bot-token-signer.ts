import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework's token service: it publishes OpenID metadata and a JWKS on
 * 127.0.0.1 (what BOT_OPENID_METADATA_URL points the server at) and signs RS256 tokens the way
 * the Bot Connector does, so the server's real botbuilder validation runs end to end offline.
 */
export interface TokenSigner {
  metadataUrl: string;
  /** A channel token for `appId`, with claims overridden by `claims`. */
  token(appId: string, serviceUrl: string, claims?: Record<string, unknown>): string;
  /** The same claims signed by a key the metadata does not publish (under the published kid). */
  forgedToken(appId: string, serviceUrl: string): string;
  /** How many times the metadata or keys were fetched. */
  fetches(): number;
  close(): Promise<void>;
}

const KID = 'daicho-test-key';

export async function startTokenSigner(): Promise<TokenSigner> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' });
  let fetches = 0;
  const server = http.createServer((req, res) => {
    fetches++;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/keys'
        ? {
            keys: [
              { kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] },
            ],
          }
        : { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const make = (key: KeyObject, appId: string, serviceUrl: string, claims = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: KID };
    const payload = {
      iss: 'https://api.botframework.com',
      aud: appId,
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
      ...claims,
    };
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const data = `${part(header)}.${part(payload)}`;
    return `${data}.${sign('RSA-SHA256', Buffer.from(data), key).toString('base64url')}`;
  };
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openidconfiguration`,
    token: (appId, serviceUrl, claims) => make(privateKey, appId, serviceUrl, claims),
    forgedToken: (appId, serviceUrl) => make(other, appId, serviceUrl),
    fetches: () => fetches,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

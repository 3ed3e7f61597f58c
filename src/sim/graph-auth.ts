import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SimRequest, SimResponse } from './sim-http';

/** The app registration the simulated Entra ID tenant knows. */
export interface GraphTenantSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Application permissions granted (with admin consent) to the app. */
  roles: string[];
  tokenLifetimeSeconds: number;
  /** The secret is right but past its end date: Entra ID then refuses it with AADSTS7000222. */
  secretExpired?: boolean;
}

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  tid: string;
  roles: string[];
}

/** Signs and checks the simulator's own access tokens (HS256 with a per-start key). */
export class TokenSigner {
  private readonly key = randomBytes(32);

  sign(claims: AccessTokenClaims): string {
    const head = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'daicho-sim' }));
    const body = base64url(JSON.stringify(claims));
    return `${head}.${body}.${this.mac(`${head}.${body}`)}`;
  }

  /** The claims of a token this signer issued, or undefined if it is forged or malformed. */
  verify(token: string): AccessTokenClaims | undefined {
    const [head, body, mac] = token.split('.');
    if (!head || !body || !mac) return undefined;
    const expected = Buffer.from(this.mac(`${head}.${body}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessTokenClaims;
  }

  private mac(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** GET /{tenant}/v2.0/.well-known/openid-configuration, as MSAL reads it before a token. */
export function openIdConfiguration(
  base: string,
  tenant: string,
  s: GraphTenantSettings,
): SimResponse {
  if (tenant !== s.tenantId) {
    return aadError(400, 'invalid_tenant', 90002, unknownTenantText(tenant));
  }
  const root = `${base}/${tenant}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${root}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'private_key_jwt',
        'client_secret_basic',
      ],
      jwks_uri: `${root}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/${s.tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${root}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'tid', 'oid'],
      tenant_region_scope: 'AS',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    },
  };
}

/** POST /{tenant}/oauth2/v2.0/token with the client credentials grant (secret or assertion). */
export function issueToken(
  request: SimRequest,
  tenant: string,
  s: GraphTenantSettings,
  signer: TokenSigner,
): SimResponse {
  if (tenant !== s.tenantId)
    return aadError(400, 'invalid_request', 90002, unknownTenantText(tenant));
  const form = new URLSearchParams(request.body);
  if (form.get('grant_type') !== 'client_credentials') {
    return aadError(
      400,
      'unsupported_grant_type',
      70003,
      'The app requested an unsupported grant type.',
    );
  }
  const clientId = form.get('client_id') ?? '';
  if (clientId !== s.clientId) {
    return aadError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    );
  }
  if (!hasValidClientProof(form, s)) {
    return aadError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${s.clientId}'.`,
    );
  }
  if (s.secretExpired && form.has('client_secret')) {
    return aadError(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${s.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
  const scope = form.get('scope') ?? '';
  const resource = /^(\S+)\/\.default$/.exec(
    scope.split(' ').find((x) => x.endsWith('/.default')) ?? '',
  );
  if (!resource) {
    return aadError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const now = Math.floor(Date.now() / 1000);
  const claims: AccessTokenClaims = {
    aud: resource[1],
    iss: `https://sts.windows.net/${s.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + s.tokenLifetimeSeconds,
    appid: s.clientId,
    tid: s.tenantId,
    roles: [...s.roles],
  };
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: s.tokenLifetimeSeconds,
      ext_expires_in: s.tokenLifetimeSeconds,
      access_token: signer.sign(claims),
    },
  };
}

/**
 * A secret must match exactly. A certificate's signed assertion is accepted when it names the
 * app: the simulator does not keep the app's public key, and the point is to exercise the flow.
 */
function hasValidClientProof(form: URLSearchParams, s: GraphTenantSettings): boolean {
  const secret = form.get('client_secret');
  if (secret !== null) return secret === s.clientSecret;
  const assertion = form.get('client_assertion');
  if (!assertion) return false;
  try {
    const claims = JSON.parse(
      Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString(),
    ) as {
      iss?: string;
      sub?: string;
    };
    return claims.iss === s.clientId && claims.sub === s.clientId;
  } catch {
    return false;
  }
}

function unknownTenantText(tenant: string): string {
  return `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
}

/** Entra ID's OAuth error body (not Graph's ODataError). */
export function aadError(status: number, error: string, code: number, text: string): SimResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    headers: { 'x-ms-request-id': traceId },
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** What the self-test reads from an Entra ID access token. */
export interface AccessTokenFacts {
  /** The tenant that issued it. */
  tenantId?: string;
  /** The application (client) id it was issued to. */
  appId?: string;
  /** Application permissions with admin consent; Entra ID leaves the claim out when none. */
  roles: string[];
}

/**
 * The payload of our own freshly issued token. The signature is not checked: the token came
 * straight from the token endpoint over TLS, and Graph checks it anyway; this only looks at
 * what Entra ID put in it. Undefined when it is not a JWT (Graph's tokens always are).
 */
export function readAccessToken(token: string): AccessTokenFacts | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((r): r is string => typeof r === 'string')
    : [];
  // v1.0 tokens (Graph's) name the app `appid`, v2.0 tokens `azp`.
  return { tenantId: text(claims.tid), appId: text(claims.appid) ?? text(claims.azp), roles };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True when the token belongs to another tenant than the configured one. Only a configured GUID
 * can be compared: a domain name (contoso.onmicrosoft.com) stands for a GUID we do not know.
 */
export function isOtherTenant(configured: string, tokenTenantId: string | undefined): boolean {
  if (!tokenTenantId || !GUID.test(configured)) return false;
  return configured.toLowerCase() !== tokenTenantId.toLowerCase();
}

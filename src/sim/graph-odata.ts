import type { TokenSigner } from './graph-auth';
import { bearerToken, type SimRequest, type SimResponse } from './sim-http';

/** The Content-Type Graph answers JSON with. */
export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** One entry of `error.details`, as Entra ID adds it to conflicts (e.g. ObjectConflict). */
export interface ODataErrorDetail {
  code: string;
  message: string;
  target?: string;
}

/** Graph's ODataError; innerError.date has no UTC offset, as real responses do. */
export function odataError(
  status: number,
  code: string,
  message: string,
  request: SimRequest,
  details?: ODataErrorDetail[],
): SimResponse {
  return {
    status,
    headers: status === 401 ? { 'WWW-Authenticate': 'Bearer realm="", error="invalid_token"' } : {},
    body: {
      error: {
        code,
        message,
        ...(details ? { details } : {}),
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': request.requestId,
          'client-request-id': String(request.headers['client-request-id'] ?? request.requestId),
        },
      },
    },
  };
}

/** A 200 (or 201) JSON answer with Graph's content type. */
export function graphJson(body: unknown, status = 200): SimResponse {
  return { status, headers: { 'Content-Type': GRAPH_JSON }, body };
}

/** What a route demands of the caller's token. */
export interface AccessRule {
  tenantId: string;
  /** Any one of these application permissions is enough. */
  roles: readonly string[];
  /** The 403 message: Intune and the directory word it differently. */
  deniedMessage: string;
}

/**
 * The 401/403 answer for a request whose token is missing, forged, expired, from another tenant
 * or without any of the roles; undefined when the caller may go on. Graph checks this on arrival.
 */
export function checkAccess(
  request: SimRequest,
  signer: TokenSigner,
  rule: AccessRule,
): SimResponse | undefined {
  const token = bearerToken(request.headers);
  if (!token)
    return odataError(401, 'InvalidAuthenticationToken', 'Access token is empty.', request);
  const claims = signer.verify(token);
  if (!claims || claims.tid !== rule.tenantId) {
    return odataError(
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid signature.',
      request,
    );
  }
  if (claims.exp * 1000 <= Date.now()) {
    return odataError(
      401,
      'InvalidAuthenticationToken',
      'Lifetime validation failed, the token is expired.',
      request,
    );
  }
  if (!claims.roles.some((role) => rule.roles.includes(role))) {
    return odataError(403, 'Authorization_RequestDenied', rule.deniedMessage, request);
  }
  return undefined;
}

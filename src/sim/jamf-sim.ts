import { randomBytes } from 'node:crypto';
import type { RawJamfComputer, RawJamfMobileDevice } from './fixtures-jamf';
import {
  bearerToken,
  newTraffic,
  startSimServer,
  type ResolvedRoute,
  type SimRequest,
  type SimResponse,
  type SimTraffic,
} from './sim-http';
import type { SimCertificate } from './tls';
import { apiError, COMPUTER_LISTING, inventoryPage, MOBILE_LISTING } from './jamf-inventory';

/** Everything a test may read or change while the simulator runs. */
export interface JamfSimState extends SimTraffic {
  clientId: string;
  clientSecret: string;
  /** expires_in of new tokens; a few seconds lets a test see a refresh mid-run. */
  tokenLifetimeSeconds: number;
  computers: RawJamfComputer[];
  mobileDevices: RawJamfMobileDevice[];
  maxPageSize: number;
  /**
   * A fault: the last this many records of each listing are counted in `totalCount` but never
   * served (pages come back short or empty), as when records go while a client pages.
   */
  withheld: { computers: number; mobileDevices: number };
  /** Issued tokens and when they expire (ms); clear it to revoke every token. */
  tokens: Map<string, number>;
  /** Privileges of the API client's role(s); each inventory endpoint needs its own. */
  privileges: string[];
}

export interface JamfSimOptions {
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
  computers?: RawJamfComputer[];
  mobileDevices?: RawJamfMobileDevice[];
  maxPageSize?: number;
  withheld?: Partial<JamfSimState['withheld']>;
  privileges?: string[];
  port?: number;
}

export interface JamfSim {
  url: string;
  port: number;
  state: JamfSimState;
  close(): Promise<void>;
}

export const JAMF_SIM_DEFAULTS = { clientId: 'daicho-sim-client', clientSecret: 'jamf-sim-secret' };

/** The privileges the inventory endpoints need (x-required-privileges in the Jamf Pro schema). */
export const JAMF_READ_PRIVILEGES = {
  computers: 'Read Computers',
  mobileDevices: 'Read Mobile Devices',
};

/** A local Jamf Pro API (OAuth + inventory paging) over https. */
export async function startJamfSim(
  tls: SimCertificate,
  options: JamfSimOptions = {},
): Promise<JamfSim> {
  const state: JamfSimState = {
    ...newTraffic(),
    clientId: options.clientId ?? JAMF_SIM_DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? JAMF_SIM_DEFAULTS.clientSecret,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 599,
    computers: options.computers ?? [],
    mobileDevices: options.mobileDevices ?? [],
    maxPageSize: options.maxPageSize ?? 2000,
    withheld: { computers: 0, mobileDevices: 0, ...options.withheld },
    tokens: new Map(),
    privileges: options.privileges ?? Object.values(JAMF_READ_PRIVILEGES),
  };
  const server = await startSimServer(
    {
      traffic: state,
      resolve: (request) => resolveRoute(request, state),
      faultBody: (status) =>
        apiError(status, status === 429 ? 'TOO_MANY_REQUESTS' : 'SERVER_ERROR', 'Injected fault'),
    },
    tls,
    options.port,
  );
  return { url: server.url, port: server.port, state, close: server.close };
}

function resolveRoute(request: SimRequest, state: JamfSimState): ResolvedRoute {
  const { pathname, searchParams } = request.url;
  const page = Number(searchParams.get('page') ?? 0);
  // Checked as the request arrives, as a real server does: a slow answer (an injected delay)
  // must not turn a token that was valid on arrival into a 401.
  const authorized = authorizedAtArrival(request, state);
  if (request.method === 'POST' && pathname === '/api/oauth/token') {
    return { route: 'token', handle: () => clientCredentialsToken(request, state) };
  }
  if (request.method === 'POST' && pathname === '/api/v1/auth/token') {
    return { route: 'basicToken', handle: () => basicToken(request, state) };
  }
  if (request.method === 'GET' && pathname === '/api/v1/computers-inventory') {
    return {
      route: 'computers',
      page,
      handle: () =>
        authorized(JAMF_READ_PRIVILEGES.computers, () =>
          inventoryPage(
            request,
            state.computers,
            state.maxPageSize,
            COMPUTER_LISTING,
            state.withheld.computers,
          ),
        ),
    };
  }
  if (request.method === 'GET' && pathname === '/api/v2/mobile-devices/detail') {
    return {
      route: 'mobileDevices',
      page,
      handle: () =>
        authorized(JAMF_READ_PRIVILEGES.mobileDevices, () =>
          inventoryPage(
            request,
            state.mobileDevices,
            state.maxPageSize,
            MOBILE_LISTING,
            state.withheld.mobileDevices,
          ),
        ),
    };
  }
  return {
    route: 'unknown',
    handle: () => apiError(404, 'NOT_FOUND', `No resource at ${pathname}`),
  };
}

/** POST /api/oauth/token, form-encoded client credentials (Jamf Pro 10.49+). */
function clientCredentialsToken(request: SimRequest, state: JamfSimState): SimResponse {
  const form = new URLSearchParams(request.body);
  if (form.get('grant_type') !== 'client_credentials') {
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }
  if (
    form.get('client_id') !== state.clientId ||
    form.get('client_secret') !== state.clientSecret
  ) {
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    };
  }
  const token = newToken(state);
  return {
    status: 200,
    body: {
      access_token: token,
      scope: 'api-role:1',
      token_type: 'Bearer',
      expires_in: state.tokenLifetimeSeconds,
    },
  };
}

/** POST /api/v1/auth/token with Basic credentials (the older user-account flow). */
function basicToken(request: SimRequest, state: JamfSimState): SimResponse {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  const [user, ...rest] = match ? Buffer.from(match[1], 'base64').toString('utf8').split(':') : [];
  if (user !== state.clientId || rest.join(':') !== state.clientSecret)
    return apiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials');
  const token = newToken(state);
  return {
    status: 200,
    body: { token, expires: new Date(state.tokens.get(token)!).toISOString() },
  };
}

function newToken(state: JamfSimState): string {
  const token = randomBytes(24).toString('base64url');
  state.tokens.set(token, Date.now() + state.tokenLifetimeSeconds * 1000);
  return token;
}

function authorizedAtArrival(request: SimRequest, state: JamfSimState) {
  const token = bearerToken(request.headers);
  const expiresAt = token ? state.tokens.get(token) : undefined;
  const valid = expiresAt !== undefined && expiresAt > Date.now();
  // Jamf answers an unknown or expired token with 401 and an empty error list, and a valid
  // token whose role lacks the endpoint's privilege with 403 INVALID_PRIVILEGE.
  return (privilege: string, answer: () => SimResponse): SimResponse => {
    if (!valid) return { status: 401, body: { httpStatus: 401, errors: [] } };
    if (!state.privileges.includes(privilege))
      return apiError(403, 'INVALID_PRIVILEGE', 'Forbidden');
    return answer();
  };
}

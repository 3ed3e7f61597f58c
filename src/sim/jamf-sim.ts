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

/** Everything a test may read or change while the simulator runs. */
export interface JamfSimState extends SimTraffic {
  clientId: string;
  clientSecret: string;
  /** expires_in of new tokens; a few seconds lets a test see a refresh mid-run. */
  tokenLifetimeSeconds: number;
  computers: RawJamfComputer[];
  mobileDevices: RawJamfMobileDevice[];
  maxPageSize: number;
  /** Issued tokens and when they expire (ms); clear it to revoke every token. */
  tokens: Map<string, number>;
}

export interface JamfSimOptions {
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
  computers?: RawJamfComputer[];
  mobileDevices?: RawJamfMobileDevice[];
  maxPageSize?: number;
  port?: number;
}

export interface JamfSim {
  url: string;
  port: number;
  state: JamfSimState;
  close(): Promise<void>;
}

export const JAMF_SIM_DEFAULTS = { clientId: 'daicho-sim-client', clientSecret: 'jamf-sim-secret' };

const COMPUTER_SECTIONS: Record<string, string> = {
  GENERAL: 'general',
  HARDWARE: 'hardware',
  OPERATING_SYSTEM: 'operatingSystem',
  USER_AND_LOCATION: 'userAndLocation',
};
/** Valid in Jamf but not simulated: accepted, and left out of the answer. */
const OTHER_COMPUTER_SECTIONS = [
  'DISK_ENCRYPTION',
  'PURCHASING',
  'APPLICATIONS',
  'STORAGE',
  'CONFIGURATION_PROFILES',
  'PRINTERS',
  'SERVICES',
  'LOCAL_USER_ACCOUNTS',
  'CERTIFICATES',
  'ATTACHMENTS',
  'PLUGINS',
  'PACKAGE_RECEIPTS',
  'FONTS',
  'SECURITY',
  'LICENSED_SOFTWARE',
  'IBEACONS',
  'SOFTWARE_UPDATES',
  'EXTENSION_ATTRIBUTES',
  'CONTENT_CACHING',
  'GROUP_MEMBERSHIPS',
];
const MOBILE_SECTIONS: Record<string, string> = {
  GENERAL: 'general',
  HARDWARE: 'hardware',
  USER_AND_LOCATION: 'userAndLocation',
};
const OTHER_MOBILE_SECTIONS = [
  'PURCHASING',
  'SECURITY',
  'APPLICATIONS',
  'EBOOKS',
  'NETWORK',
  'SERVICE_SUBSCRIPTIONS',
  'CERTIFICATES',
  'PROFILES',
  'USER_PROFILES',
  'PROVISIONING_PROFILES',
  'SHARED_USERS',
  'EXTENSION_ATTRIBUTES',
];

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
    tokens: new Map(),
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
        authorized(request, state, () =>
          inventoryPage(request, state.computers, state.maxPageSize, COMPUTER_LISTING),
        ),
    };
  }
  if (request.method === 'GET' && pathname === '/api/v2/mobile-devices/detail') {
    return {
      route: 'mobileDevices',
      page,
      handle: () =>
        authorized(request, state, () =>
          inventoryPage(request, state.mobileDevices, state.maxPageSize, MOBILE_LISTING),
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

function authorized(
  request: SimRequest,
  state: JamfSimState,
  answer: () => SimResponse,
): SimResponse {
  const token = bearerToken(request.headers);
  const expiresAt = token ? state.tokens.get(token) : undefined;
  // Jamf answers an unknown or expired token with 401 and an empty error list.
  if (expiresAt === undefined || expiresAt <= Date.now())
    return { status: 401, body: { httpStatus: 401, errors: [] } };
  return answer();
}

interface Listing {
  sections: Record<string, string>;
  otherSections: string[];
  defaultSort: string;
  idKey: string;
}
const COMPUTER_LISTING: Listing = {
  sections: COMPUTER_SECTIONS,
  otherSections: OTHER_COMPUTER_SECTIONS,
  defaultSort: 'general.name:asc',
  idKey: 'id',
};
const MOBILE_LISTING: Listing = {
  sections: MOBILE_SECTIONS,
  otherSections: OTHER_MOBILE_SECTIONS,
  defaultSort: 'displayName:asc',
  idKey: 'mobileDeviceId',
};

function inventoryPage(
  request: SimRequest,
  records: Record<string, unknown>[],
  maxPageSize: number,
  { sections, otherSections, defaultSort, idKey }: Listing,
): SimResponse {
  const params = request.url.searchParams;
  const page = Number(params.get('page') ?? 0);
  const pageSize = Number(params.get('page-size') ?? 100);
  if (!Number.isInteger(page) || page < 0)
    return apiError(400, 'INVALID_PARAMETER', 'page must be a non-negative integer', 'page');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    return apiError(
      400,
      'INVALID_PARAMETER',
      `page-size must be between 1 and ${maxPageSize}`,
      'page-size',
    );
  }
  const requested = params.getAll('section').flatMap((s) => s.split(','));
  const unknown = requested.find((s) => !(s in sections) && !otherSections.includes(s));
  if (unknown) return apiError(400, 'INVALID_FIELD', `Unknown section ${unknown}`, 'section');
  const keys = (requested.length > 0 ? requested : ['GENERAL'])
    .map((s) => sections[s])
    .filter(Boolean);

  const sorted = sortRecords(records, params.getAll('sort').join(',') || defaultSort, idKey);
  const results = sorted.slice(page * pageSize, (page + 1) * pageSize).map((record) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      // Ids and top-level scalars (udid, deviceType) always come back; sections only on request.
      if (typeof value !== 'object' || value === null || keys.includes(key)) out[key] = value;
    }
    return out;
  });
  return { status: 200, body: { totalCount: records.length, results } };
}

/** `sort=general.name:asc,id:desc`; ties fall back to the record id so pages never overlap. */
function sortRecords(
  records: Record<string, unknown>[],
  sort: string,
  idKey: string,
): Record<string, unknown>[] {
  const criteria = sort.split(',').map((part) => {
    const [field, direction] = part.split(':');
    const path = field === 'displayName' ? 'general.displayName' : field === 'id' ? idKey : field;
    return { path: path.split('.'), sign: direction === 'desc' ? -1 : 1 };
  });
  const valueAt = (record: Record<string, unknown>, path: string[]) =>
    path.reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      record,
    );
  const compare = (a: unknown, b: unknown) => {
    const na = Number(a);
    const nb = Number(b);
    if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return String(a ?? '').localeCompare(String(b ?? ''));
  };
  return [...records].sort((a, b) => {
    for (const { path, sign } of criteria) {
      const diff = compare(valueAt(a, path), valueAt(b, path));
      if (diff !== 0) return diff * sign;
    }
    return compare(a[idKey], b[idKey]);
  });
}

/** Jamf's ApiError body. */
export function apiError(
  status: number,
  code: string,
  description: string,
  field = '',
): SimResponse {
  return { status, body: { httpStatus: status, errors: [{ code, field, description, id: '0' }] } };
}

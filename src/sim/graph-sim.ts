import {
  aadError,
  issueToken,
  openIdConfiguration,
  TokenSigner,
  type GraphTenantSettings,
} from './graph-auth';
import { newDirectoryState, type DirectorySeed, type DirectoryState } from './directory-model';
import type { RawManagedDevice } from './fixtures-intune';
import { resolveDirectoryRoute } from './graph-directory';
import { checkAccess, GRAPH_JSON, odataError } from './graph-odata';
import { MANAGED_DEVICE_PROPERTIES } from './managed-device-properties';
import {
  newTraffic,
  startSimServer,
  type ResolvedRoute,
  type SimRequest,
  type SimResponse,
  type SimTraffic,
} from './sim-http';
import { resolveTeamsAppRoute, type SimTeamsApp, type TeamsAppsState } from './teams-apps';
import type { SimCertificate } from './tls';

export { odataError };

export const READ_DEVICES_ROLES = [
  'DeviceManagementManagedDevices.Read.All',
  'DeviceManagementManagedDevices.ReadWrite.All',
];

/** What the demo app registration is granted: Intune reads plus Microsoft 365 provisioning. */
export const DEFAULT_SIM_ROLES = [
  'DeviceManagementManagedDevices.Read.All',
  'User.ReadWrite.All',
  'Group.ReadWrite.All',
  'Organization.Read.All',
];

/** Everything a test may read or change while the simulator runs. */
export interface GraphSimState extends SimTraffic, GraphTenantSettings {
  devices: RawManagedDevice[];
  /** The page size without $top, and the most a $top can ask for. */
  maxPageSize: number;
  /**
   * A fault: the last this many devices are counted in `@odata.count` but never served (the
   * nextLink chain ends before them), as Graph can serve large tenants fewer devices than exist.
   */
  withheldDevices: number;
  /** Users, groups and members, licences (subscribedSkus), and the log of accepted writes. */
  directory: DirectoryState;
  /** The org's Teams app catalog and the apps installed for users. */
  teams: TeamsAppsState;
}

export interface GraphSimOptions extends Partial<GraphTenantSettings> {
  devices?: RawManagedDevice[];
  maxPageSize?: number;
  withheldDevices?: number;
  directory?: DirectorySeed;
  /** The org's Teams app catalog (default: Daicho's own app, SIM_TEAMS_APP). */
  teamsApps?: SimTeamsApp[];
  port?: number;
}

export interface GraphSim {
  /** Both the authority host (AZURE_AUTHORITY_HOST) and the Graph base URL (GRAPH_BASE_URL). */
  url: string;
  port: number;
  state: GraphSimState;
  close(): Promise<void>;
}

export const GRAPH_SIM_DEFAULTS = {
  tenantId: '8a1f6b6e-5c5d-4d67-9a2e-0d1c2b3a4f50',
  clientId: '3f0b7c1e-2a44-4c8e-9d1b-7e6f5a4b3c21',
  clientSecret: 'sim-secret-value',
};

/** Daicho's app in the simulated catalog, its bot being the simulator's app registration. */
export function simTeamsApp(over: Partial<SimTeamsApp> = {}): SimTeamsApp {
  return {
    id: '6f2e3a7c-8b1d-4e5f-9a0b-1c2d3e4f5a6b',
    externalId: 'b0d7e1f2-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
    displayName: 'Daicho',
    azureAdAppId: GRAPH_SIM_DEFAULTS.clientId,
    ...over,
  };
}

const LIST_PATH = '/v1.0/deviceManagement/managedDevices';
const KNOWN_PROPERTIES = new Set<string>(MANAGED_DEVICE_PROPERTIES);

/**
 * A local Entra ID token endpoint plus Graph's managedDevices list, over https, with the real
 * discovery → token → list sequence that @azure/identity and the Graph client perform.
 */
export async function startGraphSim(
  tls: SimCertificate,
  options: GraphSimOptions = {},
): Promise<GraphSim> {
  const state: GraphSimState = {
    ...newTraffic(),
    tenantId: options.tenantId ?? GRAPH_SIM_DEFAULTS.tenantId,
    clientId: options.clientId ?? GRAPH_SIM_DEFAULTS.clientId,
    clientSecret: options.clientSecret ?? GRAPH_SIM_DEFAULTS.clientSecret,
    roles: options.roles ?? [...DEFAULT_SIM_ROLES],
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    secretExpired: options.secretExpired ?? false,
    devices: options.devices ?? [],
    maxPageSize: options.maxPageSize ?? 1000,
    withheldDevices: options.withheldDevices ?? 0,
    directory: newDirectoryState(options.directory),
    teams: { apps: options.teamsApps ?? [simTeamsApp()], installs: [] },
  };
  const signer = new TokenSigner();
  let base = '';
  const server = await startSimServer(
    {
      traffic: state,
      resolve: (request) => resolveRoute(request, state, signer, base),
      faultBody: (status, request) =>
        // Faults on the sign-in endpoints answer as Entra ID does, the rest as Graph does.
        /\/oauth2\/|\.well-known\//.test(request.url.pathname)
          ? aadError(
              status,
              status === 429 ? 'temporarily_unavailable' : 'server_error',
              50196,
              faultText(status, request),
            )
          : odataError(status, faultCode(status), faultText(status, request), request),
      commonHeaders: (request) => ({
        'request-id': request.requestId,
        'client-request-id': String(request.headers['client-request-id'] ?? request.requestId),
      }),
    },
    tls,
    options.port,
  );
  base = server.url;
  return { url: server.url, port: server.port, state, close: server.close };
}

function resolveRoute(
  request: SimRequest,
  state: GraphSimState,
  signer: TokenSigner,
  base: string,
): ResolvedRoute {
  const { pathname } = request.url;
  const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(pathname);
  if (request.method === 'GET' && discovery) {
    return { route: 'discovery', handle: () => openIdConfiguration(base, discovery[1], state) };
  }
  const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(pathname);
  if (request.method === 'POST' && token) {
    return { route: 'token', handle: () => issueToken(request, token[1], state, signer) };
  }
  if (request.method === 'GET' && pathname === LIST_PATH) {
    const query = parseListQuery(request.url.searchParams, state.maxPageSize);
    // The token is checked on arrival, as Graph does, not after an injected delay.
    const denied = checkAccess(request, signer, {
      tenantId: state.tenantId,
      roles: READ_DEVICES_ROLES,
      deniedMessage: `Application is not authorized to perform this operation. Application must have one of the following scopes: ${READ_DEVICES_ROLES.join(', ')}`,
    });
    return {
      route: 'managedDevices',
      page: 'error' in query ? undefined : Math.floor(query.offset / query.top),
      handle: () => denied ?? listManagedDevices(request, state, base, query),
    };
  }
  const teams = resolveTeamsAppRoute(request, {
    teams: state.teams,
    directory: state.directory,
    tenantId: state.tenantId,
    signer,
  });
  if (teams) return teams;
  const directory = resolveDirectoryRoute(request, {
    directory: state.directory,
    tenantId: state.tenantId,
    signer,
    base,
  });
  if (directory) return directory;
  return {
    route: 'unknown',
    handle: () =>
      odataError(
        404,
        'ResourceNotFound',
        `Resource not found for the segment '${pathname}'.`,
        request,
      ),
  };
}

interface ListQuery {
  select: string[] | undefined;
  top: number;
  offset: number;
  count: boolean;
}

function parseListQuery(
  params: URLSearchParams,
  maxPageSize: number,
): ListQuery | { error: string } {
  const selectText = params.get('$select');
  const select = selectText ? selectText.split(',').map((s) => s.trim()) : undefined;
  const unknown = select?.find((name) => !KNOWN_PROPERTIES.has(name));
  if (unknown)
    return {
      error: `Could not find a property named '${unknown}' on type 'microsoft.graph.managedDevice'.`,
    };
  const topText = params.get('$top');
  const top = topText === null ? maxPageSize : Number(topText);
  if (!Number.isInteger(top) || top < 1)
    return { error: `Invalid value '${topText}' for $top query option.` };
  const skipToken = params.get('$skiptoken');
  const offset = skipToken === null ? 0 : decodeSkipToken(skipToken);
  if (offset === undefined) return { error: 'The $skiptoken is not valid.' };
  return {
    select,
    top: Math.min(top, maxPageSize),
    offset,
    count: params.get('$count') === 'true',
  };
}

function listManagedDevices(
  request: SimRequest,
  state: GraphSimState,
  base: string,
  query: ListQuery | { error: string },
): SimResponse {
  if ('error' in query) return odataError(400, 'BadRequest', query.error, request);

  const { select, top, offset } = query;
  const served = state.devices.slice(0, Math.max(0, state.devices.length - state.withheldDevices));
  const slice = served.slice(offset, offset + top);
  const body: Record<string, unknown> = {
    '@odata.context': `${base}/v1.0/$metadata#deviceManagement/managedDevices${select ? `(${select.join(',')})` : ''}`,
  };
  if (query.count) body['@odata.count'] = state.devices.length;
  body.value = slice.map((device) => (select ? pick(device, select) : device));
  if (offset + top < served.length) {
    const next = new URLSearchParams();
    if (select) next.set('$select', select.join(','));
    next.set('$top', String(top));
    next.set('$skiptoken', encodeSkipToken(offset + top));
    // Graph leaves $ and , unescaped in its links; URLSearchParams would escape them.
    body['@odata.nextLink'] = `${base}${LIST_PATH}?${decodeURIComponent(next.toString())}`;
  }
  return { status: 200, headers: { 'Content-Type': GRAPH_JSON }, body };
}

/** $select keeps the named properties; `id` always comes back, as in Graph. */
function pick(device: RawManagedDevice, select: string[]): RawManagedDevice {
  const out: RawManagedDevice = { id: device.id };
  for (const name of select) if (name in device) out[name] = device[name];
  return out;
}

/** Opaque to clients, like Graph's: they must follow @odata.nextLink, never build it. */
function encodeSkipToken(offset: number): string {
  return Buffer.from(`daicho-sim:${offset}`).toString('base64url');
}

function decodeSkipToken(token: string): number | undefined {
  const match = /^daicho-sim:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function faultCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'ServiceUnavailable';
  if (status === 504) return 'GatewayTimeout';
  if (status >= 500) return 'UnknownError';
  return 'BadRequest';
}

function faultText(status: number, request: SimRequest): string {
  if (status === 429) {
    const category = request.url.pathname.includes('/deviceManagement/')
      ? 'throttle.intune.devices'
      : 'throttle.aad.ags.directory';
    return `Too many requests from Identifier:daicho-sim under category:${category}. Please try again later.`;
  }
  if (status === 503) return 'The service is temporarily unavailable. Please try again later.';
  return 'An error occurred while processing the request.';
}

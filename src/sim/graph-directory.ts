import type { TokenSigner } from './graph-auth';
import type { DirectoryState } from './directory-model';
import { pageOf, parseListQuery, type CollectionSpec, type ListQuery } from './directory-paging';
import * as groups from './directory-groups';
import * as users from './directory-users';
import { DIRECTORY_ROLES } from './directory-permissions';
import type { DirectoryFault } from './directory-validation';
import { GROUPS, MEMBERS, SKUS, USERS } from './directory-views';
import { checkAccess, odataError } from './graph-odata';
import type { ResolvedRoute, SimRequest, SimResponse } from './sim-http';

interface RouteSpec {
  method: string;
  /** Matched against the path after /v1.0, URL-decoded segment by segment. */
  path: RegExp;
  /** Route name for fault rules and the request log (operations.json ids where there is one). */
  operation: string;
  roles: readonly string[];
  write: boolean;
  /** A listing (paged, with $top/$filter/$skiptoken) or a single read that takes $select. */
  query?: { spec: CollectionSpec; paged: boolean };
  handle(call: users.DirectoryCall): users.DirectoryOutcome;
}

const ID = '([^/]+)';
const route = (
  method: string,
  path: string,
  operation: string,
  roles: readonly string[],
  handle: RouteSpec['handle'],
  query?: RouteSpec['query'],
): RouteSpec => ({
  method,
  path: new RegExp(`^${path.replace(/\{id\}/g, ID).replace(/\$/g, '\\$')}$`),
  operation,
  roles,
  write: method !== 'GET',
  query,
  handle,
});

const R = DIRECTORY_ROLES;
const ROUTES: RouteSpec[] = [
  route('GET', '/users', 'listUsers', R.userRead, users.listUsers, { spec: USERS, paged: true }),
  route('POST', '/users', 'createUser', R.userWrite, users.createUser),
  route('GET', '/users/{id}', 'getUser', R.userRead, users.getUser, { spec: USERS, paged: false }),
  route('PATCH', '/users/{id}', 'updateUser', R.userWrite, users.updateUser),
  route('DELETE', '/users/{id}', 'deleteUser', R.userDelete, users.deleteUser),
  route('POST', '/users/{id}/assignLicense', 'assignLicense', R.licenseWrite, users.assignLicense),
  route(
    'POST',
    '/users/{id}/microsoft.graph.assignLicense',
    'assignLicense',
    R.licenseWrite,
    users.assignLicense,
  ),
  route('GET', '/subscribedSkus', 'listSubscribedSkus', R.skuRead, users.listSubscribedSkus, {
    spec: SKUS,
    paged: false,
  }),
  route('GET', '/groups', 'listGroups', R.groupRead, groups.listGroups, {
    spec: GROUPS,
    paged: true,
  }),
  route('POST', '/groups', 'createGroup', R.groupCreate, groups.createGroup),
  route('GET', '/groups/{id}', 'getGroup', R.groupRead, groups.getGroup, {
    spec: GROUPS,
    paged: false,
  }),
  route('PATCH', '/groups/{id}', 'updateGroup', R.groupWrite, groups.updateGroup),
  route('DELETE', '/groups/{id}', 'deleteGroup', R.groupWrite, groups.deleteGroup),
  route('GET', '/groups/{id}/members', 'listGroupMembers', R.memberRead, groups.listMembers, {
    spec: MEMBERS,
    paged: true,
  }),
  route('POST', '/groups/{id}/members/$ref', 'addGroupMember', R.memberWrite, groups.addMember),
  route(
    'DELETE',
    '/groups/{id}/members/{id}/$ref',
    'removeGroupMember',
    R.memberWrite,
    groups.removeMember,
  ),
];

export interface DirectoryRouting {
  directory: DirectoryState;
  tenantId: string;
  signer: TokenSigner;
  base: string;
}

const INSUFFICIENT = 'Insufficient privileges to complete the operation.';

/**
 * The route for a directory request, or undefined when the path is not a directory path. The
 * token is checked here, on arrival; the state changes only in `handle`, after any injected
 * fault, so a throttled write changes nothing (as with Graph).
 */
export function resolveDirectoryRoute(
  request: SimRequest,
  routing: DirectoryRouting,
): ResolvedRoute | undefined {
  const { pathname } = request.url;
  if (!pathname.startsWith('/v1.0/')) return undefined;
  const path = pathname.slice('/v1.0'.length).split('/').map(decodeSegment).join('/');
  const candidates = ROUTES.filter((r) => r.path.test(path));
  if (candidates.length === 0) return undefined;
  const spec = candidates.find((r) => r.method === request.method);
  if (!spec) {
    return {
      route: candidates[0].operation,
      handle: () =>
        odataError(
          405,
          'Request_BadRequest',
          `The HTTP method '${request.method}' is not allowed.`,
          request,
        ),
    };
  }
  const ids = (spec.path.exec(path) ?? []).slice(1);
  const denied = checkAccess(request, routing.signer, {
    tenantId: routing.tenantId,
    roles: spec.roles,
    deniedMessage: INSUFFICIENT,
  });
  const query = spec.query ? readQuery(request, routing.directory, spec.query) : undefined;
  const listing = query && 'top' in query && spec.query?.paged ? query : undefined;
  return {
    route: spec.operation,
    page: listing ? pageOf(listing) : undefined,
    handle: () => {
      if (denied) return denied;
      if (query && !('top' in query)) return fault(query, request);
      const body = spec.write && request.method !== 'DELETE' ? readBody(request) : {};
      if (body === undefined) return unreadableBody(request);
      const outcome = spec.handle({
        state: routing.directory,
        tenantId: routing.tenantId,
        base: routing.base,
        ids,
        body,
        select: query?.select,
        query: listing,
      });
      if ('code' in outcome) return fault(outcome, request);
      if (spec.write && outcome.status < 300) {
        routing.directory.writes.push({
          at: Date.now(),
          requestId: request.requestId,
          operation: spec.operation,
          method: request.method,
          path: pathname,
        });
      }
      return outcome;
    },
  };
}

function readQuery(
  request: SimRequest,
  directory: DirectoryState,
  query: NonNullable<RouteSpec['query']>,
): ListQuery | DirectoryFault {
  const params = request.url.searchParams;
  if (query.paged) return parseListQuery(params, directory.pageSize, query.spec);
  // A single object (or the unpaged subscribedSkus) takes $select only.
  const only = new URLSearchParams();
  const select = params.get('$select');
  if (select) only.set('$select', select);
  return parseListQuery(only, directory.pageSize, query.spec);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readBody(request: SimRequest): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(request.body || 'null');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function unreadableBody(request: SimRequest): SimResponse {
  return odataError(
    400,
    'BadRequest',
    'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    request,
  );
}

function fault(f: DirectoryFault, request: SimRequest): SimResponse {
  return odataError(f.status, f.code, f.message, request, f.details);
}

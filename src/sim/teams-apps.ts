import { randomUUID } from 'node:crypto';
import type { TokenSigner } from './graph-auth';
import { findUser, type DirectoryState, type SimUser } from './directory-model';
import { checkAccess, odataError } from './graph-odata';
import { bearerToken, type ResolvedRoute, type SimRequest, type SimResponse } from './sim-http';

/** An app of the org's Teams app catalog (appCatalogs/teamsApps). */
export interface SimTeamsApp {
  /** The catalog id (what installs bind to), not the manifest id. */
  id: string;
  /** The manifest id. */
  externalId: string;
  displayName: string;
  /**
   * The Entra app (client) id of the app's bot / webApplicationInfo: a token of this app with
   * a `…Self…` permission may install this app, and only this one.
   */
  azureAdAppId: string;
}

/** One app installed in a user's personal scope. */
export interface SimAppInstall {
  id: string;
  userId: string;
  teamsAppId: string;
  at: number;
  requestId: string;
}

/** The Teams side of the simulated tenant: the catalog and the personal-scope installs. */
export interface TeamsAppsState {
  apps: SimTeamsApp[];
  installs: SimAppInstall[];
  /**
   * Called once an install is accepted, as Teams then sends the bot an installationUpdate: a
   * test posts that activity to the bot's /api/messages (or records the chat) here.
   */
  onInstall?: (install: SimAppInstall, user: SimUser, app: SimTeamsApp) => void;
}

/** Application permissions of Install app for user (least privileged first). */
export const INSTALL_FOR_USER_ROLES = [
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
  'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
] as const;
/** Of those, the ones that allow installing any app, not only the caller's own. */
const ANY_APP_ROLES: readonly string[] = INSTALL_FOR_USER_ROLES.filter((r) => !r.includes('Self'));

const PATH = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/;
const BIND = /\/appCatalogs\/teamsApps\/([^/?#]+)$/;

export interface TeamsRouting {
  teams: TeamsAppsState;
  directory: DirectoryState;
  tenantId: string;
  signer: TokenSigner;
}

/**
 * POST /users/{id | userPrincipalName}/teamwork/installedApps (Install app for user): 201 with
 * no body; 409 when the app is installed for the user already; 404 for an unknown user or app;
 * 400 without a teamsApp@odata.bind; 403 without the permission, or a `Self` permission used
 * for another app than the caller's own. Undefined for any other path.
 */
export function resolveTeamsAppRoute(
  request: SimRequest,
  routing: TeamsRouting,
): ResolvedRoute | undefined {
  const match = PATH.exec(request.url.pathname);
  if (!match) return undefined;
  const userKey = decodeURIComponent(match[1]);
  if (request.method !== 'POST') {
    return {
      route: 'installAppForUser',
      handle: () => odataError(405, 'BadRequest', 'The HTTP method is not allowed.', request),
    };
  }
  const denied = checkAccess(request, routing.signer, {
    tenantId: routing.tenantId,
    roles: INSTALL_FOR_USER_ROLES,
    deniedMessage: missingRoles(request, routing.signer),
  });
  return {
    route: 'installAppForUser',
    handle: () => {
      if (denied?.status === 403)
        return odataError(403, 'Forbidden', missingRoles(request, routing.signer), request);
      if (denied) return denied;
      return install(request, routing, userKey);
    },
  };
}

function install(request: SimRequest, routing: TeamsRouting, userKey: string): SimResponse {
  const bind = readBind(request.body);
  if (!bind) return odataError(400, 'BadRequest', 'teamsApp@odata.bind is required.', request);
  const appId = BIND.exec(bind)?.[1];
  const app = routing.teams.apps.find((a) => a.id === appId);
  if (!app)
    return odataError(
      404,
      'NotFound',
      `The teamsApp '${appId ?? bind}' was not found in the app catalog.`,
      request,
    );
  const claims = routing.signer.verify(bearerToken(request.headers) ?? '');
  const anyApp = claims?.roles.some((r) => ANY_APP_ROLES.includes(r));
  if (!anyApp && claims?.appid !== app.azureAdAppId)
    return odataError(
      403,
      'Forbidden',
      'The app may install only itself with this permission.',
      request,
    );
  const user = findUser(routing.directory, userKey);
  if (!user) return odataError(404, 'NotFound', `User '${userKey}' was not found.`, request);
  const teams = routing.teams;
  if (teams.installs.some((i) => i.userId === user.id && i.teamsAppId === app.id))
    return odataError(409, 'Conflict', 'The app is already installed for this user.', request);
  const installed: SimAppInstall = {
    id: randomUUID(),
    userId: user.id,
    teamsAppId: app.id,
    at: Date.now(),
    requestId: request.requestId,
  };
  teams.installs.push(installed);
  teams.onInstall?.(installed, user, app);
  return { status: 201 };
}

function readBind(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body || 'null') as Record<string, unknown> | null;
    const bind = parsed?.['teamsApp@odata.bind'];
    return typeof bind === 'string' ? bind : undefined;
  } catch {
    return undefined;
  }
}

/** Teams' wording of a missing permission, with the roles the token had. */
function missingRoles(request: SimRequest, signer: TokenSigner): string {
  const roles = signer.verify(bearerToken(request.headers) ?? '')?.roles ?? [];
  return `Missing role permissions on the request. API requires one of '${INSTALL_FOR_USER_ROLES.join(', ')}'. Roles on the request '${roles.join(', ')}'.`;
}

import type { IntuneConfig } from '../config/config';
import { GraphRequestError } from './graph-directory-errors';
import {
  createDirectoryTransport,
  type DirectoryTransport,
  type GraphDirectoryOptions,
} from './graph-directory-transport';
import {
  toGraphGroup,
  toGraphUser,
  toSubscribedSku,
  USER_BASE_SELECT,
} from './graph-directory-shapes';

export { GraphRequestError, type GraphErrorDetail } from './graph-directory-errors';
export type { GraphDirectoryOptions } from './graph-directory-transport';

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  mailNickname: string | null;
  accountEnabled: boolean | null;
  onPremisesImmutableId: string | null;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  [property: string]: unknown;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  securityEnabled: boolean;
  memberIds: string[];
}

export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  prepaidEnabled: number;
  consumedUnits: number;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

export interface DirectoryStats {
  /** HTTP requests sent to Graph, every try counted. */
  requests: number;
  /** Tries repeated after a throttled or failed one. */
  retries: number;
  /** Of `requests`, the POST / PATCH / DELETE ones: 0 means the tenant was not touched. */
  writes: number;
}

export interface DirectoryClient {
  /** Every user (all pages), with `select` plus id, UPN, names, accountEnabled, immutable id, licences. */
  listUsers(select: string[]): Promise<GraphUser[]>;
  /** securityEnabled groups with their member ids (all pages). */
  listSecurityGroups(): Promise<GraphGroup[]>;
  listSubscribedSkus(): Promise<SubscribedSku[]>;
  createUser(body: Record<string, unknown>): Promise<GraphUser>;
  updateUser(id: string, patch: Record<string, unknown>): Promise<void>;
  deleteUser(id: string): Promise<void>;
  assignLicense(
    userId: string,
    add: { skuId: string; disabledPlans: string[] }[],
    remove: string[],
  ): Promise<void>;
  createGroup(body: {
    displayName: string;
    description: string | null;
    mailNickname: string;
  }): Promise<GraphGroup>;
  updateGroup(id: string, patch: Record<string, unknown>): Promise<void>;
  deleteGroup(id: string): Promise<void>;
  addMember(groupId: string, userId: string): Promise<void>;
  removeMember(groupId: string, userId: string): Promise<void>;
  readonly stats: DirectoryStats;
}

/** A retried delete whose first try had landed finds nothing: the work is done. */
const isNotFound = (e: GraphRequestError) => e.status === 404;
/** A retried add whose first try had landed finds the member already there. */
const isAlreadyMember = (e: GraphRequestError) =>
  e.status === 400 && /already exist/i.test(e.message);

/**
 * The Microsoft 365 directory through Graph, for the provisioning applier: the same app
 * registration, credential and Graph client set-up as the Intune source (graphClient() sends
 * the token to a custom host such as the simulator), our own retries and rate limits.
 */
export function createGraphDirectory(
  config: IntuneConfig,
  options: GraphDirectoryOptions = {},
): DirectoryClient {
  const transport = createDirectoryTransport(config, options);
  return {
    stats: transport.stats,
    ...directoryReads(transport),
    ...userWrites(transport),
    ...groupWrites(transport),
  };
}

const user = (id: string) => `/users/${encodeURIComponent(id)}`;
const group = (id: string) => `/groups/${encodeURIComponent(id)}`;

function directoryReads({
  read,
  readAll,
}: DirectoryTransport): Pick<
  DirectoryClient,
  'listUsers' | 'listSecurityGroups' | 'listSubscribedSkus'
> {
  return {
    async listUsers(select) {
      const fields = [...new Set([...USER_BASE_SELECT, ...select])];
      const raw = await readAll('listUsers', `/users?$select=${fields.join(',')}&$top=999`);
      return raw.map(toGraphUser);
    },

    async listSecurityGroups() {
      const raw = await readAll(
        'listGroups',
        '/groups?$filter=securityEnabled%20eq%20true&$select=id,displayName,description,mailNickname,securityEnabled&$top=999',
      );
      const groups = [];
      for (const item of raw) {
        const members = await readAll(
          'listGroupMembers',
          `${group(String(item.id))}/members?$select=id&$top=999`,
        );
        groups.push(
          toGraphGroup(
            item,
            members.map((m) => String(m.id)),
          ),
        );
      }
      return groups;
    },

    async listSubscribedSkus() {
      const page = await read<{ value?: Record<string, unknown>[] }>(
        'listSubscribedSkus',
        '/subscribedSkus?$select=skuId,skuPartNumber,prepaidUnits,consumedUnits,servicePlans',
      );
      return (page.value ?? []).map(toSubscribedSku);
    },
  };
}

function userWrites({
  call,
  read,
}: DirectoryTransport): Pick<
  DirectoryClient,
  'createUser' | 'updateUser' | 'deleteUser' | 'assignLicense'
> {
  return {
    async createUser(body) {
      const post = () =>
        call<Record<string, unknown>>('createUser', { write: true }, (c, signal) =>
          c.api('/users').option('signal', signal).post(body),
        );
      try {
        const created = await post();
        // The 201 carries only the default properties; what we sent is what the user now has.
        const sent = { ...body };
        delete sent.passwordProfile;
        return toGraphUser({ ...sent, ...created, assignedLicenses: [] });
      } catch (e) {
        const ours = await ownEarlierCreate(read, e, body);
        if (ours) return ours;
        throw e;
      }
    },

    async updateUser(id, patch) {
      await call('updateUser', { write: true }, (c, signal) =>
        c.api(user(id)).option('signal', signal).patch(patch),
      );
    },

    async deleteUser(id) {
      await call('deleteUser', { write: true, doneOnRetry: isNotFound }, (c, signal) =>
        c.api(user(id)).option('signal', signal).delete(),
      );
    },

    async assignLicense(userId, add, remove) {
      // Both parameters are non-nullable: Graph refuses the call when either is left out.
      const body = { addLicenses: add, removeLicenses: remove };
      await call('assignLicense', { write: true }, (c, signal) =>
        c
          .api(`${user(userId)}/assignLicense`)
          .option('signal', signal)
          .post(body),
      );
    },
  };
}

function groupWrites({
  call,
  directoryObjectUrl,
}: DirectoryTransport): Pick<
  DirectoryClient,
  'createGroup' | 'updateGroup' | 'deleteGroup' | 'addMember' | 'removeMember'
> {
  return {
    async createGroup(body) {
      const created = await call<Record<string, unknown>>(
        'createGroup',
        // Security group names are not unique: a retried POST that had landed would make two.
        { write: true, retryOnlyThrottled: true },
        (c, signal) =>
          c
            .api('/groups')
            .option('signal', signal)
            .post({
              displayName: body.displayName,
              // Entra ID refuses an empty description; leaving it out means none.
              ...(body.description ? { description: body.description } : {}),
              mailNickname: body.mailNickname,
              mailEnabled: false,
              securityEnabled: true,
              groupTypes: [],
            }),
      );
      return toGraphGroup(created, []);
    },

    async updateGroup(id, patch) {
      await call('updateGroup', { write: true }, (c, signal) =>
        c.api(group(id)).option('signal', signal).patch(patch),
      );
    },

    async deleteGroup(id) {
      await call('deleteGroup', { write: true, doneOnRetry: isNotFound }, (c, signal) =>
        c.api(group(id)).option('signal', signal).delete(),
      );
    },

    async addMember(groupId, userId) {
      const reference = { '@odata.id': directoryObjectUrl(userId) };
      await call('addMember', { write: true, doneOnRetry: isAlreadyMember }, (c, signal) =>
        c
          .api(`${group(groupId)}/members/$ref`)
          .option('signal', signal)
          .post(reference),
      );
    },

    async removeMember(groupId, userId) {
      await call('removeMember', { write: true, doneOnRetry: isNotFound }, (c, signal) =>
        c
          .api(`${group(groupId)}/members/${encodeURIComponent(userId)}/$ref`)
          .option('signal', signal)
          .delete(),
      );
    },
  };
}

/**
 * A create whose answer was lost (timeout, dropped connection) and whose retry then hit the
 * UPN conflict: the user is ours when it carries the immutable id we sent, which no one else's
 * can (Entra ID keeps it unique). Anything else stays the conflict it is.
 */
async function ownEarlierCreate(
  read: DirectoryTransport['read'],
  e: unknown,
  body: Record<string, unknown>,
): Promise<GraphUser | undefined> {
  const conflict =
    e instanceof GraphRequestError &&
    e.attempts > 1 &&
    e.details.some((d) => d.code === 'ObjectConflict' && d.target === 'userPrincipalName');
  const immutableId = body.onPremisesImmutableId;
  if (!conflict || typeof immutableId !== 'string') return undefined;
  const found = toGraphUser(
    await read<Record<string, unknown>>(
      'getUser',
      `${user(String(body.userPrincipalName))}?$select=${USER_BASE_SELECT.join(',')}`,
    ),
  );
  return found.onPremisesImmutableId === immutableId ? found : undefined;
}

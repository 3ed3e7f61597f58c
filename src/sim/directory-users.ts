import { randomUUID } from 'node:crypto';
import {
  consumedUnits,
  findUser,
  isoNow,
  type DirectoryState,
  type SimAssignedLicense,
  type SimUser,
} from './directory-model';
import { listPage, matchesFilter, type ListQuery } from './directory-paging';
import { checkUserBody, invalidValue, notFound, type DirectoryFault } from './directory-validation';
import { skuView, userView } from './directory-views';
import { graphJson } from './graph-odata';
import type { SimResponse } from './sim-http';

/** One directory request, already authorized and parsed. */
export interface DirectoryCall {
  state: DirectoryState;
  tenantId: string;
  base: string;
  /** Path parameters, URL-decoded (e.g. the user id or UPN). */
  ids: string[];
  body: Record<string, unknown>;
  /** $select of a single object (or of a listing: the same as query.select). */
  select: string[] | undefined;
  /** Set for listings only. */
  query: ListQuery | undefined;
}

export type DirectoryOutcome = SimResponse | DirectoryFault;

const NO_CONTENT: SimResponse = { status: 204 };

export function listUsers(call: DirectoryCall): DirectoryOutcome {
  const query = call.query!;
  const users = call.state.users.filter((u) => matchesFilter(u, query.filter));
  return listPage(call.base, '/v1.0/users', 'users', query, users, (u) =>
    userView(u, query.select),
  );
}

export function getUser(call: DirectoryCall): DirectoryOutcome {
  const user = findUser(call.state, call.ids[0]);
  if (!user) return notFound(call.ids[0]);
  const select = call.select;
  return graphJson({
    '@odata.context': `${call.base}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}/$entity`,
    ...userView(user, select),
  });
}

export function createUser(call: DirectoryCall): DirectoryOutcome {
  const fault = checkUserBody(call.state, call.body, undefined);
  if (fault) return fault;
  const user: SimUser = {
    ...storable(call.body),
    id: randomUUID(),
    userPrincipalName: call.body.userPrincipalName as string,
    createdDateTime: isoNow(),
    assignedLicenses: [],
  };
  call.state.users.push(user);
  return graphJson(
    { '@odata.context': `${call.base}/v1.0/$metadata#users/$entity`, ...userView(user) },
    201,
  );
}

export function updateUser(call: DirectoryCall): DirectoryOutcome {
  const user = findUser(call.state, call.ids[0]);
  if (!user) return notFound(call.ids[0]);
  const fault = checkUserBody(call.state, call.body, user);
  if (fault) return fault;
  const changes = storable(call.body);
  // A complex property is merged attribute by attribute: one extensionAttribute leaves the rest.
  for (const name of ['onPremisesExtensionAttributes', 'employeeOrgData']) {
    const patch = changes[name];
    if (patch && typeof user[name] === 'object' && user[name] !== null)
      changes[name] = { ...(user[name] as object), ...(patch as object) };
  }
  Object.assign(user, changes);
  return NO_CONTENT;
}

export function deleteUser(call: DirectoryCall): DirectoryOutcome {
  const user = findUser(call.state, call.ids[0]);
  if (!user) return notFound(call.ids[0]);
  call.state.users.splice(call.state.users.indexOf(user), 1);
  // A deleted user leaves its groups and frees its licences (consumedUnits counts live users).
  for (const group of call.state.groups)
    group.memberIds = group.memberIds.filter((id) => id !== user.id);
  return NO_CONTENT;
}

/** The password is never kept: Graph does not give it back either. */
function storable(body: Record<string, unknown>): Record<string, unknown> {
  const rest = structuredClone(body);
  delete rest.passwordProfile;
  return rest;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /users/{id}/assignLicense. All checks come before any change, so a refused call changes
 * nothing: both parameters present, a usageLocation, SKUs of this tenant, a free seat for
 * every licence the user does not hold yet.
 */
export function assignLicense(call: DirectoryCall): DirectoryOutcome {
  const user = findUser(call.state, call.ids[0]);
  if (!user) return notFound(call.ids[0]);
  const { addLicenses, removeLicenses } = call.body;
  const missing = [
    ...(addLicenses === undefined || addLicenses === null ? ['addLicenses'] : []),
    ...(removeLicenses === undefined || removeLicenses === null ? ['removeLicenses'] : []),
  ];
  if (missing.length > 0) {
    return badRequest(
      `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
    );
  }
  const add = readAdd(addLicenses);
  const remove = readGuids(removeLicenses);
  if (!add) return invalidValue('addLicenses', 'User');
  if (!remove) return invalidValue('removeLicenses', 'User');
  if (add.length > 0 && !user.usageLocation)
    return badRequest('License assignment cannot be done for user with invalid usage location.');
  for (const skuId of [...add.map((l) => l.skuId), ...remove]) {
    if (!call.state.skus.some((s) => s.skuId === skuId))
      return badRequest(`License ${skuId} does not correspond to a valid company License.`);
  }
  for (const license of add) {
    const held = user.assignedLicenses.some((l) => l.skuId === license.skuId);
    const sku = call.state.skus.find((s) => s.skuId === license.skuId)!;
    if (!held && consumedUnits(call.state, sku.skuId) >= sku.prepaidUnits)
      return badRequest(`Subscription with SKU ${sku.skuId} does not have any available licenses.`);
  }
  const kept = user.assignedLicenses.filter(
    (l) => !remove.includes(l.skuId) && !add.some((a) => a.skuId === l.skuId),
  );
  user.assignedLicenses = [...kept, ...add];
  return graphJson({
    '@odata.context': `${call.base}/v1.0/$metadata#users/$entity`,
    ...userView(user),
  });
}

/** GUIDs in lower case (SKU ids are compared as the tenant stores them), or undefined. */
function readGuids(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!value.every((id) => typeof id === 'string' && GUID.test(id))) return undefined;
  return value.map((id: string) => id.toLowerCase());
}

function readAdd(value: unknown): SimAssignedLicense[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: SimAssignedLicense[] = [];
  for (const item of value) {
    const { skuId, disabledPlans } = (item ?? {}) as { skuId?: unknown; disabledPlans?: unknown };
    const [sku] = readGuids([skuId]) ?? [];
    const plans = readGuids(disabledPlans ?? []);
    if (!sku || !plans) return undefined;
    out.push({ skuId: sku, disabledPlans: plans });
  }
  return out;
}

export function listSubscribedSkus(call: DirectoryCall): DirectoryOutcome {
  const select = call.select;
  return graphJson({
    '@odata.context': `${call.base}/v1.0/$metadata#subscribedSkus${select ? `(${select.join(',')})` : ''}`,
    value: call.state.skus.map((sku) => {
      const full = skuView(call.state, call.tenantId, sku);
      return select ? Object.fromEntries(select.map((name) => [name, full[name] ?? null])) : full;
    }),
  });
}

function badRequest(message: string): DirectoryFault {
  return { status: 400, code: 'Request_BadRequest', message };
}

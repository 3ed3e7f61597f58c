import { randomUUID } from 'node:crypto';
import { findGroup, isoNow, type DirectoryState, type SimGroup } from './directory-model';
import { listPage, matchesFilter } from './directory-paging';
import type { DirectoryCall, DirectoryOutcome } from './directory-users';
import {
  invalidValue,
  isValidMailNickname,
  notFound,
  unknownProperty,
  valueRequired,
  type DirectoryFault,
} from './directory-validation';
import { groupView, memberView } from './directory-views';
import { graphJson } from './graph-odata';

const NO_CONTENT = { status: 204 };
const REQUIRED_ON_CREATE = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'];
const WRITABLE = new Set([
  'displayName',
  'description',
  'mailEnabled',
  'mailNickname',
  'securityEnabled',
  'groupTypes',
  'visibility',
  'members@odata.bind',
]);

export function listGroups(call: DirectoryCall): DirectoryOutcome {
  const query = call.query!;
  const groups = call.state.groups.filter((g) => matchesFilter({ ...g }, query.filter));
  return listPage(call.base, '/v1.0/groups', 'groups', query, groups, (g) =>
    groupView(g, query.select),
  );
}

export function getGroup(call: DirectoryCall): DirectoryOutcome {
  const group = findGroup(call.state, call.ids[0]);
  if (!group) return notFound(call.ids[0]);
  const select = call.select;
  return graphJson({
    '@odata.context': `${call.base}/v1.0/$metadata#groups${select ? `(${select.join(',')})` : ''}/$entity`,
    ...groupView(group, select),
  });
}

export function createGroup(call: DirectoryCall): DirectoryOutcome {
  const missing = REQUIRED_ON_CREATE.find((name) => call.body[name] === undefined);
  if (missing) return valueRequired(missing, 'Group');
  const fault = checkGroupBody(call.state, call.body);
  if (fault) return fault;
  const body = call.body as Partial<SimGroup> & Record<string, unknown>;
  const group: SimGroup = {
    id: randomUUID(),
    displayName: body.displayName!,
    description: body.description ?? null,
    mailNickname: body.mailNickname!,
    mailEnabled: body.mailEnabled!,
    securityEnabled: body.securityEnabled!,
    groupTypes: body.groupTypes ?? [],
    // A security group is Private unless told otherwise (group resource docs).
    visibility: body.visibility ?? 'Private',
    createdDateTime: isoNow(),
    memberIds: boundMembers(call.state, body['members@odata.bind']) ?? [],
  };
  call.state.groups.push(group);
  return graphJson(
    { '@odata.context': `${call.base}/v1.0/$metadata#groups/$entity`, ...groupView(group) },
    201,
  );
}

export function updateGroup(call: DirectoryCall): DirectoryOutcome {
  const group = findGroup(call.state, call.ids[0]);
  if (!group) return notFound(call.ids[0]);
  const fault = checkGroupBody(call.state, call.body);
  if (fault) return fault;
  const { 'members@odata.bind': bind, ...changes } = call.body;
  const added = boundMembers(call.state, bind) ?? [];
  Object.assign(group, structuredClone(changes));
  group.memberIds = [...group.memberIds, ...added.filter((id) => !group.memberIds.includes(id))];
  return NO_CONTENT;
}

export function deleteGroup(call: DirectoryCall): DirectoryOutcome {
  const group = findGroup(call.state, call.ids[0]);
  if (!group) return notFound(call.ids[0]);
  call.state.groups.splice(call.state.groups.indexOf(group), 1);
  for (const other of call.state.groups)
    other.memberIds = other.memberIds.filter((id) => id !== group.id);
  return NO_CONTENT;
}

export function listMembers(call: DirectoryCall): DirectoryOutcome {
  const group = findGroup(call.state, call.ids[0]);
  if (!group) return notFound(call.ids[0]);
  const query = call.query!;
  return listPage(
    call.base,
    `/v1.0/groups/${group.id}/members`,
    'directoryObjects',
    query,
    group.memberIds,
    (id) => memberView(call.state, id, query.select),
  );
}

/** POST /groups/{id}/members/$ref with {"@odata.id": ".../directoryObjects/{id}"}. */
export function addMember(call: DirectoryCall): DirectoryOutcome {
  const group = findGroup(call.state, call.ids[0]);
  if (!group) return notFound(call.ids[0]);
  const reference = call.body['@odata.id'];
  const memberId = objectIdOf(reference);
  if (!memberId) {
    return {
      status: 400,
      code: 'Request_BadRequest',
      message: `Invalid object identifier '${String(reference ?? '')}'.`,
    };
  }
  if (!exists(call.state, memberId)) return notFound(memberId);
  if (group.memberIds.includes(memberId)) {
    return {
      status: 400,
      code: 'Request_BadRequest',
      message:
        "One or more added object references already exist for the following modified properties: 'members'.",
    };
  }
  group.memberIds.push(memberId);
  return NO_CONTENT;
}

/** DELETE /groups/{id}/members/{memberId}/$ref: 404 when the object is not a member. */
export function removeMember(call: DirectoryCall): DirectoryOutcome {
  const [groupId, memberId] = call.ids;
  const group = findGroup(call.state, groupId);
  if (!group) return notFound(groupId);
  if (!group.memberIds.includes(memberId)) return notFound(memberId);
  group.memberIds = group.memberIds.filter((id) => id !== memberId);
  return NO_CONTENT;
}

function checkGroupBody(
  state: DirectoryState,
  body: Record<string, unknown>,
): DirectoryFault | undefined {
  for (const [name, value] of Object.entries(body)) {
    if (!WRITABLE.has(name)) return unknownProperty(name, 'group');
    if (!validGroupValue(state, name, value)) return invalidValue(name, 'Group');
  }
  const unified = Array.isArray(body.groupTypes) && body.groupTypes.includes('Unified');
  if (body.mailEnabled === true && !unified) {
    return {
      status: 400,
      code: 'Request_BadRequest',
      message:
        'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.',
    };
  }
  return undefined;
}

function validGroupValue(state: DirectoryState, name: string, value: unknown): boolean {
  switch (name) {
    case 'displayName':
      return typeof value === 'string' && value !== '' && value.length <= 256;
    case 'description':
      return value === null || (typeof value === 'string' && value !== '' && value.length <= 1024);
    case 'mailNickname':
      return typeof value === 'string' && isValidMailNickname(value);
    case 'mailEnabled':
    case 'securityEnabled':
      return typeof value === 'boolean';
    case 'groupTypes':
      return (
        Array.isArray(value) && value.every((t) => t === 'Unified' || t === 'DynamicMembership')
      );
    case 'visibility':
      return value === null || value === 'Private' || value === 'Public';
    case 'members@odata.bind':
      // At most 20 references in one request (group-post-groups docs).
      return boundMembers(state, value) !== undefined;
    default:
      return false;
  }
}

/** The ids of a members@odata.bind list, or undefined if one is malformed or unknown. */
function boundMembers(state: DirectoryState, value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 20) return undefined;
  const ids = value.map(objectIdOf);
  return ids.every((id): id is string => !!id && exists(state, id)) ? ids : undefined;
}

/** The object id at the end of https://graph.microsoft.com/v1.0/directoryObjects/{id}. */
function objectIdOf(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  const match = /\/(?:directoryObjects|users|groups)\/([0-9a-fA-F-]{36})$/.exec(reference);
  return match?.[1];
}

function exists(state: DirectoryState, id: string): boolean {
  return state.users.some((u) => u.id === id) || state.groups.some((g) => g.id === id);
}

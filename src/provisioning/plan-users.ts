import type { Person } from '../people/person';
import { createBody, diffUser, patchBody } from './graph-values';
import { mapPerson } from './map-person';
import { takesSeveral } from './mapping';
import type { PlanInput, PlanOperation, PlanProblem, UserRef, UserValue } from './plan-types';
import type { GraphUser } from './tenant';

/** What the user step found, for the licence and group steps. */
export interface UserOutcome {
  operations: PlanOperation[];
  problems: PlanProblem[];
  /** Active people with an account (existing, or created by this plan: userId null). */
  accounts: Map<
    string,
    { ref: UserRef; user: GraphUser | null; values: Record<string, UserValue> }
  >;
  /** Accounts this plan deletes (their group memberships go with them). */
  deletedUserIds: Set<string>;
}

const byPersonId = (a: Person, b: Person) =>
  a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;

/**
 * Accounts: an active person is matched by the linked account id, else by userPrincipalName
 * (the plan then links them), else created. A removed person's linked account, and every
 * account unlinked from a person, is stopped or deleted by the removal switch.
 */
export function planUsers(input: PlanInput): UserOutcome {
  const { switches, tenant } = input;
  const people = [...input.people].sort(byPersonId);
  const usersById = new Map(tenant.users.map((u) => [u.id, u]));
  const usersByUpn = new Map(tenant.users.map((u) => [u.userPrincipalName.toLowerCase(), u]));
  const linkedTo = new Map<string, string>();
  for (const p of people) if (p.m365AccountId) linkedTo.set(p.m365AccountId, p.personId);

  const out: UserOutcome = {
    operations: [],
    problems: [],
    accounts: new Map(),
    deletedUserIds: new Set(),
  };
  const index: AccountIndex = { usersById, usersByUpn, linkedTo, seenUpn: new Map() };
  for (const person of people.filter((p) => !p.removed)) planPerson(person, input, index, out);
  if (switches.accounts) planRemovals(people, usersById, linkedTo, input, out);
  return out;
}

/** The tenant's accounts by id and by UPN, who links which, and the UPNs taken so far. */
interface AccountIndex {
  usersById: Map<string, GraphUser>;
  usersByUpn: Map<string, GraphUser>;
  /** Account id → the person linked to it. */
  linkedTo: Map<string, string>;
  /** UPN (lower case) → the first active person claiming it. */
  seenUpn: Map<string, string>;
}

/** One active person: their account matched, then updated, created or left alone. */
function planPerson(person: Person, input: PlanInput, index: AccountIndex, out: UserOutcome): void {
  const subject = { kind: 'person' as const, personId: person.personId };
  const upn = person.userPrincipalName?.toLowerCase() ?? null;
  if (upn && index.seenUpn.has(upn)) {
    out.problems.push({
      subject,
      code: 'duplicateUserPrincipalName',
      params: { otherPersonId: index.seenUpn.get(upn)! },
    });
    return;
  }
  if (upn) index.seenUpn.set(upn, person.personId);
  const mapped = mapPerson(person, input.mapping);
  const match = matchAccount(person, upn, index, out);
  if (!match) return;
  const { user } = match;
  // Mapping problems only matter where accounts are written; they do not hide an account.
  const writable = input.switches.accounts && mapped.problems.length === 0;
  if (input.switches.accounts) out.problems.push(...mapped.problems);
  if (user) {
    const changes = writable ? diffUser(user, mapped.values) : [];
    if (changes.length > 0)
      out.operations.push({
        kind: 'updateUser',
        personId: person.personId,
        userId: user.id,
        changes,
        body: patchBody(changes, mapped.values, takesSeveral),
      });
    out.accounts.set(person.personId, {
      ref: { personId: person.personId, userId: user.id },
      user,
      values: mapped.values,
    });
  } else if (writable) {
    out.operations.push({
      kind: 'createUser',
      personId: person.personId,
      userPrincipalName: mapped.values.userPrincipalName as string,
      body: {
        ...createBody(mapped.values, takesSeveral),
        accountEnabled: true,
        passwordProfile: { forceChangePasswordNextSignIn: true },
      },
    });
    out.accounts.set(person.personId, {
      ref: { personId: person.personId, userId: null },
      user: null,
      values: mapped.values,
    });
  }
}

/**
 * The person's account: the linked one, else one found by UPN (which this plan links), else
 * none yet (user null). Undefined when a problem, recorded in `out`, stops the person here.
 */
function matchAccount(
  person: Person,
  upn: string | null,
  index: AccountIndex,
  out: UserOutcome,
): { user: GraphUser | null } | undefined {
  const subject = { kind: 'person' as const, personId: person.personId };
  if (person.m365AccountId) {
    const user = index.usersById.get(person.m365AccountId) ?? null;
    if (!user) {
      out.problems.push({
        subject,
        code: 'linkedAccountMissing',
        params: { accountId: person.m365AccountId },
      });
      return undefined;
    }
    return { user };
  }
  if (!upn || !index.usersByUpn.has(upn)) return { user: null };
  const found = index.usersByUpn.get(upn)!;
  const owner = index.linkedTo.get(found.id);
  const problem: Omit<PlanProblem, 'subject'> | null = owner
    ? { code: 'accountLinkedToOther', params: { accountId: found.id, otherPersonId: owner } }
    : person.releasedAccountIds.includes(found.id)
      ? { code: 'accountUnlinked', params: { accountId: found.id } }
      : null;
  if (problem) {
    out.problems.push({ subject, ...problem });
    return undefined;
  }
  out.operations.push({
    kind: 'linkUser',
    personId: person.personId,
    userId: found.id,
    userPrincipalName: found.userPrincipalName,
  });
  return { user: found };
}

function planRemovals(
  people: Person[],
  usersById: Map<string, GraphUser>,
  linkedTo: Map<string, string>,
  input: PlanInput,
  out: UserOutcome,
): void {
  const done = new Set<string>();
  const remove = (person: Person, accountId: string, reason: 'removed' | 'unlinked') => {
    const user = usersById.get(accountId);
    if (!user || done.has(accountId)) return;
    done.add(accountId);
    const base = {
      personId: person.personId,
      userId: user.id,
      userPrincipalName: user.userPrincipalName,
      reason,
    };
    if (input.switches.accountRemoval === 'delete') {
      out.operations.push({ kind: 'deleteUser', ...base });
      out.deletedUserIds.add(user.id);
    } else if (user.accountEnabled !== false) out.operations.push({ kind: 'stopUser', ...base });
  };
  for (const person of people) {
    if (person.removed && person.m365AccountId) remove(person, person.m365AccountId, 'removed');
    // An unlinked account that someone was linked to again since belongs to them now.
    for (const accountId of [...person.releasedAccountIds].sort())
      if (!linkedTo.has(accountId)) remove(person, accountId, 'unlinked');
  }
}

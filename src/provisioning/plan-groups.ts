import { createHash } from 'node:crypto';
import type { DirectoryGroup } from '../people/person';
import type { PlanInput, PlanOperation, PlanProblem, UserRef } from './plan-types';
import type { UserOutcome } from './plan-users';
import type { GraphGroup } from './tenant';

/**
 * Graph requires a mailNickname even for a security group: the group's name in the characters
 * Graph accepts, else (a Japanese name) a stable one from its hash.
 */
export function groupMailNickname(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 56);
  return ascii || `group-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 12)}`;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const empty = (v: string | null | undefined) => (v === '' || v === undefined ? null : v);

/**
 * Security groups (seed 001 グループプロビジョニング): one per directory group, created, linked
 * (an unlinked group finds one security group of the same display name), updated, and on removal
 * emptied or deleted by the switch. Members always follow (グループメンバーのプロビジョニング is fixed
 * on): exactly the active people of the group who have an account.
 */
export function planGroups(
  input: PlanInput,
  users: UserOutcome,
): { operations: PlanOperation[]; problems: PlanProblem[] } {
  const operations: PlanOperation[] = [];
  const problems: PlanProblem[] = [];
  const tenantById = new Map(input.tenant.groups.map((g) => [g.id, g]));
  const linked = new Set(input.groups.map((g) => g.m365GroupId).filter((id): id is string => !!id));
  const personOf = new Map<string, string>();
  for (const p of input.people) if (p.m365AccountId) personOf.set(p.m365AccountId, p.personId);
  for (const { ref } of users.accounts.values())
    if (ref.userId) personOf.set(ref.userId, ref.personId);

  for (const group of [...input.groups].sort((a, b) => compare(a.name, b.name))) {
    const subject = { kind: 'group' as const, groupName: group.name };
    const existing = group.m365GroupId ? tenantById.get(group.m365GroupId) : undefined;
    if (group.removed) {
      if (existing) operations.push(...removal(group, existing, input, personOf));
      continue;
    }
    if (group.m365GroupId && !existing) {
      problems.push({
        subject,
        code: 'linkedGroupMissing',
        params: { groupId: group.m365GroupId },
      });
      continue;
    }
    let target: GraphGroup | null = existing ?? null;
    if (!group.m365GroupId) {
      const sameName = input.tenant.groups.filter(
        (g) => g.securityEnabled && g.displayName === group.displayName && !linked.has(g.id),
      );
      if (sameName.length > 1) {
        problems.push({ subject, code: 'ambiguousGroup', params: { count: sameName.length } });
        continue;
      }
      target = sameName[0] ?? null;
      if (target) operations.push({ kind: 'linkGroup', groupName: group.name, groupId: target.id });
      else
        operations.push({
          kind: 'createGroup',
          groupName: group.name,
          body: {
            displayName: group.displayName,
            description: empty(group.description),
            mailNickname: groupMailNickname(group.name),
            securityEnabled: true,
            mailEnabled: false,
          },
        });
    }
    if (target) {
      const update = groupUpdate(group, target);
      if (update) operations.push(update);
    }
    operations.push(
      ...memberChanges(group, target, desiredMembers(group, input, users), users, personOf),
    );
  }
  return { operations, problems };
}

function groupUpdate(group: DirectoryGroup, target: GraphGroup): PlanOperation | null {
  const changes: {
    property: 'displayName' | 'description';
    old: string | null;
    new: string | null;
  }[] = [];
  if (target.displayName !== group.displayName)
    changes.push({ property: 'displayName', old: target.displayName, new: group.displayName });
  if (empty(target.description) !== empty(group.description))
    changes.push({
      property: 'description',
      old: empty(target.description),
      new: empty(group.description),
    });
  if (changes.length === 0) return null;
  return {
    kind: 'updateGroup',
    groupName: group.name,
    groupId: target.id,
    changes,
    body: Object.fromEntries(changes.map((c) => [c.property, c.new])),
  };
}

function desiredMembers(group: DirectoryGroup, input: PlanInput, users: UserOutcome): UserRef[] {
  return input.people
    .filter((p) => !p.removed && p.groups.includes(group.name))
    .map((p) => users.accounts.get(p.personId)?.ref)
    .filter((ref): ref is UserRef => !!ref)
    .sort((a, b) => compare(a.personId, b.personId));
}

function memberChanges(
  group: DirectoryGroup,
  target: GraphGroup | null,
  desired: UserRef[],
  users: UserOutcome,
  personOf: Map<string, string>,
): PlanOperation[] {
  const current = new Set(target?.memberIds ?? []);
  const wanted = new Set(desired.map((r) => r.userId).filter((id): id is string => !!id));
  const adds: PlanOperation[] = desired
    .filter((ref) => !ref.userId || !current.has(ref.userId))
    .map((member) => ({
      kind: 'addMember',
      groupName: group.name,
      groupId: target?.id ?? null,
      member,
    }));
  const removes: PlanOperation[] = [...current]
    // A deleted user leaves its groups with it.
    .filter((id) => !wanted.has(id) && !users.deletedUserIds.has(id))
    .sort(compare)
    .map((memberId) => ({
      kind: 'removeMember',
      groupName: group.name,
      groupId: target!.id,
      memberId,
      personId: personOf.get(memberId) ?? null,
      reason: 'notInDirectoryGroup',
    }));
  return [...adds, ...removes];
}

function removal(
  group: DirectoryGroup,
  existing: GraphGroup,
  input: PlanInput,
  personOf: Map<string, string>,
): PlanOperation[] {
  if (input.switches.groupRemoval === 'delete')
    return [{ kind: 'deleteGroup', groupName: group.name, groupId: existing.id }];
  return [...existing.memberIds].sort(compare).map((memberId) => ({
    kind: 'removeMember',
    groupName: group.name,
    groupId: existing.id,
    memberId,
    personId: personOf.get(memberId) ?? null,
    reason: 'groupRemoved',
  }));
}

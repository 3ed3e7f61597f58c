import type { DirectoryGroup, Person } from '../../src/people/person';
import type { PlanOperation, ProvisioningPlan, UserRef } from '../../src/provisioning/plan';
import type { GraphUser, TenantSnapshot } from '../../src/provisioning/tenant';

function merge(target: Record<string, unknown>, body: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(body)) {
    const old = target[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object')
      target[k] = { ...(old as Record<string, unknown>), ...(v as Record<string, unknown>) };
    else target[k] = v;
  }
}

/**
 * Applies a plan the way Graph and the applier would, in memory: a stand-in for the real applier
 * so the planner's promise (planning again against the result gives nothing to do) can be tested.
 */
export function applyPlan(
  plan: ProvisioningPlan,
  state: { people: Person[]; groups: DirectoryGroup[]; tenant: TenantSnapshot },
): { people: Person[]; groups: DirectoryGroup[]; tenant: TenantSnapshot } {
  const people = state.people.map((p) => ({ ...p, releasedAccountIds: [...p.releasedAccountIds] }));
  const groups = state.groups.map((g) => ({ ...g }));
  const tenant: TenantSnapshot = {
    users: state.tenant.users.map((u) => structuredClone(u)),
    groups: state.tenant.groups.map((g) => ({ ...g, memberIds: [...g.memberIds] })),
    skus: state.tenant.skus.map((s) => ({ ...s })),
  };
  const personOf = (id: string) => people.find((p) => p.personId === id)!;
  const userId = (ref: UserRef) => ref.userId ?? personOf(ref.personId).m365AccountId!;
  const user = (id: string) => tenant.users.find((u) => u.id === id)!;
  const groupOf = (name: string) => groups.find((g) => g.name === name)!;
  let next = 1;
  const apply: { [K in PlanOperation['kind']]: (op: Extract<PlanOperation, { kind: K }>) => void } =
    {
      createUser: (op) => {
        const created = {
          id: `new-user-${next++}`,
          accountEnabled: true,
          assignedLicenses: [],
        } as unknown as GraphUser;
        merge(created, op.body);
        tenant.users.push(created);
        personOf(op.personId).m365AccountId = created.id;
      },
      linkUser: (op) => void (personOf(op.personId).m365AccountId = op.userId),
      updateUser: (op) => merge(user(op.userId), op.body),
      stopUser: (op) => void (user(op.userId).accountEnabled = false),
      deleteUser: (op) => {
        tenant.users = tenant.users.filter((u) => u.id !== op.userId);
        for (const g of tenant.groups) g.memberIds = g.memberIds.filter((m) => m !== op.userId);
      },
      assignLicenses: (op) => {
        const u = user(userId(op.user));
        const drop = new Set([...op.remove, ...op.add].map((l) => l.skuId));
        u.assignedLicenses = [
          ...u.assignedLicenses.filter((l) => !drop.has(l.skuId)),
          ...op.add.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans })),
        ];
      },
      createGroup: (op) => {
        const id = `new-group-${next++}`;
        tenant.groups.push({ id, ...op.body, memberIds: [] });
        groupOf(op.groupName).m365GroupId = id;
      },
      linkGroup: (op) => void (groupOf(op.groupName).m365GroupId = op.groupId),
      updateGroup: (op) => merge(tenant.groups.find((g) => g.id === op.groupId)! as never, op.body),
      deleteGroup: (op) => void (tenant.groups = tenant.groups.filter((g) => g.id !== op.groupId)),
      addMember: (op) => {
        const id = op.groupId ?? groupOf(op.groupName).m365GroupId!;
        tenant.groups.find((g) => g.id === id)!.memberIds.push(userId(op.member));
      },
      removeMember: (op) => {
        const g = tenant.groups.find((x) => x.id === op.groupId)!;
        g.memberIds = g.memberIds.filter((m) => m !== op.memberId);
      },
    };
  for (const op of plan.operations) (apply[op.kind] as (o: PlanOperation) => void)(op);
  return { people, groups, tenant };
}

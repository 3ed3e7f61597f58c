import { planGroups } from './plan-groups';
import { planLicences } from './plan-licences';
import {
  OPERATION_KINDS,
  type OperationKind,
  type PlanInput,
  type PlanOperation,
  type PlanProblem,
  type ProvisioningPlan,
} from './plan-types';
import { planUsers } from './plan-users';

export type * from './plan-types';

/**
 * The provisioning plan (pure: no I/O, no clock, no randomness): what to change in Microsoft 365
 * so that it matches the people directory, by the switches. Order is deterministic and the one
 * to apply in: user links, creates and updates (by person id), stops and deletes, licences,
 * then groups and their members (by group name). Problems are listed per person or group, never
 * thrown; a plan against the tenant it produced is empty.
 */
export function planProvisioning(input: PlanInput): ProvisioningPlan {
  const users = planUsers(input);
  const removalKinds = new Set<OperationKind>(['stopUser', 'deleteUser']);
  const userOps = users.operations.filter((op) => !removalKinds.has(op.kind));
  const removals = users.operations.filter((op) => removalKinds.has(op.kind));
  const licences = input.switches.licences
    ? planLicences(input, users)
    : { operations: [], problems: [] };
  const groups = input.switches.groups
    ? planGroups(input, users)
    : { operations: [], problems: [] };
  const operations: PlanOperation[] = [
    ...userOps,
    ...removals,
    ...licences.operations,
    ...groups.operations,
  ];
  const problems: PlanProblem[] = [...users.problems, ...licences.problems, ...groups.problems];
  return finishPlan(operations, problems, input.switches.safetyLimit);
}

/** A plan's counts and its removals against the safety limit, from its operations. */
export function finishPlan(
  operations: PlanOperation[],
  problems: PlanProblem[],
  safetyLimit: number,
): ProvisioningPlan {
  const counts = Object.fromEntries(OPERATION_KINDS.map((k) => [k, 0])) as Record<
    OperationKind,
    number
  >;
  for (const op of operations) counts[op.kind] += 1;
  const removals = counts.stopUser + counts.deleteUser;
  return {
    operations,
    problems,
    summary: { ...counts, problems: problems.length },
    removals,
    safetyLimit,
    needsApproval: removals > safetyLimit,
  };
}

import { z } from 'zod';
import type { ProvisioningConfig } from '../config/provisioning-config';
import { DaichoError } from '../errors';
import {
  type OperationKind,
  type PlanOperation,
  type PlanProblem,
  type ProvisioningPlan,
} from './plan-types';
import { finishPlan } from './plan';

const id = z.string().min(1);
const userRef = z.object({ personId: id, userId: id.nullable() });
const body = z.record(z.unknown());
const removal = { personId: id, userId: id, userPrincipalName: id, reason: z.string() };
const change = z.object({ property: id, old: z.unknown(), new: z.unknown() });
const licence = z.object({ skuId: id, skuPartNumber: z.string().nullable() });

const operation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('createUser'), personId: id, userPrincipalName: id, body }),
  z.object({ kind: z.literal('linkUser'), personId: id, userId: id, userPrincipalName: id }),
  z.object({
    kind: z.literal('updateUser'),
    personId: id,
    userId: id,
    changes: z.array(change),
    body,
  }),
  z.object({ kind: z.literal('stopUser'), ...removal }),
  z.object({ kind: z.literal('deleteUser'), ...removal }),
  z.object({
    kind: z.literal('assignLicenses'),
    personId: id,
    user: userRef,
    add: z.array(licence.extend({ disabledPlans: z.array(z.string()) })),
    remove: z.array(licence),
  }),
  z.object({
    kind: z.literal('createGroup'),
    groupName: id,
    body: z.object({ displayName: id, description: z.string().nullable(), mailNickname: id }),
  }),
  z.object({ kind: z.literal('linkGroup'), groupName: id, groupId: id }),
  z.object({
    kind: z.literal('updateGroup'),
    groupName: id,
    groupId: id,
    changes: z.array(change),
    body,
  }),
  z.object({ kind: z.literal('deleteGroup'), groupName: id, groupId: id }),
  z.object({
    kind: z.literal('addMember'),
    groupName: id,
    groupId: id.nullable(),
    member: userRef,
  }),
  z.object({
    kind: z.literal('removeMember'),
    groupName: id,
    groupId: id,
    memberId: id,
    personId: id.nullable(),
    reason: z.string(),
  }),
]);

const problem = z.object({
  subject: z.union([
    z.object({ kind: z.literal('person'), personId: id }),
    z.object({ kind: z.literal('group'), groupName: id }),
  ]),
  code: id,
  params: z.record(z.union([z.string(), z.number()])),
});

const planShape = z.object({
  operations: z.array(z.unknown()),
  problems: z.array(problem).default([]),
});

/** Which switch each kind of operation needs (linkUser only records what the plan found). */
const SWITCH: Record<OperationKind, { on: keyof ProvisioningConfig; variable: string } | null> = {
  createUser: { on: 'accounts', variable: 'PROVISION_ACCOUNTS' },
  linkUser: null,
  updateUser: { on: 'accounts', variable: 'PROVISION_ACCOUNTS' },
  stopUser: { on: 'accounts', variable: 'PROVISION_ACCOUNTS' },
  deleteUser: { on: 'accounts', variable: 'PROVISION_ACCOUNTS' },
  assignLicenses: { on: 'licences', variable: 'PROVISION_LICENSES' },
  createGroup: { on: 'groups', variable: 'PROVISION_GROUPS' },
  linkGroup: { on: 'groups', variable: 'PROVISION_GROUPS' },
  updateGroup: { on: 'groups', variable: 'PROVISION_GROUPS' },
  deleteGroup: { on: 'groups', variable: 'PROVISION_GROUPS' },
  addMember: { on: 'groups', variable: 'PROVISION_GROUPS' },
  removeMember: { on: 'groups', variable: 'PROVISION_GROUPS' },
};

const bad = (reason: string) => new DaichoError('INVALID_INPUT', 'provision.badPlan', { reason });

/**
 * A plan given to apply (the JSON of `daicho provision plan --json`, or a held run's plan) as
 * it will be executed: every operation checked for shape, none of a kind whose switch is off
 * now, and the counts and the safety check worked out again from the operations themselves —
 * an edited `needsApproval: false` does not get past the safety limit.
 */
export function checkPlan(given: unknown, config: ProvisioningConfig): ProvisioningPlan {
  const shape = planShape.safeParse(given);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw bad(`${issue.path.join('.') || 'plan'}: ${issue.message}`);
  }
  const operations: PlanOperation[] = [];
  shape.data.operations.forEach((raw, i) => {
    const parsed = operation.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw bad(`operations[${i}].${issue.path.join('.')}: ${issue.message}`);
    }
    operations.push(raw as PlanOperation);
  });
  checkSwitches(operations, config);
  return finishPlan(operations, shape.data.problems as PlanProblem[], config.safetyLimit);
}

/** Refuses a plan with an operation whose switch is off now. */
export function checkSwitches(operations: PlanOperation[], config: ProvisioningConfig): void {
  for (const op of operations) {
    const needs = SWITCH[op.kind];
    if (needs && !config[needs.on])
      throw new DaichoError('PROVISIONING_OFF', 'provision.planSwitchOff', {
        kind: op.kind,
        variable: needs.variable,
      });
  }
}

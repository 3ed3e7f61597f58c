import { GraphRequestError } from './graph-directory';
import type { AttributeChange, PlanOperation } from './plan-types';
import type { ProvisioningSubject } from './provisioning-runs';

/** The applier's small rules: dependencies, subjects, Graph's refusals, log text, a pool. */

/** The reason an operation cannot run: what it needs failed earlier in this run. */
export function dependencyLost(
  op: PlanOperation,
  lostUsers: Map<string, string>,
  lostGroups: Map<string, string>,
): string | undefined {
  switch (op.kind) {
    case 'updateUser':
    case 'assignLicenses':
      return lostUsers.get(op.personId);
    case 'addMember':
      return lostGroups.get(op.groupName) ?? lostUsers.get(op.member.personId);
    case 'updateGroup':
    case 'removeMember':
      return lostGroups.get(op.groupName);
    default:
      return undefined;
  }
}

/** Member changes belong to the person (their "why"); a member no person owns, to the group. */
export function subjectOf(op: PlanOperation): ProvisioningSubject {
  switch (op.kind) {
    case 'createGroup':
    case 'linkGroup':
    case 'updateGroup':
    case 'deleteGroup':
      return { kind: 'group', groupName: op.groupName };
    case 'addMember':
      return { kind: 'person', personId: op.member.personId };
    case 'removeMember':
      return op.personId
        ? { kind: 'person', personId: op.personId }
        : { kind: 'group', groupName: op.groupName };
    default:
      return { kind: 'person', personId: op.personId };
  }
}

/** Graph's refusal as a reason key (its code, message and request id go in `error`). */
export function classify(e: GraphRequestError): string {
  if (/does not have any available licenses/i.test(e.message)) return 'licencesExhausted';
  if (/usage location/i.test(e.message)) return 'noUsageLocation';
  if (e.details.some((d) => d.code === 'ObjectConflict')) return 'conflict';
  if (e.status === 429) return 'throttled';
  if (e.status === 404) return 'notFound';
  if (e.status === 401 || e.status === 403) return 'forbidden';
  if (e.status === 0) return 'noResponse';
  return 'graphError';
}

/** Resolves true when the object was already gone (404): what a removal wanted is so. */
export async function orGone(call: Promise<void>): Promise<boolean> {
  try {
    await call;
    return false;
  } catch (e) {
    if (e instanceof GraphRequestError && e.status === 404) return true;
    throw e;
  }
}

export function licenceText(op: Extract<PlanOperation, { kind: 'assignLicenses' }>): string {
  const add = op.add.map((l) => `+${l.skuPartNumber}`);
  const remove = op.remove.map((l) => `-${l.skuPartNumber ?? l.skuId}`);
  return [...add, ...remove].join(' ');
}

/** The attributes a new account gets, as changes from nothing (never the password). */
export function createdValues(body: Record<string, unknown>): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (name === 'passwordProfile' || name === 'accountEnabled') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>))
        changes.push({ property: `${name}.${sub}`, old: null, new: asValue(v) });
    } else changes.push({ property: name, old: null, new: asValue(value) });
  }
  return changes;
}

const asValue = (v: unknown): AttributeChange['new'] =>
  Array.isArray(v) ? v.map(String) : v === null || v === undefined ? null : String(v);

/** Runs `work` over `items`, `size` at a time; the first unexpected error stops new work. */
export async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { e: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (e) {
        failure ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failure) throw failure.e;
}

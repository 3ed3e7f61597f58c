import { toCsv } from '../../csv/table-file';
import type { PlanOperation, ProvisioningPlan } from '../../provisioning/plan-types';
import { createChanges, subjectKey, subjectOf } from '../../cards/provision-format';

/*
 * A provisioning plan as the bot compares it (Apply only applies the plan the card showed) and
 * offers it for download (one CSV row per attribute change).
 */

/** Equal plans: the same operations, in order, and the same need for approval. */
export function samePlan(a: ProvisioningPlan, b: ProvisioningPlan): boolean {
  return a.needsApproval === b.needsApproval && canonical(a.operations) === canonical(b.operations);
}

/** JSON with sorted keys (a plan read back from MongoDB keeps its values, not always its order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

const CSV_COLUMNS = [
  'kind',
  'subject',
  'personId',
  'groupName',
  'property',
  'old',
  'new',
  'detail',
] as const;

/** The whole plan: one row per attribute change (or per operation without any), then problems. */
export function planCsv(plan: ProvisioningPlan): string {
  const rows: Record<string, unknown>[] = [];
  const cell = (v: unknown) => (Array.isArray(v) ? v.join(';') : v);
  for (const op of plan.operations) {
    const subject = subjectOf(op);
    const base = {
      kind: op.kind,
      subject: subjectKey(subject),
      personId: subject.kind === 'person' ? subject.personId : personOf(op),
      groupName: subject.kind === 'group' ? subject.groupName : '',
    };
    const changes =
      op.kind === 'updateUser' || op.kind === 'updateGroup'
        ? op.changes
        : op.kind === 'createUser'
          ? createChanges(op.body)
          : [];
    if (changes.length > 0)
      for (const c of changes)
        rows.push({ ...base, property: c.property, old: cell(c.old), new: cell(c.new) });
    else rows.push({ ...base, detail: detailOf(op) });
  }
  for (const p of plan.problems)
    rows.push({
      kind: `problem:${p.code}`,
      subject: subjectKey(p.subject),
      personId: p.subject.kind === 'person' ? p.subject.personId : '',
      groupName: p.subject.kind === 'group' ? p.subject.groupName : '',
      detail: JSON.stringify(p.params),
    });
  return toCsv(CSV_COLUMNS, rows);
}

function personOf(op: PlanOperation): string {
  if (op.kind === 'addMember') return op.member.personId;
  if (op.kind === 'removeMember') return op.personId ?? '';
  return '';
}

function detailOf(op: PlanOperation): string {
  switch (op.kind) {
    case 'linkUser':
      return `${op.userPrincipalName} ${op.userId}`;
    case 'stopUser':
    case 'deleteUser':
      return `${op.userPrincipalName} ${op.userId} (${op.reason})`;
    case 'assignLicenses':
      return [
        ...op.add.map(
          (a) =>
            `+${a.skuPartNumber}${a.disabledPlans.length ? ` (off: ${a.disabledPlans.join(' ')})` : ''}`,
        ),
        ...op.remove.map((r) => `-${r.skuPartNumber ?? r.skuId}`),
      ].join(' ');
    case 'createGroup':
      return op.body.displayName;
    case 'linkGroup':
    case 'deleteGroup':
      return op.groupId;
    case 'addMember':
      return op.member.userId ?? '';
    case 'removeMember':
      return `${op.memberId} (${op.reason})`;
    default:
      return '';
  }
}

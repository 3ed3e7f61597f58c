import { isMessageKey, t, type Locale } from '../i18n/messages';
import type {
  AttributeChange,
  OperationKind,
  PlanOperation,
  PlanProblem,
  UserValue,
} from '../provisioning/plan-types';
import { clip, count } from './format';

/** How long one attribute value may be in a diff line (old and new each). */
export const DIFF_VALUE_MAX = 60;

/** Whom an operation, a problem or a log entry is about. */
export type ProvisionSubject =
  { kind: 'person'; personId: string } | { kind: 'group'; groupName: string };

export function subjectOf(op: PlanOperation): ProvisionSubject {
  switch (op.kind) {
    case 'createGroup':
    case 'linkGroup':
    case 'updateGroup':
    case 'deleteGroup':
    case 'addMember':
    case 'removeMember':
      return { kind: 'group', groupName: op.groupName };
    default:
      return { kind: 'person', personId: op.personId };
  }
}

export function subjectKey(subject: ProvisionSubject): string {
  return subject.kind === 'person' ? `person:${subject.personId}` : `group:${subject.groupName}`;
}

/** "利用者 E0001 (山田 太郎)" / "グループ 営業部": display names only when the handler knows them. */
export function subjectLabel(
  subject: ProvisionSubject,
  locale: Locale,
  names: Record<string, string> = {},
): string {
  if (subject.kind === 'group')
    return t(locale, 'card.provision.group', { name: clip(subject.groupName, 80) });
  const name = names[subject.personId];
  return t(locale, name ? 'card.provision.personNamed' : 'card.provision.person', {
    id: clip(subject.personId, 64),
    name: clip(name ?? '', 60),
  });
}

export function kindLabel(kind: OperationKind | string, locale: Locale): string {
  const key = `card.provision.kind.${kind}`;
  return isMessageKey(key) ? t(locale, key) : kind;
}

export function valueText(value: UserValue | undefined, locale: Locale): string {
  if (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && !value.length)
  )
    return t(locale, 'card.none');
  return clip(Array.isArray(value) ? value.join(', ') : String(value), DIFF_VALUE_MAX);
}

/** "department: 営業部 → 総務部" */
export function changeLine(change: AttributeChange, locale: Locale): string {
  return `${clip(change.property, 60)}: ${valueText(change.old, locale)} → ${valueText(change.new, locale)}`;
}

/** The attributes a new account gets, as diff lines from nothing (nested bodies flattened). */
export function createChanges(body: Record<string, unknown>): AttributeChange[] {
  const changes: AttributeChange[] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
      return;
    }
    // accountEnabled is always true on a new account; it says nothing about this person.
    if (prefix === 'accountEnabled' || prefix.startsWith('passwordProfile')) return;
    if (value === null || value === undefined) return;
    const v = Array.isArray(value) ? value.map(String) : String(value);
    changes.push({ property: prefix, old: null, new: v });
  };
  walk('', body);
  return changes;
}

/** One operation as a headline and its detail lines (attribute diffs, licences). */
export function operationLines(
  op: PlanOperation,
  locale: Locale,
): { text: string; lines: string[] } {
  const say = (params: Record<string, string | number> = {}) =>
    t(locale, `card.provision.op.${op.kind}`, params);
  switch (op.kind) {
    case 'createUser': {
      const changes = createChanges(op.body);
      return {
        text: say({ upn: clip(op.userPrincipalName, 80) }),
        lines: changes.map((c) => changeLine(c, locale)),
      };
    }
    case 'linkUser':
      return { text: say({ upn: clip(op.userPrincipalName, 80) }), lines: [] };
    case 'updateUser':
      return {
        text: say({ count: count(op.changes.length, locale) }),
        lines: op.changes.map((c) => changeLine(c, locale)),
      };
    case 'stopUser':
    case 'deleteUser':
      return {
        text: say({
          upn: clip(op.userPrincipalName, 80),
          reason: t(locale, `card.provision.reason.${op.reason}`),
        }),
        lines: [],
      };
    case 'assignLicenses':
      return {
        text: say({ add: op.add.length, remove: op.remove.length }),
        lines: [
          ...op.add.map((a) =>
            a.disabledPlans.length
              ? t(locale, 'card.provision.licenceAddOff', {
                  sku: clip(a.skuPartNumber, 60),
                  plans: clip(a.disabledPlans.join(', '), 120),
                })
              : t(locale, 'card.provision.licenceAdd', { sku: clip(a.skuPartNumber, 60) }),
          ),
          ...op.remove.map((r) =>
            t(locale, 'card.provision.licenceRemove', {
              sku: clip(r.skuPartNumber ?? r.skuId, 60),
            }),
          ),
        ],
      };
    case 'createGroup':
      return {
        text: say({ name: clip(op.body.displayName, 80) }),
        lines: createChanges({
          description: op.body.description,
          mailNickname: op.body.mailNickname,
        }).map((c) => changeLine(c, locale)),
      };
    case 'linkGroup':
    case 'deleteGroup':
      return { text: say({ groupId: op.groupId }), lines: [] };
    case 'updateGroup':
      return {
        text: say({ count: op.changes.length }),
        lines: op.changes.map((c) => changeLine(c, locale)),
      };
    case 'addMember':
      return { text: say({ member: memberLabel(op.member.personId, locale) }), lines: [] };
    case 'removeMember':
      return {
        text: say({
          member: memberLabel(op.personId ?? op.memberId, locale),
          reason: t(locale, `card.provision.reason.${op.reason}`),
        }),
        lines: [],
      };
  }
}

function memberLabel(id: string, locale: Locale): string {
  return clip(id, 64) || t(locale, 'card.none');
}

/** "利用者 E0001: 必須属性 displayName が空です" */
export function problemText(
  problem: PlanProblem,
  locale: Locale,
  names: Record<string, string> = {},
): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(problem.params))
    params[k] = typeof v === 'string' ? clip(v, 80) : v;
  return clip(
    `${subjectLabel(problem.subject, locale, names)}: ${t(locale, `provision.problem.${problem.code}`, params)}`,
    300,
  );
}

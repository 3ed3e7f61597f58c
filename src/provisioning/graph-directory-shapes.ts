import type { GraphGroup, GraphUser, SubscribedSku } from './graph-directory';

/** What listUsers always $selects: the planner matches and diffs on these. */
export const USER_BASE_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'mailNickname',
  'accountEnabled',
  'onPremisesImmutableId',
  'assignedLicenses',
];

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A Graph user as the planner sees it; OData annotations (@odata.*) are dropped. */
export function toGraphUser(raw: Record<string, unknown>): GraphUser {
  const properties = Object.fromEntries(
    Object.entries(raw).filter(([name]) => !name.startsWith('@odata.')),
  );
  const licences = Array.isArray(raw.assignedLicenses) ? raw.assignedLicenses : [];
  return {
    ...properties,
    id: String(raw.id),
    userPrincipalName: String(raw.userPrincipalName),
    displayName: text(raw.displayName),
    mailNickname: text(raw.mailNickname),
    accountEnabled: typeof raw.accountEnabled === 'boolean' ? raw.accountEnabled : null,
    onPremisesImmutableId: text(raw.onPremisesImmutableId),
    assignedLicenses: licences.map((licence: { skuId?: unknown; disabledPlans?: unknown }) => ({
      skuId: String(licence.skuId),
      disabledPlans: Array.isArray(licence.disabledPlans) ? licence.disabledPlans.map(String) : [],
    })),
  };
}

export function toGraphGroup(raw: Record<string, unknown>, memberIds: string[]): GraphGroup {
  return {
    id: String(raw.id),
    displayName: String(raw.displayName ?? ''),
    description: text(raw.description),
    mailNickname: String(raw.mailNickname ?? ''),
    securityEnabled: raw.securityEnabled === true,
    memberIds,
  };
}

export function toSubscribedSku(raw: Record<string, unknown>): SubscribedSku {
  const prepaid = (raw.prepaidUnits ?? {}) as { enabled?: unknown };
  const plans = Array.isArray(raw.servicePlans) ? raw.servicePlans : [];
  return {
    skuId: String(raw.skuId),
    skuPartNumber: String(raw.skuPartNumber ?? ''),
    prepaidEnabled: typeof prepaid.enabled === 'number' ? prepaid.enabled : 0,
    consumedUnits: typeof raw.consumedUnits === 'number' ? raw.consumedUnits : 0,
    servicePlans: plans.map((plan: { servicePlanId?: unknown; servicePlanName?: unknown }) => ({
      servicePlanId: String(plan.servicePlanId),
      servicePlanName: String(plan.servicePlanName ?? ''),
    })),
  };
}

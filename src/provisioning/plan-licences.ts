import type { LicenceProfiles, LicenceProfileSku } from './licence-profiles';
import type {
  LicenceToAdd,
  LicenceToRemove,
  PlanInput,
  PlanOperation,
  PlanProblem,
} from './plan-types';
import type { UserOutcome } from './plan-users';
import type { SubscribedSku } from './tenant';

type Resolved =
  { ok: true; licences: LicenceToAdd[] } | { ok: false; problem: Omit<PlanProblem, 'subject'> };

function findSku(skus: SubscribedSku[], wanted: LicenceProfileSku): SubscribedSku | undefined {
  if (wanted.skuId) return skus.find((s) => s.skuId.toLowerCase() === wanted.skuId!.toLowerCase());
  return skus.find((s) => s.skuPartNumber.toLowerCase() === wanted.skuPartNumber!.toLowerCase());
}

/** A profile's SKUs and disabled plans as ids, read from the tenant's subscribedSkus. */
function resolveProfile(name: string, profiles: LicenceProfiles, skus: SubscribedSku[]): Resolved {
  const profile = profiles[name];
  if (!profile)
    return { ok: false, problem: { code: 'unknownLicenceProfile', params: { profile: name } } };
  const licences: LicenceToAdd[] = [];
  for (const wanted of profile) {
    const sku = findSku(skus, wanted);
    if (!sku)
      return {
        ok: false,
        problem: {
          code: 'unknownSku',
          params: { profile: name, sku: wanted.skuPartNumber ?? wanted.skuId ?? '' },
        },
      };
    const disabledPlans: string[] = [];
    for (const plan of wanted.disabledPlans) {
      const found = sku.servicePlans.find(
        (p) => p.servicePlanName === plan || p.servicePlanId.toLowerCase() === plan.toLowerCase(),
      );
      if (!found)
        return {
          ok: false,
          problem: {
            code: 'unknownServicePlan',
            params: { profile: name, sku: sku.skuPartNumber, plan },
          },
        };
      disabledPlans.push(found.servicePlanId);
    }
    licences.push({
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      disabledPlans: [...new Set(disabledPlans)].sort(),
    });
  }
  return { ok: true, licences };
}

/** Every SKU some profile names: only these are ever removed, others were assigned by hand. */
function managedSkuIds(profiles: LicenceProfiles, skus: SubscribedSku[]): Set<string> {
  const ids = new Set<string>();
  for (const profile of Object.values(profiles))
    for (const wanted of profile) {
      const sku = findSku(skus, wanted);
      if (sku) ids.add(sku.skuId);
    }
  return ids;
}

const samePlans = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * Licences: each active person with an account gets exactly the SKUs of their profile (with its
 * disabled plans); profile SKUs they no longer should have are removed. A person whose profile
 * cannot be resolved, or whose new SKUs have no units left, is reported and left as is.
 */
export function planLicences(
  input: PlanInput,
  users: UserOutcome,
): { operations: PlanOperation[]; problems: PlanProblem[] } {
  const operations: PlanOperation[] = [];
  const problems: PlanProblem[] = [];
  const { skus } = input.tenant;
  const managed = managedSkuIds(input.licenceProfiles, skus);
  const unitsLeft = new Map(skus.map((s) => [s.skuId, s.prepaidEnabled - s.consumedUnits]));
  const partNumber = new Map(skus.map((s) => [s.skuId, s.skuPartNumber]));
  const people = [...input.people]
    .filter((p) => !p.removed)
    .sort((a, b) => (a.personId < b.personId ? -1 : 1));
  for (const person of people) {
    const account = users.accounts.get(person.personId);
    if (!account) continue;
    const subject = { kind: 'person' as const, personId: person.personId };
    let desired: LicenceToAdd[] = [];
    if (person.licenceProfile) {
      const resolved = resolveProfile(person.licenceProfile, input.licenceProfiles, skus);
      if (!resolved.ok) {
        problems.push({ subject, ...resolved.problem });
        continue;
      }
      desired = resolved.licences;
    }
    const current = account.user?.assignedLicenses ?? [];
    const add = desired.filter((d) => {
      const has = current.find((c) => c.skuId === d.skuId);
      return !has || !samePlans(has.disabledPlans, d.disabledPlans);
    });
    const remove: LicenceToRemove[] = current
      .filter((c) => managed.has(c.skuId) && !desired.some((d) => d.skuId === c.skuId))
      .map((c) => ({ skuId: c.skuId, skuPartNumber: partNumber.get(c.skuId) ?? null }));
    if (add.length === 0 && remove.length === 0) continue;
    // Graph assigns no licence to a user without a usage location.
    const usageLocation =
      'usageLocation' in account.values
        ? account.values.usageLocation
        : account.user?.usageLocation;
    if (add.length > 0 && !usageLocation) {
      problems.push({ subject, code: 'noUsageLocation', params: {} });
      continue;
    }
    const newSkus = add.filter((a) => !current.some((c) => c.skuId === a.skuId));
    const short = newSkus.find((a) => (unitsLeft.get(a.skuId) ?? 0) < 1);
    if (short) {
      problems.push({ subject, code: 'licencesExhausted', params: { sku: short.skuPartNumber } });
      continue;
    }
    for (const a of newSkus) unitsLeft.set(a.skuId, unitsLeft.get(a.skuId)! - 1);
    operations.push({
      kind: 'assignLicenses',
      personId: person.personId,
      user: account.ref,
      add,
      remove,
    });
  }
  return { operations, problems };
}

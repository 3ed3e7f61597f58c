import { z } from 'zod';

/**
 * Licence profiles (seed 001 ライセンスプロファイル): a name → the SKUs a person with that profile
 * gets, each with the service plans switched off. SKUs are named by skuPartNumber (what admins see,
 * e.g. ENTERPRISEPACK) or skuId; plans by servicePlanName (e.g. YAMMER_ENTERPRISE) or id. Both
 * are resolved against the tenant's subscribedSkus when a run is planned.
 */
export interface LicenceProfileSku {
  skuPartNumber: string | null;
  skuId: string | null;
  disabledPlans: string[];
}

export type LicenceProfiles = Record<string, LicenceProfileSku[]>;

const skuSchema = z
  .object({
    skuPartNumber: z.string().min(1).optional(),
    skuId: z.string().uuid('skuId must be a GUID').optional(),
    disabledPlans: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((s) => !!s.skuPartNumber !== !!s.skuId, 'give either skuPartNumber or skuId');

const fileSchema = z.record(z.string().min(1), z.array(skuSchema));

/** The file's content → profiles, or one sentence per problem (path first). */
export function parseLicenceProfiles(json: unknown): {
  profiles: LicenceProfiles | null;
  problems: string[];
} {
  const result = fileSchema.safeParse(json);
  if (!result.success)
    return {
      profiles: null,
      problems: result.error.issues.map((i) =>
        i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message,
      ),
    };
  const profiles: LicenceProfiles = {};
  for (const [name, skus] of Object.entries(result.data))
    profiles[name] = skus.map((s) => ({
      skuPartNumber: s.skuPartNumber ?? null,
      skuId: s.skuId ?? null,
      disabledPlans: s.disabledPlans,
    }));
  return { profiles, problems: [] };
}

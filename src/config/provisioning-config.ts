import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLicenceProfiles, type LicenceProfiles } from '../provisioning/licence-profiles';
import { defaultMapping, parseMapping, type AttributeMapping } from '../provisioning/mapping';

/** Microsoft 365 provisioning (seed 001): what is provisioned, and how removals are handled. */
export interface ProvisioningConfig {
  /** アカウントプロビジョニング: create, update, stop or delete users. */
  accounts: boolean;
  /** ライセンスプロビジョニング: assign and remove licences by profile. */
  licences: boolean;
  /** グループプロビジョニング (members always included while on). */
  groups: boolean;
  /** サービスアカウント削除時の動作: a removed or unlinked person's account is stopped or deleted. */
  accountRemoval: 'stop' | 'delete';
  /** サービスグループ削除時の動作: a removed group loses its members only, or is deleted. */
  groupRemoval: 'members' | 'delete';
  /** More stops + deletes than this in one run wait for an admin's approval. */
  safetyLimit: number;
  mapping: AttributeMapping;
  /** The admin's mapping file; null = the shipped default-mapping.json. */
  mappingFile: string | null;
  licenceProfiles: LicenceProfiles;
}

/** The parsed variables this part reads (a structural slice of config.ts's table). */
export interface ProvisioningVariables {
  PROVISION_ACCOUNTS: boolean;
  PROVISION_LICENSES: boolean;
  PROVISION_GROUPS: boolean;
  PROVISION_ACCOUNT_REMOVAL: 'stop' | 'delete';
  PROVISION_GROUP_REMOVAL: 'members' | 'delete';
  PROVISION_SAFETY_LIMIT: number;
  PROVISIONING_MAPPING_FILE?: string | undefined;
  PROVISIONING_LICENSE_PROFILES_FILE?: string | undefined;
}

/**
 * Reads and checks the mapping and licence profile files once, at start. Each problem names the
 * variable, the file and where to fix it; none is thrown here (config.ts collects them all).
 */
export function provisioningConfig(
  p: ProvisioningVariables,
  root: string,
  where: (name: string) => string,
  problems: string[],
): ProvisioningConfig | undefined {
  const before = problems.length;
  let mapping: AttributeMapping | null = null;
  let mappingFile: string | null = null;
  if (p.PROVISIONING_MAPPING_FILE) {
    mappingFile = path.resolve(root, p.PROVISIONING_MAPPING_FILE);
    const json = readJson('PROVISIONING_MAPPING_FILE', mappingFile, where, problems);
    if (json !== undefined) {
      const parsed = parseMapping(json);
      for (const problem of parsed.problems)
        problems.push(`PROVISIONING_MAPPING_FILE (${mappingFile}): ${problem}`);
      mapping = parsed.mapping;
    }
  } else mapping = defaultMapping();

  let licenceProfiles: LicenceProfiles | null = {};
  if (p.PROVISIONING_LICENSE_PROFILES_FILE) {
    const file = path.resolve(root, p.PROVISIONING_LICENSE_PROFILES_FILE);
    const json = readJson('PROVISIONING_LICENSE_PROFILES_FILE', file, where, problems);
    licenceProfiles = null;
    if (json !== undefined) {
      const parsed = parseLicenceProfiles(json);
      for (const problem of parsed.problems)
        problems.push(`PROVISIONING_LICENSE_PROFILES_FILE (${file}): ${problem}`);
      licenceProfiles = parsed.profiles;
    }
  } else if (p.PROVISION_LICENSES) {
    problems.push(
      `PROVISIONING_LICENSE_PROFILES_FILE is required with PROVISION_LICENSES=on (the profiles to assign): set it in ${where('PROVISIONING_LICENSE_PROFILES_FILE')}`,
    );
  }
  if (problems.length > before || !mapping || !licenceProfiles) return undefined;
  return {
    accounts: p.PROVISION_ACCOUNTS,
    licences: p.PROVISION_LICENSES,
    groups: p.PROVISION_GROUPS,
    accountRemoval: p.PROVISION_ACCOUNT_REMOVAL,
    groupRemoval: p.PROVISION_GROUP_REMOVAL,
    safetyLimit: p.PROVISION_SAFETY_LIMIT,
    mapping,
    mappingFile,
    licenceProfiles,
  };
}

function readJson(
  variable: string,
  file: string,
  where: (name: string) => string,
  problems: string[],
): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e);
    problems.push(`${variable} cannot be read (${file}: ${why}): fix it in ${where(variable)}`);
    return undefined;
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
  } catch (e) {
    problems.push(`${variable} (${file}) is not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
}

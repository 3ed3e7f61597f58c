import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { problemsOf } from '../support/config-problems';
import shipped from '../../src/provisioning/default-mapping.json';

function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'daicho-provisioning-'));
  mkdirSync(path.join(root, 'env'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return root;
}

describe('provisioning configuration', () => {
  it('is off by default: stop, members, a limit of 10 and the shipped mapping', () => {
    const { provisioning } = loadConfig({}, project());
    expect(provisioning).toMatchObject({
      accounts: false,
      licences: false,
      groups: false,
      accountRemoval: 'stop',
      groupRemoval: 'members',
      safetyLimit: 10,
      mappingFile: null,
      licenceProfiles: {},
    });
    expect(provisioning.mapping.entries).toEqual(shipped.attributes);
  });

  it('reads the switches, the mapping file and the licence profiles (relative to the project)', () => {
    const mapping = {
      attributes: [
        ...shipped.attributes,
        { source: 'custom.区分', target: 'onPremisesExtensionAttributes.extensionAttribute1' },
      ],
    };
    const root = project({
      'mapping.json': JSON.stringify(mapping),
      'profiles.json': `\ufeff${JSON.stringify({ 標準: [{ skuPartNumber: 'ENTERPRISEPACK', disabledPlans: ['YAMMER_ENTERPRISE'] }] })}`,
    });
    const { provisioning } = loadConfig(
      {
        PROVISION_ACCOUNTS: 'on',
        PROVISION_LICENSES: 'on',
        PROVISION_GROUPS: 'true',
        PROVISION_ACCOUNT_REMOVAL: 'delete',
        PROVISION_GROUP_REMOVAL: 'delete',
        PROVISION_SAFETY_LIMIT: '0',
        PROVISIONING_MAPPING_FILE: 'mapping.json',
        PROVISIONING_LICENSE_PROFILES_FILE: 'profiles.json',
      },
      root,
    );
    expect(provisioning).toMatchObject({
      accounts: true,
      licences: true,
      groups: true,
      accountRemoval: 'delete',
      groupRemoval: 'delete',
      safetyLimit: 0,
      mappingFile: path.join(root, 'mapping.json'),
      licenceProfiles: {
        標準: [
          { skuPartNumber: 'ENTERPRISEPACK', skuId: null, disabledPlans: ['YAMMER_ENTERPRISE'] },
        ],
      },
    });
    expect(provisioning.mapping.entries).toHaveLength(shipped.attributes.length + 1);
  });

  it('names the variable for a bad switch, a bad mapping, a missing file and bad profiles', () => {
    const broken = { attributes: shipped.attributes.filter((a) => a.target !== 'mailNickname') };
    const root = project({
      'mapping.json': JSON.stringify(broken),
      'profiles.json': JSON.stringify({ 標準: [{ disabledPlans: [] }] }),
    });
    expect(problemsOf(() => loadConfig({ PROVISION_ACCOUNTS: 'yes' }, root))).toEqual([
      expect.stringMatching(/^PROVISION_ACCOUNTS must be on or off \(got "yes"\)/),
    ]);
    expect(
      problemsOf(() =>
        loadConfig(
          {
            PROVISIONING_MAPPING_FILE: 'mapping.json',
            PROVISIONING_LICENSE_PROFILES_FILE: 'profiles.json',
          },
          root,
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^PROVISIONING_MAPPING_FILE \(.*mapping\.json\): mailNickname is required and fixed/,
      ),
      expect.stringMatching(
        /^PROVISIONING_LICENSE_PROFILES_FILE \(.*profiles\.json\): 標準\.0: give either skuPartNumber or skuId/,
      ),
    ]);
    expect(problemsOf(() => loadConfig({ PROVISIONING_MAPPING_FILE: 'nope.json' }, root))).toEqual([
      expect.stringMatching(
        /^PROVISIONING_MAPPING_FILE cannot be read \(.*nope\.json: no such file\)/,
      ),
    ]);
    expect(problemsOf(() => loadConfig({ PROVISION_LICENSES: 'on' }, root))).toEqual([
      expect.stringMatching(
        /^PROVISIONING_LICENSE_PROFILES_FILE is required with PROVISION_LICENSES=on/,
      ),
    ]);
  });

  it('refuses a mapping that syncs passwords, with the reason from seed 001', () => {
    const root = project({
      'mapping.json': JSON.stringify({
        attributes: [
          ...shipped.attributes,
          { source: 'custom.pw', target: 'passwordProfile.password' },
        ],
      }),
    });
    expect(
      problemsOf(() => loadConfig({ PROVISIONING_MAPPING_FILE: 'mapping.json' }, root)),
    ).toEqual([expect.stringContaining('password sync is not offered for Microsoft 365')]);
  });
});

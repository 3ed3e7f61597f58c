import shipped from '../../src/provisioning/default-mapping.json';
import {
  FIXED_TARGETS,
  PASSWORD_SYNC_REFUSAL,
  PROVISIONABLE_TARGETS,
  defaultMapping,
  parseMapping,
  userSelect,
  type MappingEntry,
} from '../../src/provisioning/mapping';
import { userPropertiesFromSchema } from '../support/graph-user-schema';

const entries = (): MappingEntry[] => defaultMapping().entries.map((e) => ({ ...e }));
const problemsOf = (list: unknown[]) => parseMapping({ attributes: list }).problems;

describe('attribute mapping', () => {
  it('the shipped mapping is valid and maps every seed 001 attribute, the fixed ones to themselves', () => {
    const { mapping, problems } = parseMapping(shipped);
    expect(problems).toEqual([]);
    const targets = mapping!.entries.map((e) => e.target);
    for (const fixed of FIXED_TARGETS)
      expect(mapping!.entries).toContainEqual({ source: fixed, target: fixed });
    expect(targets).toEqual(
      expect.arrayContaining([
        'employeeOrgData.division',
        'employeeOrgData.costCenter',
        'businessPhones',
        'otherMails',
        'usageLocation',
      ]),
    );
  });

  it('every target it can hold is a microsoft.graph.user property of user.schema.json taking text', () => {
    const fromSchema = userPropertiesFromSchema();
    for (const target of PROVISIONABLE_TARGETS)
      expect([target, fromSchema[target]]).toEqual([
        target,
        expect.stringMatching(/^string(\[\])?$/),
      ]);
    for (const { target } of defaultMapping().entries) expect(fromSchema).toHaveProperty([target]);
  });

  it('accepts custom fields on the optional attributes, including extension attributes 1..15', () => {
    const list = [
      ...entries(),
      { source: 'custom.社員区分', target: 'onPremisesExtensionAttributes.extensionAttribute1' },
      { source: 'custom.grade', target: 'onPremisesExtensionAttributes.extensionAttribute15' },
    ];
    expect(problemsOf(list)).toEqual([]);
  });

  it.each(FIXED_TARGETS)('refuses a mapping without the fixed %s', (fixed) => {
    expect(problemsOf(entries().filter((e) => e.target !== fixed))).toEqual([
      expect.stringMatching(new RegExp(`^${fixed} is required and fixed: it cannot be removed`)),
    ]);
  });

  it('refuses a fixed attribute sent elsewhere, or filled from something else', () => {
    const moved = entries()
      .map((e) => (e.target === 'userPrincipalName' ? { ...e, target: 'mail' } : e))
      .filter((e) => e.source !== 'mail');
    expect(problemsOf(moved)).toEqual([
      'userPrincipalName is required and fixed: its target cannot be changed to mail',
    ]);
    const refilled = entries().map((e) =>
      e.target === 'displayName' ? { source: 'custom.name', target: 'displayName' } : e,
    );
    expect(problemsOf(refilled)).toEqual([
      'displayName is required and fixed: it must come from displayName, not custom.name',
    ]);
  });

  it.each([
    [{ source: 'custom.pw', target: 'passwordProfile.password' }, PASSWORD_SYNC_REFUSAL],
    [{ source: 'password', target: 'extensionAttribute1' }, PASSWORD_SYNC_REFUSAL],
    [{ source: 'city', target: 'passwordPolicies' }, PASSWORD_SYNC_REFUSAL],
    [
      { source: 'city', target: 'hometown' },
      'hometown is not a property of a Microsoft 365 user (microsoft.graph.user)',
    ],
    [
      { source: 'city', target: 'onPremisesExtensionAttributes.extensionAttribute16' },
      'not a property',
    ],
    [
      { source: 'city', target: 'accountEnabled' },
      'accountEnabled is not one of the provisioned attributes',
    ],
    [{ source: 'city', target: 'userType' }, 'not one of the provisioned attributes'],
    [
      { source: 'nickname', target: 'jobTitle' },
      'nickname is neither a directory attribute nor a custom field',
    ],
    [
      { source: 'custom.a.b', target: 'jobTitle' },
      'neither a directory attribute nor a custom field',
    ],
    [
      { source: 'otherMails', target: 'onPremisesExtensionAttributes.extensionAttribute2' },
      'otherMails holds several values but onPremisesExtensionAttributes.extensionAttribute2 takes one',
    ],
    [{ source: 'custom.x', target: 'city' }, 'city is mapped twice (from city and custom.x)'],
    [{ source: 'custom.x' }, 'needs a "source" and a "target"'],
  ])('refuses %j', (entry, message) => {
    const problems = problemsOf([...entries(), entry]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('names the password refusal after seed 001', () => {
    expect(PASSWORD_SYNC_REFUSAL).toContain('パスワード同期');
  });

  it('says which user properties to read so every mapped one can be compared', () => {
    const select = userSelect(defaultMapping());
    expect(select).toEqual(
      expect.arrayContaining(['displayName', 'employeeOrgData', 'businessPhones', 'usageLocation']),
    );
    expect(select.filter((s) => s === 'employeeOrgData')).toHaveLength(1);
    expect(select.some((s) => s.includes('.'))).toBe(false);
  });

  it('refuses something that is not a mapping at all', () => {
    expect(parseMapping([]).problems).toEqual(['must be a JSON object with an "attributes" array']);
    expect(parseMapping(null).mapping).toBeNull();
  });
});

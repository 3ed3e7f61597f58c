import { isDirectoryAttribute, isListAttribute } from '../people/person';
import defaultMappingJson from './default-mapping.json';
import { USER_PROPERTIES } from './user-properties';

/**
 * The attribute mapping (seed 001 属性マッピング): which directory attribute or custom field fills
 * which Microsoft 365 user property. An admin edits it as JSON:
 * `{"attributes": [{"source": "department", "target": "department"}, …]}`.
 */
export interface MappingEntry {
  /** A directory attribute (`department`) or a custom field (`custom.<name>`). */
  source: string;
  /** A microsoft.graph.user property; complex ones as dotted paths (`employeeOrgData.division`). */
  target: string;
}

export interface AttributeMapping {
  entries: MappingEntry[];
}

/** Seed 001 「プロビジョニング必須の属性」: always mapped, from the attribute of the same name. */
export const FIXED_TARGETS = [
  'displayName',
  'mailNickname',
  'onPremisesImmutableId',
  'userPrincipalName',
] as const;

const EXTENSION_ATTRIBUTES = Array.from(
  { length: 15 },
  (_, i) => `onPremisesExtensionAttributes.extensionAttribute${i + 1}`,
);

/**
 * Every property seed 001's table lists, plus usageLocation: Graph refuses to assign a licence to
 * a user without one, so licence provisioning needs it mapped.
 */
export const PROVISIONABLE_TARGETS: readonly string[] = [
  ...FIXED_TARGETS,
  'businessPhones',
  'city',
  'companyName',
  'country',
  'department',
  'employeeId',
  'employeeOrgData.division',
  'employeeOrgData.costCenter',
  'employeeType',
  'faxNumber',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  ...EXTENSION_ATTRIBUTES,
  'otherMails',
  'postalCode',
  'preferredDataLocation',
  'preferredLanguage',
  'state',
  'streetAddress',
  'surname',
  'usageLocation',
];

/** Seed 001 「パスワード同期: Microsoft 365 連携において、本機能は無効です」. */
export const PASSWORD_SYNC_REFUSAL =
  'password sync is not offered for Microsoft 365 (seed 001: パスワード同期は Microsoft 365 連携では無効です)';

const CUSTOM_PREFIX = 'custom.';

export function isCustomSource(source: string): boolean {
  return source.startsWith(CUSTOM_PREFIX) && isCustomFieldName(source.slice(CUSTOM_PREFIX.length));
}

/** No dots (a MongoDB path separator), no leading `$`, no spaces: safe as a sub-document key. */
export function isCustomFieldName(name: string): boolean {
  return /^[^.$\s][^.\s]{0,63}$/.test(name);
}

const isPasswordTarget = (target: string) =>
  target === 'passwordProfile' ||
  target.startsWith('passwordProfile.') ||
  target === 'passwordPolicies';

/**
 * Checks a mapping file's content: every problem, one sentence each (empty when valid). The
 * targets are checked against the properties of microsoft.graph.user (user.schema.json).
 */
export function parseMapping(json: unknown): {
  mapping: AttributeMapping | null;
  problems: string[];
} {
  const list = (json as { attributes?: unknown } | null)?.attributes;
  if (typeof json !== 'object' || json === null || !Array.isArray(list))
    return { mapping: null, problems: ['must be a JSON object with an "attributes" array'] };
  const problems: string[] = [];
  const entries: MappingEntry[] = [];
  const byTarget = new Map<string, MappingEntry>();
  list.forEach((item: unknown, i) => {
    const { source, target } = (item ?? {}) as Record<string, unknown>;
    const where = `attributes[${i}]`;
    if (typeof source !== 'string' || typeof target !== 'string' || !source || !target) {
      problems.push(`${where} needs a "source" and a "target" (text)`);
      return;
    }
    const problem = entryProblem(source, target);
    if (problem) problems.push(`${where} (${source} → ${target}): ${problem}`);
    else if (byTarget.has(target))
      problems.push(
        `${where}: ${target} is mapped twice (from ${byTarget.get(target)!.source} and ${source})`,
      );
    else {
      byTarget.set(target, { source, target });
      entries.push({ source, target });
    }
  });
  for (const fixed of FIXED_TARGETS) problems.push(...fixedTargetProblems(fixed, entries));
  return problems.length > 0 ? { mapping: null, problems } : { mapping: { entries }, problems };
}

/** A required attribute must stay mapped, and only from the attribute of the same name. */
function fixedTargetProblems(fixed: string, entries: MappingEntry[]): string[] {
  const toFixed = entries.find((e) => e.target === fixed);
  if (toFixed)
    return toFixed.source === fixed
      ? []
      : [`${fixed} is required and fixed: it must come from ${fixed}, not ${toFixed.source}`];
  const moved = entries.find((e) => e.source === fixed);
  return [
    moved
      ? `${fixed} is required and fixed: its target cannot be changed to ${moved.target}`
      : `${fixed} is required and fixed: it cannot be removed (keep {"source": "${fixed}", "target": "${fixed}"})`,
  ];
}

function entryProblem(source: string, target: string): string | null {
  if (isPasswordTarget(target) || /^password/i.test(source)) return PASSWORD_SYNC_REFUSAL;
  const kind = USER_PROPERTIES[target];
  if (!kind) return `${target} is not a property of a Microsoft 365 user (microsoft.graph.user)`;
  if (!PROVISIONABLE_TARGETS.includes(target))
    return `${target} is not one of the provisioned attributes (seed 001's table)`;
  if (!isDirectoryAttribute(source) && !isCustomSource(source))
    return `${source} is neither a directory attribute nor a custom field (custom.<name>)`;
  if (isListAttribute(source) && kind !== 'string[]')
    return `${source} holds several values but ${target} takes one`;
  if (kind !== 'string' && kind !== 'string[]') return `${target} does not take text`;
  return null;
}

/** The mapping shipped in src/provisioning/default-mapping.json (every seed 001 attribute). */
export function defaultMapping(): AttributeMapping {
  const { mapping, problems } = parseMapping(defaultMappingJson);
  if (!mapping) throw new Error(`default-mapping.json is invalid: ${problems.join('; ')}`);
  return mapping;
}

/** Values of a collection property (otherMails, businessPhones) vs one text value. */
export function takesSeveral(target: string): boolean {
  return USER_PROPERTIES[target] === 'string[]';
}

/**
 * The user properties to read ($select) so that every mapped one can be compared: the top level
 * of each target, plus usageLocation, which licence assignment needs whether mapped or not.
 */
export function userSelect(mapping: AttributeMapping): string[] {
  return [...new Set([...mapping.entries.map((e) => e.target.split('.')[0]), 'usageLocation'])];
}

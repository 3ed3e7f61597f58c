/**
 * A person in the directory (利用者): the source of Microsoft 365 provisioning (seed 001). The
 * attributes are those of seed 001's attribute table, named like the Graph properties they map to
 * by default, plus usageLocation (Graph needs it before it assigns a licence).
 */
export const SINGLE_VALUE_ATTRIBUTES = [
  'displayName',
  'givenName',
  'surname',
  'userPrincipalName',
  'mail',
  'mailNickname',
  'onPremisesImmutableId',
  'mobilePhone',
  'faxNumber',
  'city',
  'companyName',
  'country',
  'department',
  'employeeId',
  'division',
  'costCenter',
  'employeeType',
  'jobTitle',
  'officeLocation',
  'postalCode',
  'preferredDataLocation',
  'preferredLanguage',
  'state',
  'streetAddress',
  'usageLocation',
] as const;

/** Attributes that hold several values. Graph takes several otherMails but one businessPhone. */
export const LIST_ATTRIBUTES = ['businessPhones', 'otherMails'] as const;

export type SingleValueAttribute = (typeof SINGLE_VALUE_ATTRIBUTES)[number];
export type ListAttribute = (typeof LIST_ATTRIBUTES)[number];
export type DirectoryAttribute = SingleValueAttribute | ListAttribute;

export const DIRECTORY_ATTRIBUTES: readonly DirectoryAttribute[] = [
  ...SINGLE_VALUE_ATTRIBUTES,
  ...LIST_ATTRIBUTES,
];

export type PersonAttributes = { [A in SingleValueAttribute]: string | null } & {
  [A in ListAttribute]: string[];
};

export interface Person extends PersonAttributes {
  /** The directory's own key (社員番号 or similar): required, unique, never changes. */
  personId: string;
  /** Free fields an admin adds (カスタムフィールド), mapped as `custom.<name>`. */
  custom: Record<string, string>;
  /** Name of a licence profile (PROVISIONING_LICENSE_PROFILES_FILE), or none. */
  licenceProfile: string | null;
  /** Names of directory groups (directoryGroups.name) the person belongs to. */
  groups: string[];
  /** The Microsoft 365 user (object id) this person is linked to. */
  m365AccountId: string | null;
  /**
   * Accounts that were unlinked from this person and that the next apply stops or deletes (seed
   * 001: "Microsoft 365 アカウントID の情報を解除した時"). The applier forgets each once done.
   */
  releasedAccountIds: string[];
  /** Removed from the directory: the next apply stops or deletes the linked account. */
  removed: boolean;
  removedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A directory group: provisioned as a Microsoft 365 security group (seed 001). */
export interface DirectoryGroup {
  /** The key people's `groups` refer to. */
  name: string;
  displayName: string;
  description: string | null;
  /** The Microsoft 365 group (object id) this group is linked to. */
  m365GroupId: string | null;
  removed: boolean;
  removedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The onPremisesImmutableId a person gets when none is given: base64 of the UTF-8 person id.
 * Stable (the same person always gets the same value, on any server), unique as the person id is,
 * and the format Entra ID shows for ids that came from an on-premises directory.
 */
export function defaultImmutableId(personId: string): string {
  return Buffer.from(personId, 'utf8').toString('base64');
}

/** A person with every attribute empty: the base of a new record. */
export function emptyAttributes(): PersonAttributes {
  const attributes = {} as Record<string, string | null | string[]>;
  for (const a of SINGLE_VALUE_ATTRIBUTES) attributes[a] = null;
  for (const a of LIST_ATTRIBUTES) attributes[a] = [];
  return attributes as PersonAttributes;
}

export function isListAttribute(name: string): name is ListAttribute {
  return (LIST_ATTRIBUTES as readonly string[]).includes(name);
}

export function isDirectoryAttribute(name: string): name is DirectoryAttribute {
  return (DIRECTORY_ATTRIBUTES as readonly string[]).includes(name);
}

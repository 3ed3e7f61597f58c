import { spellings } from '../ledger/device-input';
import { DIRECTORY_ATTRIBUTES, type DirectoryAttribute } from './person';

/** The columns of a people CSV, in export order (custom.<name> columns follow). */
export const PERSON_COLUMNS = [
  'personId',
  ...DIRECTORY_ATTRIBUTES,
  'licenceProfile',
  'groups',
  'm365AccountId',
  'removed',
] as const;

export type PersonField =
  | 'personId'
  | DirectoryAttribute
  | 'licenceProfile'
  | 'groups'
  | 'removed'
  | `custom.${string}`
  | ReadOnlyField;

/** Written by link / unlink / the applier, not by an import: ignored when a file carries them. */
type ReadOnlyField =
  'm365AccountId' | 'releasedAccountIds' | 'removedAt' | 'createdAt' | 'updatedAt' | '_id';
export const READ_ONLY_FIELDS: ReadonlySet<string> = new Set<ReadOnlyField>([
  'm365AccountId',
  'releasedAccountIds',
  'removedAt',
  'createdAt',
  'updatedAt',
  '_id',
]);

/** Japanese column names: seed 001's 表示名 column (Microsoft 365 管理センター) and ours. */
export const PERSON_LABELS_JA: Record<Exclude<PersonField, `custom.${string}`>, string[]> = {
  personId: ['社員番号', '個人ID'],
  displayName: ['表示名'],
  givenName: ['名'],
  surname: ['姓'],
  userPrincipalName: ['ユーザープリンシパル名', 'UPN'],
  mail: ['メールアドレス'],
  mailNickname: ['メールニックネーム'],
  onPremisesImmutableId: ['Immutable ID', 'イミュータブルID'],
  businessPhones: ['電話番号'],
  mobilePhone: ['携帯番号', '携帯電話番号'],
  faxNumber: ['FAX番号'],
  otherMails: ['その他のメール', 'Other mails'],
  city: ['都市', '市区町村'],
  companyName: ['会社名'],
  country: ['国'],
  department: ['部署'],
  employeeId: ['従業員ID'],
  division: ['部門'],
  costCenter: ['コストセンター'],
  employeeType: ['従業員タイプ'],
  jobTitle: ['役職'],
  officeLocation: ['勤務先'],
  postalCode: ['郵便番号'],
  preferredDataLocation: ['優先データの場所'],
  preferredLanguage: ['優先する言語'],
  state: ['都道府県'],
  streetAddress: ['番地'],
  usageLocation: ['利用場所'],
  licenceProfile: ['ライセンスプロファイル', 'licenseProfile'],
  groups: ['グループ'],
  removed: ['削除済み'],
  m365AccountId: ['Microsoft 365 アカウントID', 'Microsoft 365 アカウント ID'],
  releasedAccountIds: ['解除したアカウントID'],
  removedAt: ['削除日時'],
  createdAt: ['作成日時'],
  updatedAt: ['更新日時'],
  _id: [],
};

const ALIASES = new Map<string, PersonField>();
for (const [field, labels] of Object.entries(PERSON_LABELS_JA) as [PersonField, string[]][]) {
  for (const name of spellings(field)) ALIASES.set(name, field);
  for (const label of labels) ALIASES.set(label.normalize('NFKC').toLowerCase(), field);
}
ALIASES.set('id', 'personId');

const CUSTOM_PREFIXES = ['custom.', 'カスタム.', 'カスタムフィールド.'];

/**
 * A column name (camelCase, kebab-case, snake_case or Japanese) → its field; `custom.<name>`
 * (or `カスタム.<name>`) → that custom field, name kept as written.
 */
export function fieldFromName(name: string): PersonField | undefined {
  const trimmed = name.normalize('NFKC').trim();
  const prefix = CUSTOM_PREFIXES.find((p) => trimmed.toLowerCase().startsWith(p));
  if (prefix) return `custom.${trimmed.slice(prefix.length).trim()}`;
  return ALIASES.get(trimmed.toLowerCase());
}

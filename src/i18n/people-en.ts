import type { CatalogPart } from './catalog';

/** English: the people directory (利用者) and its CLI. Spread into en.ts. */
export const peopleEn = {
  'people.notFound': 'No person "{id}" in the directory.',
  'people.badAccountId':
    '"{accountId}" is not a Microsoft 365 account id: give the user\'s object id (a GUID, shown in the Entra admin center under Users).',
  'people.alreadyLinked':
    'Person "{id}" is already linked to account {accountId}; unlink it first (daicho people unlink {id}).',
  'people.accountTaken': 'Account {accountId} is already linked to person "{otherId}".',
  'people.notLinked': 'Person "{id}" is not linked to a Microsoft 365 account.',
  'people.groupNotFound': 'No directory group "{name}".',
  'people.linked': 'Linked person "{id}" to Microsoft 365 account {accountId}.',
  'people.alreadyLinkedSame':
    'Person "{id}" is already linked to account {accountId}; nothing changed.',
  'people.unlinked':
    'Unlinked person "{id}" from account {accountId}. The next provisioning apply will {removal} that account.',
  'people.removal.stop': 'stop (block sign-in to)',
  'people.removal.delete': 'delete',
  'people.importRejected':
    '{count, plural, one {# row is} other {# rows are}} invalid, so nothing was written. Fix them and import the file again.',
  'people.importDone':
    'Imported people: {created} added, {updated} updated, {unchanged} unchanged; {groupsCreated, plural, one {# new directory group} other {# new directory groups}}.',
  'people.input.personIdMissing': 'personId (社員番号) is missing',
  'people.input.badPersonId': 'personId "{value}" must be 1-64 characters without spaces',
  'people.input.duplicateInFile': 'person "{id}" appears twice in the file (as on line {line})',
  'people.input.badEmail': '"{field}" is not an e-mail address: "{value}"',
  'people.input.badUsageLocation':
    'usageLocation must be a two-letter country code (JP, US …), not "{value}"',
  'people.input.badMailNickname':
    'mailNickname "{value}" may only have ASCII letters, digits and . - _ (no spaces, no @)',
  'people.input.badBoolean': '"{field}" must be true or false, not "{value}"',
  'people.input.badCustomName': 'custom field name "{field}" may not contain dots or spaces',
} satisfies CatalogPart;

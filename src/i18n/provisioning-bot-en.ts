import type { CatalogPart } from './catalog';

/**
 * English: the bot's Microsoft 365 provisioning, people and mapping cards (seed 001). Kept apart
 * from en.ts so the catalog stays readable; en.ts spreads it in.
 */
export const provisioningBotEn = {
  // Help and commands
  'card.action.provision': 'Provisioning plan',
  'card.action.mapping': 'Attribute mapping',
  'card.help.provision':
    'Preview what Microsoft 365 provisioning would change for the people directory (a dry run), then apply it. "provision why ‹person id›" shows what happened to one person.',
  'card.help.mapping':
    'See which person attribute fills which Microsoft 365 user property, and the provisioning switches. "person ‹person id›" shows a person of the directory.',
  'bot.provision.whyUsage':
    'Send "provision why" followed by a person id, e.g. "provision why E00012".',
  'bot.provision.notPlanned':
    'This preview (run {runId}) is not a dry run waiting to be applied (now: {status}). Nothing was changed. Send "provision" for a new plan.',
  'bot.provision.changed':
    'Microsoft 365 or the directory changed after that preview, so nothing was applied. This is the current plan: review it and apply again.',
  'bot.provision.notHeld':
    'Run {runId} is no longer waiting for approval (now: {status}). Nothing was changed.',
  'bot.provision.applying':
    'Still applying; the result card will be posted in this conversation when it is done.',
  'bot.provision.failed':
    'Provisioning failed while applying (correlation id: {correlationId}). See the log and "provision why".',
  'bot.person.usage': 'Send "person" followed by a person id, e.g. "person E00012".',
  'bot.person.invalid': 'Not saved: {reasons}',
  'bot.person.unknownProfile':
    'no licence profile "{profile}" in PROVISIONING_LICENSE_PROFILES_FILE',
  'bot.person.unlinkStale':
    'Person "{id}" is no longer linked to account {accountId} (now: {current}). Nothing was changed.',
  'bot.person.removedNotice':
    'Removed from the directory. The next provisioning apply will {removal} the linked account.',
  'bot.person.restoredNotice':
    'Restored. A stopped account stays stopped (unblock it in the Microsoft 365 admin center).',
  'people.edit.stale':
    'Person "{id}" changed after this card was shown, so nothing was saved (to overwrite nothing). Edit from the current card.',
  'people.edit.required': '"{field}" cannot be empty',

  // Preview
  'card.provision.titlePlanned': 'Provisioning plan (dry run)',
  'card.provision.titleHeld': 'Provisioning waits for approval',
  'card.provision.titleOther': 'Provisioning plan ({status})',
  'card.provision.intro':
    'Nothing has been changed in Microsoft 365 yet. Review the changes, then apply.',
  'card.provision.introHeld':
    'More accounts would be stopped or deleted than the safety limit allows, so this run waits for an admin. Approving applies this plan.',
  'card.provision.meta': 'Planned {at} · {by} · run {runId}',
  'card.provision.switches':
    'Accounts: {accounts} · Licences: {licences} · Groups: {groups} · On removal: {removal}',
  'card.provision.on': 'on',
  'card.provision.off': 'off',
  'card.provision.removal.stop': 'stop (block sign-in)',
  'card.provision.removal.delete': 'delete',
  'card.provision.empty': 'Microsoft 365 already matches the directory: nothing to change.',
  'card.provision.needsApproval':
    'This plan stops or deletes {removals, plural, one {# account} other {# accounts}}, more than the safety limit ({limit}): it is applied only after an admin approves.',
  'card.provision.objectsTitle': 'People and groups with changes ({count})',
  'card.provision.problemsTitle': 'Problems ({count})',
  'card.provision.problems': 'Problems',
  'card.provision.moreChanges':
    '…and {count, plural, one {# more change} other {# more changes}} (all in the CSV)',
  'card.provision.apply': 'Apply',
  'card.provision.applyForApproval': 'Apply (will wait for approval)',
  'card.provision.approve': 'Approve and apply',
  'card.provision.reject': 'Reject',
  'card.provision.refresh': 'Plan again',
  'card.provision.person': 'Person {id}',
  'card.provision.personNamed': 'Person {id} ({name})',
  'card.provision.group': 'Group {name}',
  'card.provision.members': 'Members: {add} to add, {remove} to remove',
  'card.provision.membersAdded': '+ {count}:',
  'card.provision.membersRemoved': '− {count}:',
  'card.provision.licenceAdd': '+ {sku}',
  'card.provision.licenceAddOff': '+ {sku} (plans off: {plans})',
  'card.provision.licenceRemove': '− {sku}',
  'card.provision.reason.removed': 'removed from the directory',
  'card.provision.reason.unlinked': 'account unlinked',
  'card.provision.reason.notInDirectoryGroup': 'not in the directory group',
  'card.provision.reason.groupRemoved': 'the group was removed',
  'card.provision.op.createUser': 'Create the account {upn}',
  'card.provision.op.linkUser': 'Link to the existing account {upn}',
  'card.provision.op.updateUser': 'Update {count, plural, one {# attribute} other {# attributes}}',
  'card.provision.op.stopUser': 'Stop the account {upn} (block sign-in): {reason}',
  'card.provision.op.deleteUser': 'Delete the account {upn}: {reason}',
  'card.provision.op.assignLicenses': 'Licences: {add} to add, {remove} to remove',
  'card.provision.op.createGroup': 'Create the security group "{name}"',
  'card.provision.op.linkGroup': 'Link to the existing security group {groupId}',
  'card.provision.op.updateGroup':
    'Update {count, plural, one {# group property} other {# group properties}}',
  'card.provision.op.deleteGroup': 'Delete the security group {groupId}',
  'card.provision.op.addMember': 'Add the member {member}',
  'card.provision.op.removeMember': 'Remove the member {member}: {reason}',
  'card.provision.kind.createUser': 'Create account',
  'card.provision.kind.linkUser': 'Link account',
  'card.provision.kind.updateUser': 'Update account',
  'card.provision.kind.stopUser': 'Stop account',
  'card.provision.kind.deleteUser': 'Delete account',
  'card.provision.kind.assignLicenses': 'Licences',
  'card.provision.kind.createGroup': 'Create group',
  'card.provision.kind.linkGroup': 'Link group',
  'card.provision.kind.updateGroup': 'Update group',
  'card.provision.kind.deleteGroup': 'Delete group',
  'card.provision.kind.addMember': 'Add member',
  'card.provision.kind.removeMember': 'Remove member',
  'card.provision.result.ok': 'Succeeded',
  'card.provision.result.failed': 'Failed',
  'card.provision.result.skipped': 'Skipped',
  'card.provision.logTitle': '{at} · {subject} · {operation}: {result}',
  'card.provision.graphError':
    'Microsoft Graph: {code} — {message} (HTTP {status}, request id {requestId})',

  // Result
  'card.provisionResult.title': 'Provisioning: {status}',
  'card.provisionResult.meta': 'Ended {at} · {by} · run {runId}',
  'card.provisionResult.requests': 'Graph requests',
  'card.provisionResult.failures': 'Failed operations ({count})',
  'card.provisionResult.passwordNote':
    'The first {count, plural, one {password of the # new account is} other {passwords of the # new accounts are}} never shown in a Teams chat. They are given only by `daicho provision apply` in the CLI; for accounts created here, reset the password in the Microsoft 365 admin center and give it to the person (it must be changed at the first sign-in).',

  // Why
  'card.provisionWhy.title': 'Provisioning of {id} ({name})',
  'card.provisionWhy.attributes': 'Values sent to Microsoft 365 (by the attribute mapping)',
  'card.provisionWhy.problems': 'Problems in the latest plan ({count})',
  'card.provisionWhy.noProblems': 'The latest plan has no problem with this person.',
  'card.provisionWhy.log': 'Log ({count})',
  'card.provisionWhy.run': 'Run {runId}',
  'card.provisionWhy.noLog': 'Provisioning has not done anything for this person yet.',
  'card.provisionWhy.showPerson': 'Show the person',

  // Person
  'card.person.title': 'Person {id}: {name}',
  'card.person.linked': 'Microsoft 365 account: {accountId}',
  'card.person.notLinked': 'Not linked to a Microsoft 365 account',
  'card.person.released': 'Accounts to stop or delete: {accounts}',
  'card.person.removed': 'Removed from the directory ({at})',
  'card.person.field.personId': 'Person id',
  'card.person.field.licenceProfile': 'Licence profile',
  'card.person.field.groups': 'Groups',
  'card.person.field.usageLocation': 'Usage location (country code)',
  'card.person.why': 'Provisioning log',
  'card.person.edit': 'Edit',
  'card.person.save': 'Save',
  'card.person.requiredError': 'Required',
  'card.person.usageLocationError': 'A two-letter country code (JP, US …)',
  'card.person.noProfile': '(none)',
  'card.person.link': 'Link an account',
  'card.person.linkButton': 'Link',
  'card.person.accountId': 'Microsoft 365 account id (object id)',
  'card.person.accountIdError':
    "The user's object id (a GUID), shown in the Entra admin center under Users",
  'card.person.unlink': 'Unlink',
  'card.person.unlinkConfirm':
    'Unlink account {accountId}? The next provisioning apply will {removal} that account (PROVISION_ACCOUNT_REMOVAL).',
  'card.person.unlinkButton': 'Unlink',
  'card.person.remove': 'Remove',
  'card.person.removeConfirm':
    'Remove this person from the directory? {linked}You can restore them later, but a stopped account stays stopped.',
  'card.person.removeLinked': 'The next provisioning apply will {removal} account {accountId}. ',
  'card.person.removeNotLinked': 'No account is linked, so Microsoft 365 does not change. ',
  'card.person.removeButton': 'Remove',
  'card.person.restore': 'Restore',
  'card.person.saved':
    'Saved ({fields}). The next provisioning apply sends the change to Microsoft 365.',
  'card.person.unchanged': 'Nothing changed.',

  // Mapping
  'card.mapping.title': 'Attribute mapping (Microsoft 365)',
  'card.mapping.intro':
    'Which person attribute is provisioned into which Microsoft 365 user property. Read-only here.',
  'card.mapping.file':
    'Edited in {file} (PROVISIONING_MAPPING_FILE); a change is checked when the bot starts.',
  'card.mapping.defaultFile':
    'The shipped default ({file}). To change it, copy it, edit the copy and set PROVISIONING_MAPPING_FILE.',
  'card.mapping.source': 'Person attribute',
  'card.mapping.target': 'Microsoft 365 property / admin center name',
  'card.mapping.note': 'Note',
  'card.mapping.fixed': 'Required, fixed',
  'card.mapping.oneValue': 'One value only',
  'card.mapping.severalValues': 'Several values',
  'card.mapping.custom': 'Custom field {name}',
  'card.mapping.switches': 'Provisioning settings',
  'card.mapping.accounts': 'Account provisioning',
  'card.mapping.accountRemoval': 'When a person is removed or unlinked',
  'card.mapping.passwordSync': 'Password sync',
  'card.mapping.passwordSyncOff': 'Not offered for Microsoft 365',
  'card.mapping.licences': 'Licence provisioning',
  'card.mapping.profiles': 'Licence profiles',
  'card.mapping.groups': 'Group provisioning',
  'card.mapping.members': 'Group member provisioning',
  'card.mapping.membersOn': 'on (fixed)',
  'card.mapping.membersOff': 'off (group provisioning is off)',
  'card.mapping.groupRemoval': 'When a group is removed',
  'card.mapping.groupRemoval.members': 'remove its members only',
  'card.mapping.groupRemoval.delete': 'delete the group',
  'card.mapping.safetyLimit': 'Safety limit',
  'card.mapping.safetyLimitValue':
    'a run stopping or deleting more than {count, plural, one {# account} other {# accounts}} waits for approval',

  // Seed 001: the display names in the Microsoft 365 admin center
  'card.m365.displayName': 'Display name',
  'card.m365.mailNickname': 'Mail nick name',
  'card.m365.onPremisesImmutableId': 'Immutable ID',
  'card.m365.userPrincipalName': 'userPrincipalName',
  'card.m365.businessPhones': 'Phone number',
  'card.m365.city': 'City',
  'card.m365.companyName': 'Company name',
  'card.m365.country': 'Country',
  'card.m365.department': 'Department',
  'card.m365.employeeId': 'Employee ID',
  'card.m365.employeeOrgData.division': 'Division',
  'card.m365.employeeOrgData.costCenter': 'Cost center',
  'card.m365.employeeType': 'Employee type',
  'card.m365.faxNumber': 'Fax number',
  'card.m365.givenName': 'Given name',
  'card.m365.jobTitle': 'Job title',
  'card.m365.mail': 'Mail',
  'card.m365.mobilePhone': 'Mobile phone',
  'card.m365.officeLocation': 'Office location',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute1': 'Custom attribute 1',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute2': 'Custom attribute 2',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute3': 'Custom attribute 3',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute4': 'Custom attribute 4',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute5': 'Custom attribute 5',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute6': 'Custom attribute 6',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute7': 'Custom attribute 7',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute8': 'Custom attribute 8',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute9': 'Custom attribute 9',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute10': 'Custom attribute 10',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute11': 'Custom attribute 11',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute12': 'Custom attribute 12',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute13': 'Custom attribute 13',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute14': 'Custom attribute 14',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute15': 'Custom attribute 15',
  'card.m365.otherMails': 'Other mails',
  'card.m365.postalCode': 'Postal code',
  'card.m365.preferredDataLocation': 'Preferred data location',
  'card.m365.preferredLanguage': 'Preferred language',
  'card.m365.state': 'State',
  'card.m365.streetAddress': 'Street address',
  'card.m365.surname': 'Surname',
  'card.m365.usageLocation': 'Usage location',
} satisfies CatalogPart;

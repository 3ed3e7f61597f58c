import type { CatalogPart } from './catalog';

/** English: Microsoft 365 provisioning runs and the `daicho provision` commands (seed 001). Spread into en.ts. */
export const provisionEn = {
  'provision.problem.missingRequired': 'required attribute {attribute} is empty',
  'provision.problem.singleBusinessPhone':
    'businessPhones has {count, plural, one {# number} other {# numbers}} but Microsoft 365 takes only one through the API (seed 001 ※1); keep one',
  'provision.problem.duplicateUserPrincipalName':
    'has the same userPrincipalName as person "{otherPersonId}"',
  'provision.problem.linkedAccountMissing':
    'the linked account {accountId} is not in Microsoft 365 (deleted there?); unlink it or link another',
  'provision.problem.accountLinkedToOther':
    'the account with this userPrincipalName ({accountId}) is linked to person "{otherPersonId}"',
  'provision.problem.accountUnlinked':
    'the account with this userPrincipalName ({accountId}) was unlinked from this person; link it again (daicho people link) to provision it',
  'provision.problem.unknownLicenceProfile':
    'licence profile "{profile}" is not in PROVISIONING_LICENSE_PROFILES_FILE',
  'provision.problem.unknownSku':
    'licence profile "{profile}" names {sku}, which the tenant does not subscribe to',
  'provision.problem.unknownServicePlan':
    'licence profile "{profile}": {sku} has no service plan {plan}',
  'provision.problem.licencesExhausted': 'no {sku} licences left to assign',
  'provision.problem.noUsageLocation':
    'no usageLocation: Microsoft 365 assigns no licence without one',
  'provision.problem.linkedGroupMissing':
    'the linked security group {groupId} is not in Microsoft 365',
  'provision.problem.ambiguousGroup':
    '{count, plural, one {# security group has} other {# security groups have}} this display name; link the right one',
  'provision.noGraph':
    'Microsoft 365 provisioning uses the app registration of the Intune connection: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH / AZURE_USE_MANAGED_IDENTITY) in {file}, and grant it the application permissions User.ReadWrite.All, Group.ReadWrite.All and Organization.Read.All (admin consent).',
  'provision.allOff':
    'Nothing to provision: PROVISION_ACCOUNTS, PROVISION_LICENSES and PROVISION_GROUPS are all off. Turn one on in {file}.',
  'provision.busy':
    'Another provisioning apply is running ({holder}, host {host}, pid {pid}, until {until}); run again when it ends.',
  'provision.runNotFound': 'No provisioning run "{runId}".',
  'provision.notHeld':
    'Provisioning run "{runId}" is not waiting for approval (it is {status}); nothing was done.',
  'provision.readFailed':
    'Could not read Microsoft 365 ({operation}: HTTP {status} {code}, request-id {requestId}): {reason}. Nothing was changed. The app registration needs the application permissions User.ReadWrite.All, Group.ReadWrite.All and Organization.Read.All (admin consent).',
  'provision.badPlan':
    'This is not a provisioning plan (the JSON of daicho provision plan --json): {reason}. Nothing was changed.',
  'provision.badPlanFile': 'Cannot read the plan file {file}: {reason}. Nothing was changed.',
  'provision.planTooLarge':
    'The plan has {operations, plural, one {# operation} other {# operations}} ({mb} MB), more than one run can record. Provision in parts: turn the switches on one at a time (PROVISION_ACCOUNTS first), or import the people in batches. Nothing was changed.',
  'provision.planSwitchOff':
    'The plan has {kind} operations, but {variable} is off now. Nothing was changed; make a new plan.',
  'provision.summary':
    'Accounts: {createUser} to create, {linkUser} to link, {updateUser} to update, {stopUser} to stop, {deleteUser} to delete. Licences: {assignLicenses} people. Groups: {createGroup} to create, {linkGroup} to link, {updateGroup} to update, {deleteGroup} to delete. Members: {addMember} to add, {removeMember} to remove. Problems: {problems}.',
  'provision.empty': 'Nothing to change: Microsoft 365 matches the directory.',
  'provision.dryRun':
    'Dry run {runId}: nothing was changed in Microsoft 365 ({requests, plural, one {# Graph request} other {# Graph requests}}, reads only).',
  'provision.needsApproval':
    'This plan stops or deletes {removals, plural, one {# account} other {# accounts}}, more than the safety limit ({safetyLimit}): an apply of it waits for an admin to approve.',
  'provision.held':
    'Held for approval: run {runId} would stop or delete {removals, plural, one {# account} other {# accounts}} (safety limit {safetyLimit}). Nothing was changed. Apply it with daicho provision approve {runId}, or drop it with daicho provision reject {runId}.',
  'provision.heldShort':
    'Not applied: run {runId} waits for approval (daicho provision approve {runId}).',
  'provision.result':
    'Run {runId} {status}: {ok} done, {failed} failed, {skipped} skipped ({requests, plural, one {# Graph request} other {# Graph requests}}).',
  'provision.partialShort':
    '{failed, plural, one {# operation} other {# operations}} failed in run {runId}; see the list above (daicho provision why ‹person id› for one person).',
  'provision.passwordsWarning':
    'First {count, plural, one {password of the # new account} other {passwords of the # new accounts}}: hand each over securely (not by e-mail or chat) and do not keep them. They must be changed at first sign-in, are stored nowhere and cannot be shown again.',
  'provision.rejected': 'Rejected run {runId}; nothing of it was applied.',
  'provision.problems': 'Problems (left out of the plan):',
  'provision.whyHeader': 'Person {personId} ({displayName}), Microsoft 365 account {accountId}',
  'provision.whyNone': 'No provisioning log for this person yet.',
  'provision.whyProblems': 'Problems in the latest plan:',
  'provision.runsNone': 'No provisioning runs yet.',
  'provision.subject.person': 'Person {id}',
  'provision.subject.group': 'Group {id}',
  'provision.reason.removed': 'removed from the directory',
  'provision.reason.unlinked': 'unlinked from the person',
  'provision.reason.notInDirectoryGroup': 'not in the directory group',
  'provision.reason.groupRemoved': 'the directory group was removed',
  'provision.op.createUser': 'create account',
  'provision.op.linkUser': 'link account',
  'provision.op.updateUser': 'update account',
  'provision.op.stopUser': 'stop account',
  'provision.op.deleteUser': 'delete account',
  'provision.op.assignLicenses': 'licences',
  'provision.op.createGroup': 'create group',
  'provision.op.linkGroup': 'link group',
  'provision.op.updateGroup': 'update group',
  'provision.op.deleteGroup': 'delete group',
  'provision.op.addMember': 'add member',
  'provision.op.removeMember': 'remove member',
  'provision.result.ok': 'done',
  'provision.result.failed': 'failed',
  'provision.result.skipped': 'skipped',
  'provision.status.planned': 'planned (dry run)',
  'provision.status.held': 'held for approval',
  'provision.status.applying': 'applying',
  'provision.status.applied': 'applied',
  'provision.status.partial': 'partly applied',
  'provision.status.failed': 'failed',
  'provision.status.rejected': 'rejected',
  'provision.detail.licencesExhausted': 'no licences of that SKU left',
  'provision.detail.noUsageLocation': 'no usageLocation on the account',
  'provision.detail.conflict': 'another object has the same unique value',
  'provision.detail.notFound': 'not found in Microsoft 365',
  'provision.detail.forbidden': 'the app registration lacks the permission',
  'provision.detail.throttled': 'still throttled after the retries',
  'provision.detail.noResponse': 'Microsoft 365 did not answer',
  'provision.detail.linkRefused': 'the link could not be recorded',
  'provision.detail.graphError': 'refused by Microsoft 365',
  'provision.detail.userNotCreated': 'skipped: the account was not created',
  'provision.detail.userNotLinked': 'skipped: the account was not linked',
  'provision.detail.groupNotCreated': 'skipped: the group was not created',
  'provision.detail.groupNotLinked': 'skipped: the group was not linked',
} satisfies CatalogPart;

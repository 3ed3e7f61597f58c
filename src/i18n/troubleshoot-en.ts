import type { CatalogPart } from './catalog';

/** English: the troubleshooting guides, the connection check and `explain`. Spread into en.ts. */
export const troubleshootEn = {
  'troubleshoot.open': 'Start',
  'troubleshoot.pickOne': 'Pick one answer',
  'troubleshoot.back': 'Back',
  'troubleshoot.restart': 'Start over',
  'troubleshoot.menu': 'All guides',
  'troubleshoot.runCheck': 'Run the check now',
  'troubleshoot.device': 'Device in the ledger',
  'troubleshoot.checkTitle': 'Connection check: {verdict}',
  'troubleshoot.checkAdminOnly':
    'Only admins can run the connection check. You can still go on with the manual steps.',
  'troubleshoot.stale': 'That button belongs to an earlier step. Here is where you are now.',
  'troubleshoot.noSession':
    'This troubleshooting conversation has ended. Say "troubleshoot" to start again.',
  'troubleshoot.unknownGuide':
    'There is no troubleshooting guide "{name}". Say "troubleshoot" for the list.',
  'troubleshoot.deviceNotFound':
    'No device "{assetNumber}" in the ledger; the guide starts without it.',
  'troubleshoot.deviceNotIntune':
    'not synced with Intune (the ledger has no management agent for it)',
  'troubleshoot.explainUsage':
    'Say "explain" and a status code, e.g. "explain Workplace_Join_Required".',
  'troubleshoot.outcome.intune.ok': 'it works: the app signed in and can read Intune devices',
  'troubleshoot.outcome.intune.bad-secret': 'the client secret is wrong',
  'troubleshoot.outcome.intune.expired-secret': 'the client secret has expired',
  'troubleshoot.outcome.intune.wrong-tenant': 'the tenant id does not match the app registration',
  'troubleshoot.outcome.intune.unknown-client':
    'no app with this application (client) id in the tenant',
  'troubleshoot.outcome.intune.missing-permission':
    'the app has no permission to read Intune devices (or no admin consent)',
  'troubleshoot.outcome.intune.empty-result': 'signed in, but Intune returned no devices',
  'troubleshoot.outcome.intune.throttled': 'Microsoft Graph is throttling the app (429)',
  'troubleshoot.outcome.intune.unreachable': 'Entra ID or Microsoft Graph could not be reached',
  'troubleshoot.outcome.intune.not-configured': 'no Intune connection is configured',
  'troubleshoot.outcome.jamf.ok': 'it works: the API client signed in and can read the inventory',
  'troubleshoot.outcome.jamf.bad-credentials': 'Jamf Pro refused the API client id or secret',
  'troubleshoot.outcome.jamf.missing-privilege': 'the API role lacks a privilege',
  'troubleshoot.outcome.jamf.empty-result':
    'signed in, but Jamf Pro has no computers or mobile devices',
  'troubleshoot.outcome.jamf.throttled': 'Jamf Pro is throttling the API client (429)',
  'troubleshoot.outcome.jamf.unreachable': 'the Jamf Pro server could not be reached',
  'troubleshoot.outcome.jamf.not-configured': 'no Jamf Pro connection is configured',
  'troubleshoot.fact.tenantId': 'Configured tenant',
  'troubleshoot.fact.tokenTenantId': 'Tenant of the token',
  'troubleshoot.fact.appId': 'Client (app) id',
  'troubleshoot.fact.roles': 'Token permissions',
  'troubleshoot.fact.deviceCountSample': 'Test read (up to 1)',
  'troubleshoot.fact.url': 'Jamf Pro URL',
  'troubleshoot.fact.clientId': 'API client id',
  'troubleshoot.fact.computerCount': 'Computers',
  'troubleshoot.fact.mobileDeviceCount': 'Mobile devices',
  'troubleshoot.fact.missingPrivileges': 'Missing privileges',
  'troubleshoot.fact.status': 'HTTP status',
  'troubleshoot.fact.aadCode': 'Entra ID error code',
  'troubleshoot.fact.requestId': 'Request id',
  'troubleshoot.fact.retryAfterSeconds': 'Retry-After (seconds)',
  'troubleshoot.fact.duration': 'Took',
  'troubleshoot.fact.managementAgent': 'Intune management agent',
  'troubleshoot.menu.title': 'Troubleshooting',
  'troubleshoot.menu.text': 'Choose what you need help with.',
  'troubleshoot.next': 'Next',
  'troubleshoot.error.unknownTree':
    'There is no troubleshooting guide "{treeId}". Say "troubleshoot" for the list.',
  'troubleshoot.error.staleState':
    'This troubleshooting guide ({treeId}) has changed since you started, so it cannot continue where you were. Please start over.',
  'troubleshoot.error.unknownChoice':
    '"{choice}" is not a choice of this step. Please use a button on the current card.',
  'troubleshoot.error.notACheck': 'This step ({nodeId}) has no automatic check.',
  'troubleshoot.error.unknownOutcome':
    'The automatic check returned "{outcome}", which this step does not handle. Please continue with the manual steps.',
  'troubleshoot.error.atStart': 'This is the first step; there is nothing to go back to.',
  'troubleshoot.code.unknown': 'Unknown status code "{code}". Known codes: {known}',
  'troubleshoot.code.meaning': 'Meaning: {text}',
  'troubleshoot.code.fix': 'Fix: {text}',
  'troubleshoot.code.fixedBy.device-user': 'Who fixes it: the device user',
  'troubleshoot.code.fixedBy.admin': 'Who fixes it: an admin',
  'troubleshoot.code.fixedBy.nobody': 'Who fixes it: nobody (no problem)',
} satisfies CatalogPart;

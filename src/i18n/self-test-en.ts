import type { CatalogPart } from './catalog';

/**
 * English: what the Intune and Jamf Pro connection self-tests found, as the check card of the
 * troubleshooting guides and `daicho doctor` show it. A service's own error text is a parameter
 * ({message}) and stays as the service wrote it. Spread into en.ts.
 */
export const selfTestEn = {
  'selfTest.notConfigured.intune': 'No Intune credentials are configured.',
  'selfTest.notConfigured.jamf': 'No Jamf Pro credentials are configured.',
  'selfTest.unexpected': 'The self-test failed unexpectedly: {error}.',
  'selfTest.noAnswer.intune': 'Entra ID and Graph gave no complete answer within {ms} ms.',
  'selfTest.noAnswer.jamf': 'Jamf Pro gave no complete answer within {ms} ms.',
  'selfTest.tries': ' after {attempts, plural, one {# try} other {# tries}}',
  'selfTest.intune.signInFailed': 'Sign-in failed{tries}: {message}',
  'selfTest.intune.wrongTenant':
    'The token was issued by tenant {tokenTenantId}, not by the configured {tenantId}.',
  'selfTest.intune.signedIn': 'Signed in as app {appId}; the token carries roles {roles}.',
  'selfTest.intune.signedInNoRoles':
    'Signed in as app {appId}; the token carries no application roles.',
  'selfTest.intune.signedInNoClaims':
    'Signed in as app {appId}; the token carries no readable claims.',
  'selfTest.intune.managedIdentity': '(managed identity)',
  'selfTest.intune.graphFailed': 'GET managedDevices failed{tries}: {message}',
  'selfTest.intune.answered':
    'GET managedDevices?$top=1 answered 200 with {count, plural, one {# device} other {# devices}}.',
  'selfTest.intune.answeredEmpty':
    'GET managedDevices?$top=1 answered 200 with no device: the tenant has no Intune licence, or no device is enrolled yet.',
  'selfTest.jamf.tokenFailed': 'Getting an OAuth token failed{tries}: {message}',
  'selfTest.jamf.readFailed': 'Reading {listing} failed{tries}: {message}',
  'selfTest.jamf.listing.computerCount': 'computers',
  'selfTest.jamf.listing.mobileDeviceCount': 'mobile devices',
  'selfTest.jamf.missingPrivilege':
    'Jamf Pro answered 403: the API role of client {clientId} lacks the privilege "{privilege}".',
  'selfTest.jamf.missingPrivileges':
    'Jamf Pro answered 403: the API role of client {clientId} lacks the privileges "{first}" and "{second}".',
  'selfTest.jamf.signedIn':
    'Signed in as API client {clientId}; Jamf Pro lists {computers, plural, one {# computer} other {# computers}} and {mobiles, plural, one {# mobile device} other {# mobile devices}}.',
  'selfTest.jamf.signedInEmpty':
    'Signed in as API client {clientId}; Jamf Pro lists no computer and no mobile device: nothing is enrolled yet, or JAMF_URL names another instance.',
} satisfies CatalogPart;

import type { CatalogPart } from './catalog';

/** English: `daicho doctor`, the end-to-end check of a configuration. */
export const doctorEn = {
  'doctor.status.ok': 'OK',
  'doctor.status.fail': 'NG',
  'doctor.status.skipped': 'not configured',
  'doctor.fixLabel': 'fix: {fix}',
  'doctor.summary.ok': 'No check failed.',
  'doctor.summary.fail': '{count, plural, one {# check} other {# checks}} failed.',
  'doctor.skip.config': 'Not checked: the configuration does not parse.',
  'doctor.skip.intune': 'Intune is not configured (AZURE_TENANT_ID unset).',
  'doctor.skip.jamf': 'Jamf Pro is not configured (JAMF_URL unset).',
  'doctor.skip.botLocal': 'Local mode: BOT_ID is not set (Agents Playground and tests only).',
  'doctor.skip.botMsi':
    'BOT_TYPE=UserAssignedMSI: the managed identity can only get a token inside Azure; check the bot there.',
  'doctor.skip.admins': 'Local mode: no admins are needed without BOT_ID.',
  'doctor.timeout': 'No answer within {ms} ms.',
  'doctor.fix.config':
    'Correct the variables the detail names in env/.env.‹env› (secrets in env/.env.‹env›.user) and run daicho doctor again.',
  'doctor.fix.dbUnreachable':
    'Check MONGODB_URI (host, port, user, password, TLS) and that the server is running and reachable from this machine (firewall, IP access list).',
  'doctor.fix.dbReadOnly':
    "Give the database user MONGODB_URI names the readWrite role on the database (Atlas: Database Access → the user → 'readWrite').",
  'doctor.fix.dbIndexes':
    'Start Daicho (or run daicho db status) once: it creates its indexes at start. If they still lack, duplicates block a unique index: see the server log and remove them.',
  'doctor.fix.intune.bad-secret':
    'AZURE_CLIENT_SECRET is wrong: in Entra ID → App registrations → the app → Certificates & secrets, create a new client secret and copy its Value (not the Secret ID) into env/.env.‹env›.user.',
  'doctor.fix.intune.expired-secret':
    'The client secret has expired: create a new one (Certificates & secrets) and put its Value in AZURE_CLIENT_SECRET.',
  'doctor.fix.intune.wrong-tenant':
    'AZURE_TENANT_ID is not the tenant of the app: copy the Directory (tenant) ID from the app registration Overview.',
  'doctor.fix.intune.unknown-client':
    'AZURE_CLIENT_ID names no app in this tenant: copy the Application (client) ID from the app registration Overview.',
  'doctor.fix.intune.missing-permission':
    'Add the application permission DeviceManagementManagedDevices.Read.All (API permissions → Microsoft Graph → Application permissions) and grant admin consent.',
  'doctor.fix.intune.throttled':
    'Graph is throttling this app: wait a few minutes and run daicho doctor again.',
  'doctor.fix.intune.unreachable':
    'Entra ID or Graph did not answer: check the network, proxy and AZURE_AUTHORITY_HOST / GRAPH_BASE_URL.',
  'doctor.fix.jamf.bad-credentials':
    'JAMF_CLIENT_ID / JAMF_CLIENT_SECRET are wrong or the API client is disabled: in Jamf Pro → Settings → API roles and clients, check the client and generate a new secret.',
  'doctor.fix.jamf.missing-privilege':
    "Give the client's API role the privileges Read Computers and Read Mobile Devices (Jamf Pro → Settings → API roles and clients).",
  'doctor.fix.jamf.throttled':
    'Jamf Pro is limiting requests: wait a few minutes and run daicho doctor again.',
  'doctor.fix.jamf.unreachable':
    'Jamf Pro did not answer: check JAMF_URL (https://‹instance›.jamfcloud.com), the network and the proxy.',
  'doctor.fix.bot':
    "Check BOT_ID (the Azure Bot's Microsoft App ID), BOT_PASSWORD (a client secret Value of that app) and BOT_TENANT_ID (its tenant, for SingleTenant).",
  'doctor.fix.publicUrl':
    'Set PUBLIC_URL to the https address of the host without a path (https://daicho.example.com), the one the Azure Bot messaging endpoint uses.',
  'doctor.fix.admins':
    'Name the admins: ADMIN_USER_IDS (Entra object ids) or ADMIN_TEAM_IDS (Teams team ids), then restart.',
  // What each check found (the detail column).
  'doctor.detail.config': 'DAICHO_ENV={env}',
  'doctor.detail.configProduction': 'DAICHO_ENV={env} (production)',
  'doctor.detail.botWho': 'app {appId} ({type}, tenant {tenant})',
  'doctor.detail.botToken': '{who}: got a Bot Framework token (valid {minutes} min)',
  'doctor.detail.botNoToken': '{who}: no token: {reason}',
  'doctor.detail.publicUrlInvalid': 'PUBLIC_URL={value} is not a URL',
  'doctor.detail.publicUrl': 'PUBLIC_URL={value} ({mode})',
  'doctor.detail.publicUrlProblems': 'PUBLIC_URL={value} ({mode}): {problems}',
  'doctor.detail.production': 'production',
  'doctor.detail.localMode': 'local mode',
  'doctor.detail.url.notHttp': 'not http(s)',
  'doctor.detail.url.notHttps': 'not https',
  'doctor.detail.url.path': 'has a path',
  'doctor.detail.url.userName': 'carries a user name',
  'doctor.detail.noAdmins': '{named}: nobody can change the ledger from Teams',
  'doctor.detail.embedded': '{uri} db={name} (embedded)',
  'doctor.detail.embeddedFailed': 'embedded: {reason}',
  'doctor.detail.dbUnreachable': '{where}: {reason}',
  'doctor.detail.dbWriteFailed': '{where}: write failed: {reason}',
  'doctor.detail.dbIndexesMissing': '{where} (server {version}): unique indexes missing: {missing}',
  'doctor.detail.dbOk': '{where}: server {version}, reachable, writable, unique indexes present',
} satisfies CatalogPart;

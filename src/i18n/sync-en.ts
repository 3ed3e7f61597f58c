import type { CatalogPart } from './catalog';

/** English: linking, syncing and unlinking an MDM, and where alerts go. */
export const syncEn = {
  'sync.notLinked':
    'No master integration is set up; link one first with daicho link intune (or jamf).',
  'sync.leaseHeld':
    'Another sync is running ({holder}, host {host}, pid {pid}, until {until}); run again when it ends.',
  'sync.readFailed':
    'Could not read the devices from {provider} ({reason}; HTTP {status}; request-id {requestId}). Nothing in the ledger was changed.',
  'sync.readIncomplete':
    '{provider} said it has {stated} {listing}, but the read brought only {read}. The devices not read would have been flagged missing, so nothing in the ledger was changed; run the sync again later.',
  'sync.noHeldRun': 'No run "{runId}" is waiting for approval.',
  'sync.summary':
    'Sync {status}: {linked} linked, {created} created, {updated} updated, {unchanged} unchanged, {duplicates, plural, one {# duplicate} other {# duplicates}}, {conflicts, plural, one {# conflict} other {# conflicts}}, {missing} missing ({mdmDevices, plural, one {# device} other {# devices}} in the MDM)',
  'sync.relinkSummary':
    '{relinked} re-linked (re-enrolled devices that take over their ledger record), {reenrolments, plural, one {# new enrolment waiting for its old enrolment} other {# new enrolments waiting for their old enrolment}} to leave the MDM',
  'sync.held':
    'Held for approval by the safety limit: {changes} of {syncedBefore, plural, one {# synced device} other {# synced devices}} ({percent}%) would change user or be missing. Run it with daicho sync approve {runId}, or drop it with daicho sync reject {runId}.',
  'link.otherActive':
    'The master integration is already {active}; only one is allowed. To link {requested}, unlink {active} first (daicho unlink).',
  'link.noCredentials': 'No connection settings for {provider}: set {variables}.',
  'unlink.done':
    'Unlinked {provider}: {devices, plural, one {# device stays} other {# devices stay}} in the ledger with source "ledger"; their MDM fields were removed.',
  'unlink.dryRun':
    'Unlinking would keep {devices, plural, one {# device} other {# devices}} in the ledger, set their source to "ledger" and remove their MDM fields (device name, UUID, enrolled, last check-in, primary user, disk size, registration state).',
  'disconnect.done': 'Removed the {provider} connection.',
  'sync.approved': 'Approved.',
  'sync.rejected': 'Rejected run "{runId}".',
  'notify.noAlertChannel':
    'No conversation is chosen for alerts, so they stay pending. In the channel or chat that should get them, choose "Send alerts here" in the bot.',
  'notify.alertChannelSet': 'Alerts will be sent to this conversation.',
} satisfies CatalogPart;

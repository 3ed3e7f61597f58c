import type { CatalogPart } from './catalog';

/** English: alert, digest and error cards. */
export const alertCardsEn = {
  'card.alertType.duplicate': 'Duplicate devices',
  'card.alertType.asset-number-conflict': 'Asset-number conflict',
  'card.alertType.missing-from-mdm': 'Missing from the MDM',
  'card.alertType.reenrolment': 'Device enrolled again',
  'card.alertType.sync-failed': 'Sync failed',
  'card.alertType.sync-partial': 'Sync partly failed',
  'card.alertType.run-held': 'Sync waiting for approval',
  'card.alert.title': '{type} ({provider})',
  'card.alert.dupMdm':
    '{count, plural, one {# MDM device shares} other {# MDM devices share}} {key} "{value}"; each became a ledger device of its own ({assets}). Synced devices cannot be deleted from the ledger: delete the stale one in the MDM, the next sync marks it missing, and it can then be deleted here.',
  'card.alert.ledgerRecord': 'Ledger asset number',
  'card.alert.notInLedger': 'not in the ledger',
  'card.alert.dupLedger':
    '{count, plural, one {# ledger device ({assets}) shares} other {# ledger devices ({assets}) share}} {key} "{value}". Choose the one to keep, or keep things as they are.',
  'card.alert.conflict':
    'The asset number "{wanted}" of {device} is already taken, so it got {assigned}.',
  'card.alert.missing':
    '{assetNumber} ({device}) is no longer in {provider}. It was not deleted from the ledger.',
  'card.alert.reenrolment':
    '{newDevice} looks like {assetNumber} enrolled again in {provider} (same {key} "{value}"), while its old enrolment {oldDevice} is still listed. The new enrolment is not added to the ledger as a second record: once {oldDevice} has left {provider} (delete it there if the device was wiped), {newDevice} takes over {assetNumber} with its asset number and usage history.',
  'card.alert.reenrolOld': 'Old enrolment',
  'card.alert.reenrolNew': 'New enrolment',
  'card.alert.failed': 'The sync failed. Nothing in the ledger was changed.',
  'card.alert.partial':
    '{count, plural, one {There was # error.} other {There were # errors.}} The other changes were applied.',
  'card.alert.recordsLedger': 'Ledger devices',
  'card.alert.linkedTo': 'Linked MDM device',
  'card.alert.ledgerOnly': 'none (ledger only)',
  'card.alert.records': 'MDM devices',
  'card.alert.keep': 'Keep as is',
  'card.alert.keepThis': 'Keep this one',
  'card.alert.keepSys': 'Keep the SYS number',
  'card.alert.seen': 'Mark as seen',
  'card.alert.rename': 'Change asset number',
  'card.alert.newAssetNumber': 'New asset number',
  'card.alert.resolved': '{by} chose "{action}" ({when})',
  'card.alert.resolvedPlain': 'Resolved',
  'card.digest.title': '{count, plural, one {# alert} other {# alerts}}',
  'card.digest.intro': 'There are many alerts, so here they are in one card.',
  'card.digest.group': '{type}: {count}',
  'card.error.title': 'Something went wrong',
  'card.error.unexpected': 'An unexpected error occurred.',
  'card.error.correlation':
    'Correlation ID: {correlationId} (give it to your admin to find the log)',
} satisfies CatalogPart;

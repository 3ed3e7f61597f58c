import type { CatalogPart } from './catalog';

/** English: device-replacement workflow cards and answers (src/bot/cards/workflow*.ts, replace-start.ts). */
export const workflowCardsEn = {
  'card.replace.title': 'Replace device {assetNumber}',
  'card.replace.intro':
    'Check the old device and choose the steps to follow. The steps for its OS are selected. The ledger does not change until the workflow is completed.',
  'card.replace.paths': 'Replacement steps',
  'card.replace.path': 'Steps to follow',
  'card.replace.pathRequired': 'Choose one set of steps',
  'card.replace.newDevice': 'Asset number of the new device (optional; can be set later)',
  'card.replace.newDevicePlaceholder': 'e.g. PC-0100',
  'card.replace.start': 'Start',
  'card.workflow.devices': '{old} → {new}',
  'card.workflow.noNewDevice': 'new device not set yet',
  'card.workflow.status.open': 'In progress',
  'card.workflow.status.completing':
    'Completion was cut short. Press "Complete and update the ledger" again to finish it with the same changes.',
  'card.workflow.status.completed': 'Completed by {by} ({when})',
  'card.workflow.status.abandoned': 'Abandoned by {by} ({when})',
  'card.workflow.oldDevice': 'Old device',
  'card.workflow.newDevice': 'New device',
  'card.workflow.started': 'Started',
  'card.workflow.progress': 'Progress',
  'card.workflow.progressValue': '{done} of {total, plural, one {# step} other {# steps}}',
  'card.workflow.optional': '(optional)',
  'card.workflow.notDone': 'Not done',
  'card.workflow.doneBy': 'Done by {by} ({when})',
  'card.workflow.undoneBy': 'Marked not done by {by} ({when})',
  'card.workflow.tick': 'Mark done',
  'card.workflow.untick': 'Undo',
  'card.workflow.newDeviceInput': 'Asset number of the new device',
  'card.workflow.setNewDevice': 'Set new device',
  'card.workflow.complete': 'Complete…',
  'card.workflow.completeIntro':
    'Completing changes the ledger in one go: the new device gets the user ({user}), and the old device gets the status and disposal date chosen here.',
  'card.workflow.oldDeviceStatus': 'Status of the old device',
  'card.workflow.statusRequired': 'Choose a status',
  'card.workflow.disposalDate': 'Disposal date (empty: left as it is)',
  'card.workflow.completeButton': 'Complete and update the ledger',
  'card.workflow.abandon': 'Abandon…',
  'card.workflow.abandonConfirm':
    'Abandon this replacement workflow? Nothing in the ledger will change.',
  'card.workflow.abandonButton': 'Abandon',
  'card.workflow.refresh': 'Show latest',
  'card.workflow.viewOnly': 'View only: only admins can tick steps, complete or abandon.',
  'card.workflow.resultTitle': 'Changes in the ledger',
  'card.workflow.resultNone':
    'Nothing needed changing in the ledger (the values were already set).',
  'card.workflow.change': '{assetNumber} {field}: {old} → {new}',
  'card.workflow.superseded':
    '{assetNumber} {field} was changed by someone else meanwhile, so it was not overwritten ({old} → {new} was planned).',
  'card.workflow.mdmTitle': 'Change these in the MDM',
  'card.workflow.mdmLine':
    '{assetNumber}: set {field} to "{wanted}" in {provider} (the MDM owns this field; the next sync brings it to the ledger)',
  'card.workflow.abandonedText': 'Abandoned. Nothing in the ledger changed.',
  'card.workflow.reminder':
    'This workflow has had no activity for {days, plural, one {# day} other {# days}} or more. Continue with the steps, or abandon it if it is no longer needed.',
  'card.workflow.outcome.disposed': 'Disposed (廃棄)',
  'card.workflow.outcome.spare': 'Spare (予備機)',
  'card.workflow.outcome.repair': 'In repair (修理中)',
  'card.workflow.outcome.returned': 'Returned (返却)',
  'card.workflows.title': 'Device replacements in progress',
  'card.workflows.empty': 'No replacement in progress. Start one with "replace ‹asset number›".',
  'card.workflows.open': 'Open',
  'card.workflows.reload': 'Reload',
  'bot.replaceAsk':
    'Send the asset number of the device to replace with the command, e.g. "replace PC-0012".',
  'bot.workflowsUnavailable': 'Device replacement workflows are not available on this server.',
} satisfies CatalogPart;

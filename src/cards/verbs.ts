/**
 * Every Action.Execute `verb` a card can send. The card builders and the handlers share these
 * constants, so a renamed verb cannot leave a button without a handler (DESIGN principle 3).
 * What each verb's `data` carries is listed next to it; Teams merges the card's inputs into it.
 */
export const VERBS = {
  /** { assetNumber } */
  showDevice: 'device.show',
  /** { assetNumber } */
  deviceHistory: 'device.history',
  /** { assetNumber } — the replacement start card (admins), or the device's open workflow. */
  deviceReplace: 'device.replace',
  /** { assetNumber } — sent from the confirmation inside the device card; admins only. */
  deviceDelete: 'device.delete',
  /** {} — the first page, no filter. */
  listDevices: 'devices.list',
  /** { filter: DeviceListFilter, page } (page is 1-based). */
  devicesPage: 'devices.page',
  /** { filter: DeviceListFilter } — every matching device, not just the page. */
  downloadCsv: 'devices.csv',
  /** {} */
  linkStart: 'link.start',
  /** inputs { provider } */
  linkChooseProvider: 'link.provider',
  /** { provider } + inputs { matchKey, assetNumberRule } */
  linkPreview: 'link.preview',
  /** { provider, matchKey, assetNumberRule } — the whole dry run as a CSV. */
  linkPreviewCsv: 'link.csv',
  /** { provider, matchKey, assetNumberRule } */
  linkConfirm: 'link.confirm',
  /** {} */
  linkCancel: 'link.cancel',
  /** {} */
  unlinkPreview: 'unlink.preview',
  /** { provider } — the handler checks it is still the linked one. */
  unlinkConfirm: 'unlink.confirm',
  /** {} */
  unlinkCancel: 'unlink.cancel',
  /** {} */
  syncNow: 'sync.now',
  /** { runId } */
  syncApprove: 'sync.approve',
  /** { runId } */
  syncReject: 'sync.reject',
  /** {} */
  status: 'status.show',
  /** {} */
  help: 'help.show',
  /** { alertId } — keep things as they are (duplicate, conflict) or mark as seen (missing). */
  alertKeep: 'alert.keep',
  /** { alertId, keep } — keep = the MDM device id (MDM side) or asset number (ledger side). */
  alertMerge: 'alert.merge',
  /** { alertId, assetNumber } + input { newAssetNumber } */
  alertRename: 'alert.rename',
  /** {} — send alerts to the conversation the button was pressed in. */
  setAlertChannel: 'alerts.channel',
  // Device-replacement workflows (handlers/replace.ts, workflow.ts, workflows.ts). Every change
  // carries the `version` the card shows: a stale card is refused and answered with a fresh one.
  /** { assetNumber } + inputs { checklistId, newAssetNumber } */
  workflowStart: 'workflow.start',
  /** { workflowId, version, stepId, done } */
  workflowTick: 'workflow.tick',
  /** { workflowId, version } + input { newAssetNumber } */
  workflowNewDevice: 'workflow.device',
  /** { workflowId, version } + inputs { oldDeviceStatus, disposalDate } (and newAssetNumber) */
  workflowComplete: 'workflow.complete',
  /** { workflowId, version } — sent from the confirmation inside the workflow card. */
  workflowAbandon: 'workflow.abandon',
  /** { workflowId } — the card's `refresh` and its "show latest" button; anyone may view. */
  workflowRefresh: 'workflow.refresh',
  /** { workflowId } — from the list: posts the workflow card as a new message. */
  workflowOpen: 'workflow.open',
  /** {} — the open workflows again. */
  workflowsList: 'workflows.list',
  // Troubleshooting guides (handlers/troubleshoot.ts). A press names the step it came from; a
  // press from an earlier step is answered with the current one.
  /** { assetNumber? } — the list of guides. */
  troubleshootMenu: 'troubleshoot.menu',
  /** { treeId, assetNumber? } */
  troubleshootStart: 'troubleshoot.start',
  /** { treeId, nodeId, choice } — choice = the node the button leads to. */
  troubleshootChoose: 'troubleshoot.choose',
  /** { treeId, nodeId } */
  troubleshootBack: 'troubleshoot.back',
  /** { treeId } */
  troubleshootRestart: 'troubleshoot.restart',
  /** { treeId, nodeId } — runs the step's connection check (admins). */
  troubleshootCheck: 'troubleshoot.check',
  // Microsoft 365 provisioning (handlers/provision.ts) and the people directory (handlers/person.ts).
  /** {} — a new dry run: the preview card (admins). */
  provisionPlan: 'provision.plan',
  /** { runId } — the planned run previewed; planned again first, applied only if unchanged. */
  provisionApply: 'provision.apply',
  /** { runId } — a held run; refused unless still held. */
  provisionApprove: 'provision.approve',
  /** { runId } — a held run; refused unless still held. */
  provisionReject: 'provision.reject',
  /** { runId } — the run's whole plan as a CSV. */
  provisionCsv: 'provision.csv',
  /** { personId } — one person's provisioning log (anyone). */
  provisionWhy: 'provision.why',
  /** {} — the attribute mapping and switches (anyone). */
  provisionMapping: 'provision.mapping',
  /** { personId } — the person card (anyone). */
  personShow: 'person.show',
  /** { personId, version } + inputs { displayName, department, jobTitle, mobilePhone, usageLocation, licenceProfile } */
  personEdit: 'person.edit',
  /** { personId } + input { accountId } */
  personLink: 'person.link',
  /** { personId, accountId } — the account the card showed; refused if another is linked now. */
  personUnlink: 'person.unlink',
  /** { personId } */
  personRemove: 'person.remove',
  /** { personId } */
  personRestore: 'person.restore',
  // Stocktakes (棚卸, handlers/stocktake.ts, stocktake-answer.ts).
  /** {} + inputs { status, source, deviceType, user, deadline } — the dry run (admins). */
  stocktakePreview: 'stocktake.preview',
  /** { status, source, deviceType, user, deadline } — the scope previewed; starts it (admins). */
  stocktakeStart: 'stocktake.start',
  /** {} — the preview is dropped (admins). */
  stocktakeCancel: 'stocktake.cancel',
  /** { stocktakeId, items: [item id] } + inputs { r_<id>, n_<id>, s_<id> } — a user's answers. */
  stocktakeAnswer: 'stocktake.answer',
  /** { stocktakeId } — closes it (admins). */
  stocktakeClose: 'stocktake.close',
  /** { stocktakeId } — every device with its answer as a CSV (admins). */
  stocktakeCsv: 'stocktake.csv',
  /** { alertId } — a stocktake alert's device: status → 紛失, the alert resolved (admins). */
  stocktakeMarkLost: 'stocktake.lost',
  /** { alertId } + input { newUser } — a stocktake alert's device gets a new 利用者 (admins). */
  stocktakeReassign: 'stocktake.reassign',
  /** { stocktakeId, assetNumber } — accepts the user's serial number proposal (admins). */
  stocktakeAcceptSerial: 'stocktake.serial',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const ALL_VERBS: ReadonlySet<string> = new Set(Object.values(VERBS));

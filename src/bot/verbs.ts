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
  /** { assetNumber } — device replacement workflow (not built yet; the button is disabled). */
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
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const ALL_VERBS: ReadonlySet<string> = new Set(Object.values(VERBS));

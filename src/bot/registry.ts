import * as alerts from './handlers/alerts';
import * as device from './handlers/device';
import * as devices from './handlers/devices';
import * as downloads from './handlers/downloads';
import * as help from './handlers/help';
import * as link from './handlers/link';
import * as person from './handlers/person';
import * as personEdit from './handlers/person-edit';
import * as provision from './handlers/provision';
import * as provisionHeld from './handlers/provision-held';
import * as replace from './handlers/replace';
import * as status from './handlers/status';
import * as stocktake from './handlers/stocktake';
import * as stocktakeAnswer from './handlers/stocktake-answer';
import * as stocktakeAlert from './handlers/stocktake-alert';
import * as sync from './handlers/sync';
import * as troubleshoot from './handlers/troubleshoot';
import * as unlink from './handlers/unlink';
import * as workflow from './handlers/workflow';
import * as workflows from './handlers/workflows';
import type { ActionRoute, BotRoutes, CommandRoute } from './routes';

/**
 * Every typed command, in the order they are tried (the first whose pattern matches answers;
 * anything none takes gets the fallback's short help).
 */
export const COMMAND_ROUTES: CommandRoute[] = [
  help.helpCommand,
  devices.devicesCommand,
  device.deviceCommand,
  link.linkCommand,
  unlink.unlinkCommand,
  sync.syncCommand,
  status.statusCommand,
  status.alertChannelCommand,
  replace.replaceCommand,
  workflows.workflowsCommand,
  troubleshoot.troubleshootCommand,
  troubleshoot.explainCommand,
  provision.provisionCommand,
  provision.provisionWhyCommand,
  provision.mappingCommand,
  person.personCommand,
  stocktake.stocktakeCommand,
];

/** Every card button, one route per verb (cards/verbs.ts). */
export const ACTION_ROUTES: ActionRoute[] = [
  help.helpAction,
  devices.listDevicesAction,
  devices.devicesPageAction,
  device.showDeviceAction,
  device.deviceHistoryAction,
  device.deviceDeleteAction,
  link.linkStartAction,
  link.linkChooseProviderAction,
  link.linkPreviewAction,
  link.linkConfirmAction,
  link.linkCancelAction,
  unlink.unlinkPreviewAction,
  unlink.unlinkConfirmAction,
  unlink.unlinkCancelAction,
  sync.syncNowAction,
  sync.syncApproveAction,
  sync.syncRejectAction,
  status.statusAction,
  status.setAlertChannelAction,
  alerts.alertKeepAction,
  alerts.alertMergeAction,
  alerts.alertRenameAction,
  stocktakeAlert.stocktakeMarkLostAction,
  stocktakeAlert.stocktakeReassignAction,
  stocktakeAlert.stocktakeAcceptSerialAction,
  downloads.downloadCsvAction,
  downloads.linkPreviewCsvAction,
  replace.deviceReplaceAction,
  replace.workflowStartAction,
  workflow.workflowTickAction,
  workflow.workflowNewDeviceAction,
  workflow.workflowCompleteAction,
  workflow.workflowAbandonAction,
  workflow.workflowRefreshAction,
  workflows.workflowsListAction,
  workflows.workflowOpenAction,
  troubleshoot.troubleshootMenuAction,
  troubleshoot.troubleshootStartAction,
  troubleshoot.troubleshootChooseAction,
  troubleshoot.troubleshootBackAction,
  troubleshoot.troubleshootRestartAction,
  troubleshoot.troubleshootCheckAction,
  provision.provisionPlanAction,
  provision.provisionApplyAction,
  provisionHeld.provisionApproveAction,
  provisionHeld.provisionRejectAction,
  provision.provisionCsvAction,
  provision.provisionWhyAction,
  provision.provisionMappingAction,
  person.personShowAction,
  personEdit.personEditAction,
  personEdit.personLinkAction,
  personEdit.personUnlinkAction,
  personEdit.personRemoveAction,
  personEdit.personRestoreAction,
  stocktake.stocktakePreviewAction,
  stocktake.stocktakeStartAction,
  stocktake.stocktakeCancelAction,
  stocktake.stocktakeCloseAction,
  stocktake.stocktakeCsvAction,
  stocktakeAnswer.stocktakeAnswerAction,
];

/** The bot's routes; a new conversation gets the help card. */
export const BOT_ROUTES: BotRoutes = {
  commands: COMMAND_ROUTES,
  actions: ACTION_ROUTES,
  welcome: help.sendHelp,
};

import { alertCardsJa } from './alert-cards-ja';
import { cliJa } from './cli-ja';
import { cliHelpJa } from './cli-help-ja';
import { botCliJa } from './bot-cli-ja';
import { deviceCardsJa } from './device-cards-ja';
import { doctorJa } from './doctor-ja';
import type { MessageKey } from './en';
import { ledgerJa } from './ledger-ja';
import { peopleJa } from './people-ja';
import { provisionJa } from './provision-ja';
import { provisioningBotJa } from './provisioning-bot-ja';
import { selfTestJa } from './self-test-ja';
import { startJa } from './start-ja';
import { stocktakeJa } from './stocktake-ja';
import { stocktakeCardsJa } from './stocktake-cards-ja';
import { syncCardsJa } from './sync-cards-ja';
import { syncJa } from './sync-ja';
import { troubleshootJa } from './troubleshoot-ja';
import { workflowCardsJa } from './workflow-cards-ja';
import { workflowJa } from './workflow-ja';

/**
 * Japanese: every user-facing sentence (the default language of Daicho's users). Typed by the
 * English keys, so a part left out here is a compile error.
 */
export const ja: Record<MessageKey, string> = {
  ...provisionJa,
  ...peopleJa,
  ...troubleshootJa,
  ...workflowJa,
  ...provisioningBotJa,
  ...ledgerJa,
  ...syncJa,
  ...botCliJa,
  ...deviceCardsJa,
  ...workflowCardsJa,
  ...syncCardsJa,
  ...alertCardsJa,
  ...cliJa,
  ...cliHelpJa,
  ...doctorJa,
  ...selfTestJa,
  ...startJa,
  ...stocktakeJa,
  ...stocktakeCardsJa,
};

import type { CatalogPart } from './catalog';
import { alertCardsEn } from './alert-cards-en';
import { cliEn } from './cli-en';
import { cliHelpEn } from './cli-help-en';
import { botCliEn } from './bot-cli-en';
import { deviceCardsEn } from './device-cards-en';
import { doctorEn } from './doctor-en';
import { ledgerEn } from './ledger-en';
import { peopleEn } from './people-en';
import { provisionEn } from './provision-en';
import { provisioningBotEn } from './provisioning-bot-en';
import { selfTestEn } from './self-test-en';
import { startEn } from './start-en';
import { stocktakeEn } from './stocktake-en';
import { stocktakeCardsEn } from './stocktake-cards-en';
import { syncCardsEn } from './sync-cards-en';
import { syncEn } from './sync-en';
import { troubleshootEn } from './troubleshoot-en';
import { workflowCardsEn } from './workflow-cards-en';
import { workflowEn } from './workflow-en';

/**
 * English: the catalog that defines the message keys. Each part is kept by area; ja.ts must
 * translate every key (the compiler checks, test/unit/i18n.test.ts checks the parameters).
 */
export const en = {
  ...provisionEn,
  ...peopleEn,
  ...troubleshootEn,
  ...workflowEn,
  ...provisioningBotEn,
  ...ledgerEn,
  ...syncEn,
  ...botCliEn,
  ...deviceCardsEn,
  ...workflowCardsEn,
  ...syncCardsEn,
  ...alertCardsEn,
  ...cliEn,
  ...cliHelpEn,
  ...doctorEn,
  ...selfTestEn,
  ...startEn,
  ...stocktakeEn,
  ...stocktakeCardsEn,
} satisfies CatalogPart;

/** Every key a message can be looked up by: the keys of the English catalog. */
export type MessageKey = keyof typeof en;

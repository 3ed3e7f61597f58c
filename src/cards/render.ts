import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { projectRoot } from '../paths';
import type { AlertCardData } from './alert';
import type { DeviceCardData } from './device';
import type { DeviceListCardData } from './device-list';
import type { DigestCardData } from './digest';
import type { ErrorCardData } from './error';
import type { HelpCardData } from './help';
import type { LinkPreviewCardData } from './link-preview';
import type { LinkWizardCardData } from './link-wizard';
import type { StatusCardData } from './status';
import type { SyncProgressCardData } from './sync-progress';
import type { SyncSummaryCardData } from './sync-summary';
import type { UnlinkConfirmCardData } from './unlink-confirm';
import type { ReplaceStartCardData } from './replace-start';
import type { WorkflowCardData } from './workflow';
import type { WorkflowListCardData } from './workflow-list';
import type { TroubleshootCardData } from './troubleshoot';
import type { PersonCardData } from './person';
import type { ProvisionMappingCardData } from './provision-mapping';
import type { ProvisionPreviewCardData } from './provision-preview';
import type { ProvisionResultCardData } from './provision-result';
import type { ProvisionWhyCardData } from './provision-why';
import type { StocktakeAskCardData } from './stocktake-ask';
import type { StocktakeProgressCardData } from './stocktake-progress';
import type { StocktakePreviewCardData, StocktakeStartCardData } from './stocktake-start';

/** Each template in `cards/` and the `$root` data it expands with. */
export interface CardDataMap {
  help: HelpCardData;
  device: DeviceCardData;
  'device-list': DeviceListCardData;
  'link-wizard': LinkWizardCardData;
  'link-preview': LinkPreviewCardData;
  'unlink-confirm': UnlinkConfirmCardData;
  'sync-progress': SyncProgressCardData;
  'sync-summary': SyncSummaryCardData;
  status: StatusCardData;
  alert: AlertCardData;
  digest: DigestCardData;
  error: ErrorCardData;
  'replace-start': ReplaceStartCardData;
  workflow: WorkflowCardData;
  'workflow-list': WorkflowListCardData;
  troubleshoot: TroubleshootCardData;
  'provision-preview': ProvisionPreviewCardData;
  'provision-result': ProvisionResultCardData;
  'provision-why': ProvisionWhyCardData;
  'provision-mapping': ProvisionMappingCardData;
  person: PersonCardData;
  'stocktake-start': StocktakeStartCardData;
  'stocktake-preview': StocktakePreviewCardData;
  'stocktake-ask': StocktakeAskCardData;
  'stocktake-progress': StocktakeProgressCardData;
}

export type CardName = keyof CardDataMap;

export const CARD_NAMES: readonly CardName[] = [
  'help',
  'device',
  'device-list',
  'link-wizard',
  'link-preview',
  'unlink-confirm',
  'sync-progress',
  'sync-summary',
  'status',
  'alert',
  'digest',
  'error',
  'replace-start',
  'workflow',
  'workflow-list',
  'troubleshoot',
  'provision-preview',
  'provision-result',
  'provision-why',
  'provision-mapping',
  'person',
  'stocktake-start',
  'stocktake-preview',
  'stocktake-ask',
  'stocktake-progress',
];

/** An expanded Adaptive Card, ready to be the `content` of an attachment. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [property: string]: unknown;
}

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
}

/**
 * Each template parsed once: a Template keeps its expressions parsed (adaptive-expressions'
 * parser was ~15% of a device lookup's CPU when every reply parsed the card again) and is meant
 * to be bound to new data each time. `expand` is synchronous, so sharing one is safe.
 */
const templates = new Map<CardName, ACData.Template>();

/** The folder of the templates, from src (ts-jest) and from dist (the built bot) alike. */
export function cardsDir(): string {
  return path.join(projectRoot(), 'cards');
}

function template(name: CardName): ACData.Template {
  let parsed = templates.get(name);
  if (parsed === undefined) {
    const json = JSON.parse(readFileSync(path.join(cardsDir(), `${name}.json`), 'utf8')) as unknown;
    parsed = new ACData.Template(json);
    templates.set(name, parsed);
  }
  return parsed;
}

/**
 * User data is never a binding: a device named "${x}" would otherwise look like a binding the
 * template left unexpanded. A zero-width space after the "$" keeps the text as the user sees it.
 */
function neutralize(value: unknown): unknown {
  if (typeof value === 'string') return value.split('${').join('$\u200B{');
  if (Array.isArray(value)) return value.map(neutralize);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutralize(v)]));
  return value;
}

/**
 * Expands `cards/<name>.json` with the data. Throws when a binding found no data (the templating
 * library leaves it as literal "${...}" text), so a wrong field name fails in a test, not in
 * front of a user.
 */
export function renderCard<N extends CardName>(name: N, data: CardDataMap[N]): AdaptiveCard {
  const expanded = template(name).expand({ $root: neutralize(data) });
  const text = JSON.stringify(expanded);
  const at = text.indexOf('${');
  if (at >= 0)
    throw new Error(`card "${name}": unexpanded binding near ${text.slice(at, at + 60)}`);
  return expanded as AdaptiveCard;
}

export function cardAttachment(card: AdaptiveCard): CardAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

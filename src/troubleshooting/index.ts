/**
 * Guided troubleshooting: decision trees as data (trees/*.json, see README.md), validated at
 * start, walked by a pure engine. The bot keeps a TroubleshootState per user and renders
 * StepView as a card.
 */
import type { Locale } from '../i18n/messages';
import { createTroubleshooter, type Troubleshooter, type TroubleshootState } from './engine';
import { loadTrees } from './trees';

export { CHECK_OUTCOMES } from './checks';
export type { CheckId, CheckOutcome, IntuneSelfTestOutcome, JamfSelfTestOutcome } from './checks';
export { createTroubleshooter } from './engine';
export type { Troubleshooter, TroubleshootState } from './engine';
export type { TreeMenu } from './menu';
export type { StepView } from './render';
export type { TroubleshootError, TroubleshootErrorCode, TroubleshootResult } from './result';
export type { Tree, TreeNode } from './schema';
export { explainCode, findStatusCode, normalizeCode } from './status-codes';
export type { CodeExplanation, FixedBy } from './status-codes';
export { loadTrees, SHIPPED_TREES, TreeValidationError } from './trees';
export { formatProblems, validateTree, validateTrees } from './validate';
export type { TreeProblem, ValidationOptions } from './validate';

let shipped: Troubleshooter | undefined;

/** The engine over the shipped trees, loaded (and validated) on first use. */
export function troubleshooter(): Troubleshooter {
  shipped ??= createTroubleshooter(loadTrees());
  return shipped;
}

export const menu = (locale: Locale) => troubleshooter().menu(locale);
export const start = (treeId: string) => troubleshooter().start(treeId);
export const choose = (state: TroubleshootState, choice: number | string) =>
  troubleshooter().choose(state, choice);
export const back = (state: TroubleshootState) => troubleshooter().back(state);
export const restart = (state: TroubleshootState) => troubleshooter().restart(state);
export const applyCheckOutcome = (state: TroubleshootState, outcomeId: string) =>
  troubleshooter().applyCheckOutcome(state, outcomeId);
export const render = (state: TroubleshootState, locale: Locale) =>
  troubleshooter().render(state, locale);

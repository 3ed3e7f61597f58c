import { z } from 'zod';

/*
 * What the guide cards' buttons send (troubleshoot.ts fills treeId, nodeId, the choices and
 * the device's asset number). Each schema is exactly what its button sends.
 */

const id = z.string().min(1).max(100);
const assetNumber = z.string().max(200).optional();

/** Back, or a check: the step the card showed. */
export const TROUBLESHOOT_STEP = z.object({ treeId: id, nodeId: id }).strict();
export type TroubleshootStepPayload = z.infer<typeof TROUBLESHOOT_STEP>;
export const TROUBLESHOOT_CHOICE = z.object({ treeId: id, nodeId: id, choice: id }).strict();
export const TROUBLESHOOT_START = z.object({ treeId: id, assetNumber }).strict();
export const TROUBLESHOOT_MENU = z.object({ assetNumber }).strict();
export const TROUBLESHOOT_RESTART = z.object({ treeId: id }).strict();

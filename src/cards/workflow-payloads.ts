import { z } from 'zod';
import { OLD_DEVICE_OUTCOME_IDS } from '../workflows/replacement-choices';

/*
 * What the workflow cards' buttons send (workflow.ts, workflow-list.ts, replace-start.ts fill
 * the data; Teams merges the inputs in). Each schema is exactly what its button sends: anything
 * else is a forged payload and is refused whole, never partly used.
 */

export const WORKFLOW_ID = z.string().regex(/^[0-9a-f]{24}$/);
/** The version the card shows; the service refuses the change when the workflow moved on. */
export const WORKFLOW_VERSION = z.number().int().min(1).max(1_000_000_000);
const stepId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
/** A text input as Teams sends it; the service says what is wrong with its content. */
const input = z.string().max(1000);
const assetNumber = z.string().trim().min(1).max(128);

/** The workflow a card shows, at the version it shows. */
export type WorkflowRef = { workflowId: string; version: number };

export const WORKFLOW_TICK = z
  .object({ workflowId: WORKFLOW_ID, version: WORKFLOW_VERSION, stepId, done: z.boolean() })
  .strict();
export const WORKFLOW_NEW_DEVICE = z
  .object({ workflowId: WORKFLOW_ID, version: WORKFLOW_VERSION, newAssetNumber: input })
  .strict();
export const WORKFLOW_COMPLETE = z
  .object({
    workflowId: WORKFLOW_ID,
    version: WORKFLOW_VERSION,
    oldDeviceStatus: z.enum(OLD_DEVICE_OUTCOME_IDS),
    disposalDate: input.optional(),
    // The new-device field of the same card comes along (Teams sends every input); not used.
    newAssetNumber: input.optional(),
  })
  .strict();
export const WORKFLOW_ABANDON = z
  .object({ workflowId: WORKFLOW_ID, version: WORKFLOW_VERSION })
  .strict();
/** "Show latest" / the card's refresh, and a list row's open button. */
export const WORKFLOW_VIEW = z.object({ workflowId: WORKFLOW_ID }).strict();

/** The device card's replace button. */
export const DEVICE_REPLACE = z.object({ assetNumber }).strict();
/** The start card: its data and its two inputs, nothing else. */
export const WORKFLOW_START = z
  .object({
    assetNumber,
    checklistId: z.string().min(1).max(100),
    newAssetNumber: z.string().max(1000).optional(),
  })
  .strict();

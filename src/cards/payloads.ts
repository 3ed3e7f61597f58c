import { z } from 'zod';

/**
 * What the cards' buttons send back (the `data` of each verb in verbs.ts, with the card's inputs
 * merged in by Teams), as the routes of src/bot read it. The card builders fill these fields;
 * the routes validate them again, since a card's data is whatever the client sends.
 */

/** No data worth reading; still an object, as every card's data is. */
export const NO_DATA = z.object({}).passthrough();

/** Anything: the route reads nothing from it. */
export const ANY_DATA = z.unknown();

/** A sync or provisioning run (a MongoDB ObjectId in hex). */
export const RUN_ID = z.string().regex(/^[0-9a-f]{24}$/);
export const RUN_PAYLOAD = z.object({ runId: RUN_ID });
export type RunPayload = z.infer<typeof RUN_PAYLOAD>;

/**
 * A device button's asset number: anything else than text is no asset number (the route then
 * says there is no such device, as for an unknown one), and a long one is cut.
 */
export const DEVICE_REF = z
  .object({ assetNumber: z.string().catch('') })
  .catch({ assetNumber: '' })
  .transform((data) => data.assetNumber.slice(0, 128));

/**
 * The device list's filter and page (device-list.ts fills them); read loosely here and
 * checked by the route like a typed filter (parseDeviceQuery).
 */
export const DEVICE_LIST_PAGE = z
  .object({ filter: z.unknown(), page: z.unknown() })
  .partial()
  .catch({});
export type DeviceListPagePayload = z.infer<typeof DEVICE_LIST_PAGE>;

/** The three settings of a link (link-wizard.ts, link-preview.ts). */
export const PROVIDER = z.enum(['intune', 'jamf']);
export const LINK_SETTINGS = z.object({
  provider: PROVIDER,
  matchKey: z.enum(['serial', 'uuid']),
  assetNumberRule: z.enum(['uuid', 'deviceName', 'serial']),
});
export type LinkSettingsPayload = z.infer<typeof LINK_SETTINGS>;

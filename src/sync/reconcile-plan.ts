import { fieldChanges, mdmBlockChanges, mdmBlockOf } from '../ledger/field-rules';
import type { MdmDevice } from './mdm-device';
import type { DeviceCreate, DeviceUpdate, LedgerDeviceView, RuleChange } from './reconcile-types';
import type { SyncSettings } from './settings';

/**
 * The update of a matched ledger device, and its changes. The update's own `changes` are
 * computed again from the same inputs when read (the writer reads them once, as it writes the
 * batch): the plan of a large first link does not hold every history entry at once.
 */
export function planUpdate(
  ledger: LedgerDeviceView,
  device: MdmDevice,
  firstLink: boolean,
  relinkedFrom: string | null,
  serialKey: (s: string | null) => string | null,
): { update: DeviceUpdate; changes: RuleChange[] } {
  const { changes, set } = updateOf(ledger, device, firstLink, relinkedFrom, serialKey);
  const update: DeviceUpdate = {
    ledgerId: ledger.id,
    assetNumber: ledger.assetNumber,
    mdmDeviceId: device.deviceId,
    firstLink,
    relinkedFrom,
    set,
    changes,
  };
  Object.defineProperty(update, 'changes', {
    enumerable: true,
    get: () => updateOf(ledger, device, firstLink, relinkedFrom, serialKey).changes,
  });
  return { update, changes };
}

function updateOf(
  ledger: LedgerDeviceView,
  device: MdmDevice,
  firstLink: boolean,
  relinkedFrom: string | null,
  serialKey: (s: string | null) => string | null,
): { changes: RuleChange[]; set: Record<string, unknown> } {
  const changes = fieldChanges(ledger, device, serialKey);
  const set: Record<string, unknown> = {};
  for (const c of changes) set[c.field] = c.new;
  if (firstLink) {
    changes.unshift({ field: 'source', old: ledger.source, new: device.provider, rule: 'link' });
    set.source = device.provider;
  }
  const block = mdmBlockOf(device);
  const blockDiff = mdmBlockChanges(ledger.mdm, block);
  if (blockDiff.changed) set.mdm = block;
  if (relinkedFrom) {
    // The re-link itself, with the old and the new MDM ids; the missing flag goes with it.
    changes.unshift({
      field: 'mdm.deviceId',
      old: relinkedFrom,
      new: device.deviceId,
      rule: 're-enrolled',
    });
    for (const h of blockDiff.history) if (h.rule === 'back-in-mdm') h.rule = 're-enrolled';
  }
  changes.push(...blockDiff.history);
  return { changes, set };
}

export function planCreate(
  device: MdmDevice,
  settings: SyncSettings,
  serialKey: (s: string | null) => string | null,
  taken: Map<string, string>,
): DeviceCreate {
  const wanted = assetNumberFromRule(device, settings, serialKey);
  const takenBy = wanted ? taken.get(wanted) : undefined;
  return {
    mdm: device,
    assetNumber: wanted && !takenBy ? wanted : null,
    conflictWith: wanted && takenBy ? { wanted, takenBy } : null,
    device: {
      serialNumber: serialKey(device.serialNumber) ? device.serialNumber!.trim() : null,
      os: device.os,
      manufacturer: device.manufacturer,
      model: device.model,
      deviceType: null,
      status: null,
      user: device.user,
      procurementDate: null,
      disposalDate: null,
      uuid: device.uuid,
      source: device.provider,
      mdm: mdmBlockOf(device),
    },
  };
}

/** The asset number the rule gives a new device, or null when that value is empty. */
export function assetNumberFromRule(
  device: MdmDevice,
  settings: SyncSettings,
  serialKey: (s: string | null) => string | null,
): string | null {
  const value =
    settings.assetNumberRule === 'uuid'
      ? device.uuid
      : settings.assetNumberRule === 'deviceName'
        ? device.deviceName
        : serialKey(device.serialNumber)
          ? device.serialNumber
          : null;
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 64) : null;
}

/**
 * The ledger a company has before it links its MDM, built from the MDM's own devices: 60% of
 * them were typed in (or imported from a spreadsheet) by the IT team, with the mess such a ledger
 * has: "0" and blank serials where nobody could read the label, and 2% of serials entered twice
 * (a second record of the same device). Deterministic: the same devices give the same ledger.
 */
import type { Device, StoredDevice } from '../../src/ledger/device';
import type { MdmDevice } from '../../src/sync/mdm-device';
import type { LedgerDeviceView } from '../../src/sync/reconcile-types';

/** A device of the ledger as the IT team entered it (no _id yet). */
export type TypedInDevice = Device & { createdAt: Date };

/** The fields the IT team copied from the device itself. */
type CopiedFields = Pick<
  Device,
  'serialNumber' | 'os' | 'manufacturer' | 'model' | 'user' | 'uuid'
>;

/** Every 5 devices, 3 are in the ledger. */
export const IN_LEDGER = (i: number): boolean => i % 5 < 3;

/** Ledger devices (Device fields, no _id) made from MDM devices as the MDM returns them, oldest first. */
export function ledgerDevices(mdm: readonly MdmDevice[]): TypedInDevice[] {
  const out: TypedInDevice[] = [];
  const base = Date.parse('2020-04-01T00:00:00Z');
  let n = 0;
  const add = (fields: CopiedFields) => {
    n++;
    out.push({
      assetNumber: `PC-${String(n).padStart(6, '0')}`,
      deviceType: 'PC',
      status: '利用中',
      procurementDate: '2021-04-01',
      disposalDate: null,
      source: 'ledger',
      mdm: null,
      createdAt: new Date(base + n * 60_000),
      ...fields,
    });
  };
  mdm.forEach((d, i) => {
    if (!IN_LEDGER(i)) return;
    let serialNumber = d.serialNumber;
    if (i % 50 === 1)
      serialNumber = '0'; // a BIOS placeholder typed in: never matches
    else if (i % 50 === 2) serialNumber = null; // blank: nobody read the label
    const copied = { serialNumber, os: d.os, manufacturer: d.manufacturer, model: d.model };
    // Some users have moved on since the ledger was last updated.
    add({ ...copied, user: i % 10 === 0 ? null : d.user, uuid: null });
    // 2% of the ledger's serials are in it twice.
    if (i % 50 === 5 && serialNumber) add({ ...copied, user: null, uuid: null });
  });
  return out;
}

/** As the reconcile core sees them (SyncService.snapshot): with `id`, without serialKey. */
export function ledgerViews(mdm: readonly MdmDevice[]): LedgerDeviceView[] {
  return ledgerDevices(mdm).map((d, i) => ({ ...d, id: i.toString(16).padStart(24, '0') }));
}

/** As the database stores them (StoredDevice), for insertMany. */
export function storedDevices(
  mdm: readonly MdmDevice[],
  serialKey: (serial: string | null) => string | null,
): StoredDevice[] {
  return ledgerDevices(mdm).map((d) => ({
    ...d,
    serialKey: serialKey(d.serialNumber),
    updatedAt: d.createdAt,
  }));
}

/**
 * The ledger a company has before it links its MDM, built from the MDM's own devices: 60% of
 * them were typed in (or imported from a spreadsheet) by the IT team, with the mess such a ledger
 * has: "0" and blank serials where nobody could read the label, and 2% of serials entered twice
 * (a second record of the same device). Deterministic: the same devices give the same ledger.
 */

/** Every 5 devices, 3 are in the ledger. */
const IN_LEDGER = (i) => i % 5 < 3;

/**
 * @param {import('../../dist/sync/mdm-device').MdmDevice[]} mdm devices as the MDM returns them
 * @returns {object[]} ledger devices (Device fields, no _id), oldest first
 */
function ledgerDevices(mdm) {
  const out = [];
  const base = Date.parse('2020-04-01T00:00:00Z');
  let n = 0;
  const add = (fields) => {
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
  for (let i = 0; i < mdm.length; i++) {
    if (!IN_LEDGER(i)) continue;
    const d = mdm[i];
    let serialNumber = d.serialNumber;
    if (i % 50 === 1)
      serialNumber = '0'; // a BIOS placeholder typed in: never matches
    else if (i % 50 === 2) serialNumber = null; // blank: nobody read the label
    add({
      serialNumber,
      os: d.os,
      manufacturer: d.manufacturer,
      model: d.model,
      // Some users have moved on since the ledger was last updated.
      user: i % 10 === 0 ? null : d.user,
      uuid: null,
    });
    // 2% of the ledger's serials are in it twice.
    if (i % 50 === 5 && serialNumber)
      add({
        serialNumber,
        os: d.os,
        manufacturer: d.manufacturer,
        model: d.model,
        user: null,
        uuid: null,
      });
  }
  return out;
}

/** As the reconcile core sees them (SyncService.snapshot): with `id`, without serialKey. */
function ledgerViews(mdm) {
  return ledgerDevices(mdm).map((d, i) => ({ ...d, id: i.toString(16).padStart(24, '0') }));
}

/** As the database stores them (StoredDevice), for insertMany. */
function storedDevices(mdm, serialKey) {
  return ledgerDevices(mdm).map((d) => ({
    ...d,
    serialKey: serialKey(d.serialNumber),
    updatedAt: d.createdAt,
  }));
}

module.exports = { ledgerDevices, ledgerViews, storedDevices, IN_LEDGER };

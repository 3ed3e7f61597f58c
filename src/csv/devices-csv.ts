import { EXPORT_FIELDS, type Device } from '../ledger/device';
import { toCsv } from './table-file';

/** The mdm block's columns in a CSV export (read-only on import). */
export const MDM_COLUMNS = [
  'provider',
  'deviceId',
  'deviceName',
  'enrolledAt',
  'lastCheckInAt',
  'primaryUser',
  'diskCapacityGb',
  'registrationState',
].map((k) => `mdm.${k}`);

/** The last stocktake's columns in a CSV export (read-only on import). */
export const LAST_STOCKTAKE_COLUMNS = ['id', 'at', 'by', 'result', 'note'].map(
  (k) => `lastStocktake.${k}`,
);

/**
 * Devices as CSV: the export fields, with the mdm block flattened into `mdm.*` columns, and the
 * `lastStocktake.*` columns once any exported device has a stocktake answer.
 */
export function devicesCsv(list: Device[], excel: boolean): string {
  const header = [
    ...EXPORT_FIELDS.filter((f) => f !== 'mdm' && f !== 'lastStocktake'),
    ...MDM_COLUMNS,
    ...(list.some((d) => d.lastStocktake) ? LAST_STOCKTAKE_COLUMNS : []),
  ];
  const rows = list.map((d) => {
    const row: Record<string, unknown> = { ...d };
    for (const col of MDM_COLUMNS) row[col] = d.mdm ? d.mdm[col.slice(4)] : null;
    const last = d.lastStocktake;
    if (last) {
      Object.assign(row, {
        'lastStocktake.id': last.id,
        'lastStocktake.at': new Date(last.at).toISOString(),
        'lastStocktake.by': last.by,
        'lastStocktake.result': last.result,
        'lastStocktake.note': last.note,
      });
    }
    return row;
  });
  return toCsv(header, rows, { excel });
}

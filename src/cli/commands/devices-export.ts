import type { Command } from 'commander';
import { devicesCsv } from '../../csv/devices-csv';
import { registerExport } from '../export-command';

/** `daicho devices export [--format json|csv] [--out FILE] [--excel]`. */
export function registerDevicesExport(devices: Command): void {
  registerExport(devices, {
    description: 'export every device (JSON array or CSV)',
    defaultFormat: 'json',
    list: (ctx) => ctx.ledger.list(),
    csv: devicesCsv,
  });
}

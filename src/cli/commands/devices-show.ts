import type { Command } from 'commander';
import { toExported } from '../../ledger/device';
import { openContext } from '../context';
import { formatDevice, printJson } from '../output';

export function registerDevicesShow(devices: Command): void {
  devices
    .command('show')
    .description('show one device')
    .argument('<id>', 'asset number, serial number or UUID')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const device = toExported(await ctx.ledger.find(id));
      if (opts.json) printJson(device);
      else process.stdout.write(formatDevice(device, ctx.locale));
    });
}

import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';

export function registerDevicesDelete(devices: Command): void {
  devices
    .command('delete')
    .description('delete a ledger device (devices synced with an MDM cannot be deleted)')
    .argument('<id>', 'asset number, serial number or UUID')
    .option('--json', 'print the deleted record as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const deleted = await ctx.ledger.delete(id, ctx.actor);
      if (opts.json) printJson(deleted);
      else
        process.stdout.write(
          `${ctx.say('device.deleted', { assetNumber: deleted.assetNumber })}\n`,
        );
    });
}

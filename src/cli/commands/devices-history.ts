import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';

export function registerDevicesHistory(devices: Command): void {
  devices
    .command('history')
    .description(
      'field history of a device: what changed, from what to what, by which rule and who',
    )
    .argument('<id>', 'asset number, serial number or UUID')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const entries = await ctx.ledger.history(id);
      if (opts.json) {
        printJson(
          entries.map((e) => ({ ...e, deviceId: String(e.deviceId), at: e.at.toISOString() })),
        );
        return;
      }
      for (const e of entries) {
        const show = (v: unknown) =>
          v === null || v === undefined
            ? '-'
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v);
        process.stdout.write(
          `${e.at.toISOString()}  ${e.field}: ${show(e.old)} → ${show(e.new)}  [${e.rule}, ${e.source}, ${e.by}]\n`,
        );
      }
    });
}

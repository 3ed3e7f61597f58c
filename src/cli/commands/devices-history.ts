import type { Command } from 'commander';
import { openContext } from '../context';
import { actorLabel, fieldLabel, ruleLabel, sourceLabel } from '../../cards/format';
import { cellText, printJson } from '../output';
import { formatTable } from '../table';
import { cliTime } from '../time';

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
      const { locale } = ctx;
      if (entries.length === 0)
        return void process.stdout.write(`${ctx.say('cli.history.none')}\n`);
      const header = ['at', 'field', 'change', 'rule', 'source', 'by'] as const;
      const rows = entries.map((e) => [
        cliTime(e.at),
        fieldLabel(e.field, locale),
        `${cellText(e.old)} → ${cellText(e.new)}`,
        ruleLabel(e.rule, locale),
        sourceLabel(e.source, locale),
        actorLabel(e.by, locale),
      ]);
      const lines = formatTable(
        rows,
        header.map((h) => ctx.say(`cli.history.${h}`)),
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';
import { runSummary } from '../provision-output';
import { formatTable } from '../table';
import { cliTime } from '../time';
import { actorLabel } from '../../cards/format';

/** `daicho provision runs [--limit N] [--json]`: the latest provisioning runs, newest first. */
export function registerProvisionRuns(provision: Command): void {
  provision
    .command('runs')
    .description('the latest provisioning runs (dry runs, held, applied), newest first')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const ctx = await openContext();
      const limit = Math.max(1, Math.min(1000, Number.parseInt(opts.limit, 10) || 20));
      const runs = (await ctx.provisioning.runs(limit)).map(runSummary);
      if (opts.json) return printJson(runs);
      if (runs.length === 0) return void process.stdout.write(`${ctx.say('provision.runsNone')}\n`);
      const lines = formatTable(
        runs.map((r) => [
          r.id,
          cliTime(r.createdAt),
          ctx.say(`provision.status.${r.status}`),
          actorLabel(r.by, ctx.locale),
          ctx.say('cli.runs.counts', { ...r.counts }),
          r.error ?? '',
        ]),
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

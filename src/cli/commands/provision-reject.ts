import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';
import { runSummary } from '../provision-output';

/** `daicho provision reject RUNID`: drops a held run; nothing of it is applied. */
export function registerProvisionReject(provision: Command): void {
  provision
    .command('reject')
    .description('drop a provisioning run that the safety limit held')
    .argument('<run>', 'run id')
    .option('--json', 'print the run as JSON')
    .action(async (run: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const rejected = await ctx.provisioning.reject(run, ctx.actor);
      if (opts.json) return printJson(runSummary(rejected));
      process.stdout.write(`${ctx.say('provision.rejected', { runId: run })}\n`);
    });
}

import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';
import { printPlan } from '../provision-output';

/** `daicho provision plan [--json]`: a dry run — Microsoft 365 is read, nothing is written. */
export function registerProvisionPlan(provision: Command): void {
  provision
    .command('plan')
    .description('dry run: what an apply would change in Microsoft 365 (reads only)')
    .option('--json', 'print the plan as JSON (the file for provision apply --plan)')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await openContext();
      const run = await ctx.provisioning.plan(ctx.actor);
      if (opts.json) return printJson(run.plan);
      printPlan(ctx, run.plan);
      process.stdout.write(
        `${ctx.say('provision.dryRun', { runId: run._id.toHexString(), requests: run.requests })}\n`,
      );
    });
}

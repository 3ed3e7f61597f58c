import type { Command } from 'commander';
import { openContext } from '../context';
import { printApplyResult } from '../provision-output';

/** `daicho provision approve RUNID`: applies a held run's plan, as it was planned. */
export function registerProvisionApprove(provision: Command): void {
  provision
    .command('approve')
    .description('apply a provisioning run that the safety limit held')
    .argument('<run>', 'run id (shown by provision apply and provision runs)')
    .option('--json', 'print JSON (with the first passwords of new accounts)')
    .action(async (run: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      await printApplyResult(ctx, await ctx.provisioning.approve(run, ctx.actor), !!opts.json);
    });
}

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DaichoError } from '../../errors';
import type { ProvisioningPlan } from '../../provisioning/plan-types';
import { openContext } from '../context';
import { printApplyResult } from '../provision-output';

/**
 * `daicho provision apply [--plan FILE] [--json]`: applies a fresh plan, or exactly the plan in
 * FILE (the JSON of `provision plan --json`). Over the safety limit it is held for approval.
 */
export function registerProvisionApply(provision: Command): void {
  provision
    .command('apply')
    .description(
      'apply the provisioning plan to Microsoft 365 (held for approval over PROVISION_SAFETY_LIMIT)',
    )
    .option('--plan <file>', 'apply exactly this plan (the JSON of provision plan --json)')
    .option('--json', 'print JSON (with the first passwords of new accounts)')
    .action(async (opts: { plan?: string; json?: boolean }) => {
      const plan = opts.plan ? readPlan(opts.plan) : undefined;
      const ctx = await openContext();
      const result = await ctx.provisioning.apply(ctx.actor, plan ? { plan } : {});
      await printApplyResult(ctx, result, !!opts.json);
    });
}

function readPlan(file: string): ProvisioningPlan {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\ufeff/, '')) as ProvisioningPlan;
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new DaichoError('INVALID_INPUT', 'provision.badPlanFile', { file, reason });
  }
}

import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';
import { printSyncResult } from '../sync-output';

export function registerSync(program: Command): void {
  const sync = program
    .command('sync')
    .description('sync the ledger with the linked MDM now (status | approve RUN | reject RUN)')
    .enablePositionalOptions()
    .option('--dry-run', 'report what a sync would do, without writing')
    .option('--json', 'print JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const ctx = await openContext();
      const result = await ctx.sync.sync({ dryRun: !!opts.dryRun, actor: ctx.actor });
      printSyncResult(ctx, result, !!opts.json);
    });
  // One function per subcommand, so each stays readable on its own.
  registerStatus(sync);
  registerApprove(sync);
  registerReject(sync);
}

function registerStatus(sync: Command): void {
  sync
    .command('status')
    .description('the master integration, the last runs and open alerts')
    .option('--json', 'print JSON')
    .action(showStatus);
}

async function showStatus(opts: { json?: boolean }): Promise<void> {
  const ctx = await openContext();
  const master = await ctx.sync.master();
  const runs = await ctx.sync.recentRuns(10);
  const lease = await ctx.leases.holder('sync');
  const openAlerts = await ctx.alerts.countUnsent();
  const status = {
    master: master && {
      provider: master.provider,
      matchKey: master.matchKey,
      assetNumberRule: master.assetNumberRule,
      linkedAt: master.at,
      linkedBy: master.by,
    },
    running: lease && {
      holder: lease.holder,
      host: lease.host,
      pid: lease.pid,
      until: lease.expiresAt,
    },
    openAlerts,
    runs: runs.map((r) => ({
      id: r._id.toHexString(),
      trigger: r.trigger,
      status: r.status,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      counts: r.counts,
      errors: r.errors,
      held: r.held,
    })),
  };
  if (opts.json) return printJson(status);
  const out = [
    master
      ? `master: ${master.provider} (match ${master.matchKey}, asset number ${master.assetNumberRule}) since ${master.at.toISOString()} by ${master.by}`
      : 'master: -',
    `running: ${lease ? `${lease.holder} until ${lease.expiresAt.toISOString()}` : '-'}`,
    `open alerts: ${openAlerts}`,
    ...status.runs.map(
      (r) =>
        `${r.id}  ${r.startedAt.toISOString()}  ${r.trigger.padEnd(8)} ${r.status.padEnd(10)} ${JSON.stringify(r.counts)}${r.errors.length ? ` ${r.errors.join('; ')}` : ''}`,
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

function registerApprove(sync: Command): void {
  sync
    .command('approve')
    .description('run a sync that the safety limit held')
    .argument('<run>', 'run id (see sync status)')
    .option('--json', 'print JSON')
    .action(async (run: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      printSyncResult(ctx, await ctx.sync.approve(run, ctx.actor), !!opts.json);
    });
}

function registerReject(sync: Command): void {
  sync
    .command('reject')
    .description('drop a sync that the safety limit held')
    .argument('<run>', 'run id')
    .action(async (run: string) => {
      const ctx = await openContext();
      await ctx.sync.reject(run, ctx.actor);
      process.stdout.write(`${ctx.say('sync.rejected', { runId: run })}\n`);
    });
}

import type { Command } from 'commander';
import { actorLabel, providerName } from '../../cards/format';
import { isMessageKey } from '../../i18n/messages';
import { openContext, type CliContext } from '../context';
import { printJson } from '../output';
import { printSyncResult } from '../sync-output';
import { formatLabelled, formatTable } from '../table';
import { cliTime } from '../time';

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

/** What `sync status --json` prints, and what the text is made from. */
interface StatusView {
  master: {
    provider: 'intune' | 'jamf';
    matchKey?: string;
    assetNumberRule?: string;
    linkedAt: Date;
    linkedBy: string;
  } | null;
  running: { holder: string; host: string; pid: number; until: Date } | null;
  openAlerts: number;
  runs: {
    id: string;
    trigger: string;
    status: string;
    startedAt: Date;
    endedAt: Date | null;
    counts: Record<string, number>;
    errors: string[];
    held?: unknown;
  }[];
}

async function showStatus(opts: { json?: boolean }): Promise<void> {
  const ctx = await openContext();
  const master = await ctx.sync.master();
  const runs = await ctx.sync.recentRuns(10);
  const lease = await ctx.leases.holder('sync');
  const openAlerts = await ctx.alerts.countUnsent();
  const status: StatusView = {
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
  process.stdout.write(statusText(ctx, status));
}

/** The status for a person: labelled lines, then the recent runs as a table, in the CLI's language. */
function statusText(ctx: CliContext, status: StatusView): string {
  const { say, locale } = ctx;
  const { master, running, openAlerts } = status;
  const labelled = formatLabelled([
    [
      say('cli.sync.master'),
      master
        ? say('cli.sync.masterValue', {
            provider: providerName(master.provider),
            matchKey: master.matchKey ?? '-',
            rule: master.assetNumberRule ?? '-',
            at: cliTime(master.linkedAt),
            by: actorLabel(master.linkedBy, locale),
          })
        : '-',
    ],
    [
      say('cli.sync.running'),
      running
        ? say('cli.sync.runningValue', { holder: running.holder, until: cliTime(running.until) })
        : '-',
    ],
    [say('cli.sync.openAlerts'), String(openAlerts)],
  ]);
  const label = (prefix: 'cli.sync.result.' | 'cli.sync.trigger.', value: string) => {
    const key = `${prefix}${value}`;
    return isMessageKey(key) ? say(key) : value;
  };
  const runs = formatTable(
    status.runs.map((r) => [
      r.id,
      cliTime(r.startedAt),
      label('cli.sync.trigger.', r.trigger),
      label('cli.sync.result.', r.status),
      say('card.status.runCounts', { ...COUNT_ZEROS, ...r.counts }),
      r.errors.join('; '),
    ]),
    (['id', 'startedAt', 'trigger', 'status', 'counts', 'errors'] as const).map((h) =>
      say(`cli.sync.column.${h}`),
    ),
  );
  return `${[...labelled, ...(status.runs.length > 0 ? runs : [])].join('\n')}\n`;
}

const COUNT_ZEROS = { created: 0, updated: 0, duplicates: 0, conflicts: 0, missing: 0 };

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

import type { Command } from 'commander';
import { toCsv } from '../../csv/table-file';
import { isDaichoError } from '../../errors';
import { parseDeviceQuery } from '../../ledger/device-query';
import { REPORT_HEADERS, reportRows } from '../../stocktake/status';
import type { StocktakeScope } from '../../stocktake/stocktake-types';
import { cliSay, openContext } from '../context';
import { emit, printJson } from '../output';
import { planJson, planLines, statusJson, statusLines } from '../stocktake-output';
import { UsageError } from '../usage-error';
import { registerSerialProposals } from './stocktake-proposals';

interface StartOptions {
  status?: string;
  source?: string;
  type?: string;
  user?: string;
  deadline: string;
  dryRun?: boolean;
  json?: boolean;
}

/** The scope from the command line: the device list's filters, checked before the database. */
function scopeOf(opts: StartOptions): StocktakeScope {
  const { query, problems } = parseDeviceQuery({
    status: opts.status,
    source: opts.source,
    user: opts.user,
  });
  if (problems.length > 0)
    throw new UsageError('cli.invalidValues', {
      reasons: problems.map((p) => cliSay(p.key, p.params)).join('; '),
    });
  const type = opts.type?.trim();
  return type ? { query, deviceType: type } : { query };
}

/** A mistake on the command line (a bad date, a past deadline) exits 2 like other usage errors. */
async function asUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isDaichoError(e, 'INVALID_INPUT')) throw new UsageError(e.messageKey, e.params);
    throw e;
  }
}

function registerStart(stocktake: Command): void {
  stocktake
    .command('start')
    .description('start a stocktake: every device user is asked about their devices in Teams')
    .requiredOption('--deadline <YYYY-MM-DD>', 'last day for answers (end of day, Japan time)')
    .option('--status <status>', 'only devices with this status (ステータス)')
    .option('--source <source>', 'only devices of this source: ledger | intune | jamf')
    .option('--type <type>', 'only devices of this type (デバイスの種類)')
    .option('--user <text>', 'only devices whose 利用者 contains this')
    .option('--dry-run', 'show who would be asked about what, and who cannot be; write nothing')
    .option('--json', 'print the result as JSON')
    .action(async (opts: StartOptions) => {
      const scope = scopeOf(opts);
      const ctx = await openContext();
      const input = { scope, deadline: opts.deadline, by: ctx.actor.by };
      if (opts.dryRun) {
        const planned = await asUsage(() => ctx.stocktakes.plan(input));
        if (opts.json) return printJson({ dryRun: true, ...planJson(planned, ctx.locale) });
        const head = ctx.say('stocktake.dryRun', {
          devices: planned.devices,
          deadline: planned.deadlineDay,
        });
        return emit([head, ...planLines(planned, ctx.locale)].join('\n') + '\n');
      }
      const started = await asUsage(() => ctx.stocktakes.start(input));
      const json = planJson(started, ctx.locale);
      if (opts.json)
        return printJson({
          id: started.stocktake._id,
          dryRun: false,
          resumed: started.resumed,
          ...json,
        });
      const asked = json.asks.reduce((n, a) => n + a.devices.length, 0);
      const head = ctx.say(started.resumed ? 'stocktake.resumed' : 'stocktake.started', {
        id: started.stocktake._id,
        deadline: started.deadlineDay,
        users: json.asks.length,
        asked,
        unreachable: json.unreachable.length,
      });
      emit([head, ...planLines(started, ctx.locale)].join('\n') + '\n');
    });
}

/** `daicho stocktake start|status|report|close`: stocktakes (棚卸) of the devices' users. */
export function registerStocktake(program: Command): void {
  const stocktake = program
    .command('stocktake')
    .description('stocktakes (棚卸): device users confirm their devices in Teams');
  registerStart(stocktake);
  stocktake
    .command('status')
    .description('how far a stocktake is (default: the open one), per department')
    .argument('[id]', 'stocktake id (ST-YYYYMMDD-N)')
    .option('--json', 'print as JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const status = await ctx.stocktakes.status(id);
      if (opts.json) return printJson(statusJson(status));
      emit(statusLines(status, ctx.locale).join('\n') + '\n');
    });
  stocktake
    .command('report')
    .description('every device of a stocktake with its answer, as CSV (Japanese headers)')
    .argument('[id]', 'stocktake id (default: the open one)')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--excel', 'CSV for Excel: UTF-8 with BOM and CRLF line ends')
    .action(async (id: string | undefined, opts: { out?: string; excel?: boolean }) => {
      const ctx = await openContext();
      const { items } = await ctx.stocktakes.items(id);
      const rows = reportRows(items, ctx.locale);
      emit(toCsv(REPORT_HEADERS, rows, { excel: !!opts.excel }), opts.out);
    });
  stocktake
    .command('close')
    .description('close a stocktake (default: the open one): answers are refused from then on')
    .argument('[id]', 'stocktake id')
    .option('--json', 'print as JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const closed = await ctx.stocktakes.close(ctx.actor.by, id);
      if (opts.json) return printJson(statusJson(closed));
      const { counts } = closed;
      emit(
        `${ctx.say('stocktake.closed', { id: closed.stocktake._id, answered: counts.answered, total: counts.total })}\n`,
      );
    });
  registerSerialProposals(stocktake);
}

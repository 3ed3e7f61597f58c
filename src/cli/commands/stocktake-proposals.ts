import type { Command } from 'commander';
import { DaichoError } from '../../errors';
import type { StocktakeItemDoc } from '../../stocktake/stocktake-types';
import { openContext } from '../context';
import { emit, printJson } from '../output';
import { cliTime } from '../time';

/** A pending proposal as JSON: the device, its user, the serial now and the one proposed. */
function proposalJson(i: StocktakeItemDoc) {
  return {
    assetNumber: i.assetNumber,
    user: i.user,
    upn: i.upn,
    currentSerial: i.serialNumber,
    proposedSerial: i.proposedSerial?.serial ?? null,
    proposedBy: i.proposedSerial?.by ?? null,
    proposedAt: i.proposedSerial?.at ?? null,
  };
}

function registerProposals(stocktake: Command): void {
  stocktake
    .command('proposals')
    .description('serial number corrections users proposed, waiting for an admin to accept')
    .argument('[id]', 'stocktake id (default: the open one)')
    .option('--json', 'print as JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const { stocktake, items } = await ctx.stocktakes.proposals(id);
      const rows = items.map(proposalJson);
      if (opts.json) return printJson({ id: stocktake._id, proposals: rows });
      if (rows.length === 0)
        return emit(`${ctx.say('stocktake.proposals.none', { id: stocktake._id })}\n`);
      const none = ctx.say('stocktake.serialNone');
      const lines = rows.map((r) =>
        ctx.say('stocktake.proposals.line', {
          assetNumber: r.assetNumber,
          user: r.user ?? none,
          current: r.currentSerial ?? none,
          proposed: r.proposedSerial ?? none,
          by: r.proposedBy ?? none,
          at: cliTime(r.proposedAt),
        }),
      );
      const head = ctx.say('stocktake.proposals.header', { id: stocktake._id, count: rows.length });
      emit([head, ...lines].join('\n') + '\n');
    });
}

function registerAccept(stocktake: Command): void {
  stocktake
    .command('accept-serial')
    .description("accept a user's serial number correction: written to the ledger with history")
    .argument('<asset>', 'asset number (資産番号) of the device')
    .option('--stocktake <id>', 'stocktake id (default: the open one)')
    .option('--json', 'print as JSON')
    .action(async (asset: string, opts: { stocktake?: string; json?: boolean }) => {
      const ctx = await openContext();
      const who = { by: ctx.actor.by, admin: true };
      const outcome = await ctx.stocktakes.acceptSerialOf(who, asset, opts.stocktake);
      if (!outcome.ok)
        throw new DaichoError('STOCKTAKE_STATE', outcome.refusal.key, outcome.refusal.params);
      const { item } = outcome;
      const serial = item.proposedSerial?.serial ?? '';
      if (opts.json)
        return printJson({ assetNumber: item.assetNumber, previous: item.serialNumber, serial });
      const previous = item.serialNumber ?? ctx.say('stocktake.serialNone');
      emit(
        `${ctx.say('stocktake.serialAccepted', { assetNumber: item.assetNumber, serial, previous })}\n`,
      );
    });
}

/** `daicho stocktake proposals|accept-serial`: serial corrections are proposals an admin accepts. */
export function registerSerialProposals(stocktake: Command): void {
  registerProposals(stocktake);
  registerAccept(stocktake);
}

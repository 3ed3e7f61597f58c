import type { Command } from 'commander';
import type { MdmProvider } from '../../ledger/device';
import { ASSET_RULE_WORDS, MATCH_WORDS, PROVIDER_NAMES } from '../../sync/settings';
import { openContext } from '../context';
import { printSyncResult } from '../sync-output';
import { UsageError } from '../usage-error';

/** `daicho link intune|jamf --match … --asset-number … [--dry-run]`. */
export function registerLink(program: Command): void {
  for (const provider of ['intune', 'jamf'] as MdmProvider[]) {
    const matchWords = Object.keys(MATCH_WORDS[provider]);
    const ruleWords = Object.keys(ASSET_RULE_WORDS[provider]);
    const link =
      program.commands.find((c) => c.name() === 'link') ??
      program
        .command('link')
        .description('link the master integration (Intune or Jamf Pro) and run the first sync');
    link
      .command(provider)
      .description(`link ${PROVIDER_NAMES[provider]}; --dry-run shows what it would do`)
      .requiredOption('--match <key>', `matching key: ${matchWords.join(' | ')}`)
      .requiredOption(
        '--asset-number <rule>',
        `asset number of devices imported new: ${ruleWords.join(' | ')}`,
      )
      .option(
        '--dry-run',
        'report links, new devices, duplicates, conflicts and field changes without writing',
      )
      .option('--json', 'print JSON')
      .action(
        async (opts: { match: string; assetNumber: string; dryRun?: boolean; json?: boolean }) => {
          // Own keys only: `--match constructor` must not find Object.prototype.constructor.
          const matchKey = Object.hasOwn(MATCH_WORDS[provider], opts.match)
            ? MATCH_WORDS[provider][opts.match]
            : undefined;
          const assetNumberRule = Object.hasOwn(ASSET_RULE_WORDS[provider], opts.assetNumber)
            ? ASSET_RULE_WORDS[provider][opts.assetNumber]
            : undefined;
          if (!matchKey)
            throw new UsageError('cli.badChoice', {
              option: '--match',
              value: opts.match,
              choices: matchWords.join(', '),
            });
          if (!assetNumberRule)
            throw new UsageError('cli.badChoice', {
              option: '--asset-number',
              value: opts.assetNumber,
              choices: ruleWords.join(', '),
            });
          const ctx = await openContext();
          const result = await ctx.links.link(
            { provider, matchKey, assetNumberRule },
            { dryRun: !!opts.dryRun, actor: ctx.actor },
          );
          printSyncResult(ctx, result, !!opts.json);
        },
      );
  }
}

export function registerUnlink(program: Command): void {
  program
    .command('unlink')
    .description(
      'remove the master integration: devices stay, source becomes ledger, MDM fields are removed',
    )
    .option('--dry-run', 'say what would happen')
    .option('--json', 'print JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const ctx = await openContext();
      const r = await ctx.links.unlink({ dryRun: !!opts.dryRun, actor: ctx.actor });
      if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else
        process.stdout.write(
          `${ctx.say(r.dryRun ? 'unlink.dryRun' : 'unlink.done', { provider: PROVIDER_NAMES[r.provider], devices: r.devices })}\n`,
        );
    });
  program
    .command('disconnect')
    .description('remove the Intune or Jamf Pro connection (removes the master integration too)')
    .argument('<provider>', 'intune or jamf')
    .action(async (provider: string) => {
      if (provider !== 'intune' && provider !== 'jamf')
        throw new UsageError('cli.badChoice', {
          option: 'provider',
          value: provider,
          choices: 'intune, jamf',
        });
      const ctx = await openContext();
      const { unlinked } = await ctx.links.disconnect(provider, ctx.actor);
      if (unlinked > 0)
        process.stdout.write(
          `${ctx.say('unlink.done', { provider: PROVIDER_NAMES[provider], devices: unlinked })}\n`,
        );
      process.stdout.write(
        `${ctx.say('disconnect.done', { provider: PROVIDER_NAMES[provider] })}\n`,
      );
    });
}

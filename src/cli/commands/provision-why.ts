import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';
import { logLines } from '../provision-output';

/** `daicho provision why ID`: the person's provisioning log (newest first) and open problems. */
export function registerProvisionWhy(provision: Command): void {
  provision
    .command('why')
    .description("a person's provisioning log across runs and the problems of the latest plan")
    .argument('<id>', 'person id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const why = await ctx.provisioning.why(id);
      if (opts.json) return printJson(why);
      const { person, entries, problems } = why;
      const lines = [
        ctx.say('provision.whyHeader', {
          personId: person.personId,
          displayName: person.displayName ?? '-',
          accountId: person.m365AccountId ?? '-',
        }),
        ...(entries.length === 0 ? [ctx.say('provision.whyNone')] : []),
        ...entries.flatMap((e) => logLines(ctx.say, e, true)),
      ];
      if (problems.length > 0) {
        lines.push(ctx.say('provision.whyProblems'));
        for (const p of problems)
          lines.push(`  ${ctx.say(`provision.problem.${p.code}`, p.params)}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

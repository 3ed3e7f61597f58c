import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';

/** `daicho people unlink ID`: the account is stopped or deleted at the next apply (seed 001). */
export function registerPeopleUnlink(people: Command): void {
  people
    .command('unlink')
    .description(
      "unlink a person's Microsoft 365 account; the next provisioning apply stops or deletes it (PROVISION_ACCOUNT_REMOVAL)",
    )
    .argument('<id>', 'person id')
    .option('--json', 'print the person as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const { person, releasedAccountId } = await ctx.people.unlink(id);
      if (opts.json) printJson(person);
      else
        process.stdout.write(
          `${ctx.say('people.unlinked', {
            id: person.personId,
            accountId: releasedAccountId,
            removal: ctx.say(`people.removal.${ctx.config.provisioning.accountRemoval}`),
          })}\n`,
        );
    });
}

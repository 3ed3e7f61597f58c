import type { Command } from 'commander';
import { openContext } from '../context';
import { printJson } from '../output';

/** `daicho people link ID ACCOUNT`: the person's Microsoft 365 account, by its object id. */
export function registerPeopleLink(people: Command): void {
  people
    .command('link')
    .description('link a person to an existing Microsoft 365 account (its object id)')
    .argument('<id>', 'person id')
    .argument('<account>', 'Microsoft 365 user object id (a GUID)')
    .option('--json', 'print the person as JSON')
    .action(async (id: string, account: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const { person, changed } = await ctx.people.link(id, account);
      if (opts.json) printJson(person);
      else
        process.stdout.write(
          `${ctx.say(changed ? 'people.linked' : 'people.alreadyLinkedSame', { id: person.personId, accountId: person.m365AccountId ?? '' })}\n`,
        );
    });
}

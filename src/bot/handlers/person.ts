import type { Person } from '../../people/person';
import { personCardData, type PersonCardData } from '../../cards/person';
import { PERSON_REF } from '../../cards/person-payloads';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { VERBS } from '../../cards/verbs';
import type { BotDeps } from '../bot-deps';
import { argument, COMMANDS } from '../commands';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { quoting } from '../text';
import type { BotTurn, Reply } from '../turn';

/*
 * `person <id>` / `利用者 <id>` and the person card: anyone may look; admins edit a few fields
 * (checked like the CSV import), link an account, unlink (after a confirmation that says what
 * the next apply does to the account), remove and restore (person-edit.ts). Every action
 * re-checks the role and its payload; a stale card (the person changed, or another account is
 * linked) changes nothing.
 */
/** The licence profiles an admin may choose from. */
export function licenceProfiles(deps: BotDeps): string[] {
  return Object.keys(deps.config.provisioning.licenceProfiles);
}

/** The person card as this user may use it (buttons for admins), with a notice on top. */
export async function personCard(
  turn: BotTurn,
  deps: BotDeps,
  person: Person,
  notice?: { text: string; color?: PersonCardData['noticeColor'] },
): Promise<AdaptiveCard> {
  return renderCard(
    'person',
    personCardData(person, sayer(turn).locale, {
      isAdmin: await deps.roles.isAdmin(turn),
      accountRemoval: deps.config.provisioning.accountRemoval,
      profiles: licenceProfiles(deps),
      notice,
    }),
  );
}

async function show(turn: BotTurn, deps: BotDeps, id: string): Promise<Reply> {
  if (!id) return sayer(turn).say('bot.person.usage');
  const found = await refusalOr(turn, () => quoting(deps.people.get(id), 'id'));
  return found.ok ? personCard(turn, deps, found.value) : found.reply;
}

export const personCommand: CommandRoute = {
  pattern: COMMANDS.person,
  role: 'anyone',
  handle: (turn, deps) => show(turn, deps, argument(turn, COMMANDS.person)),
};

export const personShowAction = actionRoute({
  verb: VERBS.personShow,
  schema: PERSON_REF,
  role: 'anyone',
  handle: (turn, payload, deps) => show(turn, deps, payload.personId),
});

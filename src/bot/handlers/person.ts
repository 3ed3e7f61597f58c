import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { PERSON_EDIT_FIELDS, type PersonEditField } from '../../people/people-service';
import type { Person } from '../../people/person';
import type { BotDeps } from '../bot-deps';
import {
  offerableProfile,
  personCardData,
  savedNotice,
  type PersonCardData,
} from '../cards/person';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { argument, command, COMMANDS } from '../commands';
import { adminPayload, refusalOr } from '../guard';
import { sayer } from '../locale';
import { sendReply, type Reply } from '../reply';
import { quoting } from '../text';
import { VERBS } from '../verbs';

const personId = z.string().trim().min(1).max(64);
const PERSON = z.object({ personId });
/** Only the six fields of the form: anything else a payload carries is dropped, never written. */
const EDIT = z.object({
  personId,
  version: z.string().datetime(),
  ...(Object.fromEntries(
    PERSON_EDIT_FIELDS.map((f) => [f, z.string().max(1024).optional()]),
  ) as Record<PersonEditField, z.ZodOptional<z.ZodString>>),
});
const LINK = z.object({ personId, accountId: z.string().trim().min(1).max(100) });
const UNLINK = z.object({ personId, accountId: z.string().uuid() });

/**
 * `person <id>` / `利用者 <id>` and the person card: anyone may look; admins edit a few fields
 * (checked like the CSV import), link an account, unlink (after a confirmation that says what
 * the next apply does to the account), remove and restore. Every action re-checks the role and
 * its payload; a stale card (the person changed, or another account is linked) changes nothing.
 */
export function registerPeople(app: Application<TurnState>, deps: BotDeps): void {
  const people = deps.people;
  const profiles = () => Object.keys(deps.config.provisioning.licenceProfiles);

  const card = async (
    context: TurnContext,
    person: Person,
    notice?: { text: string; color?: PersonCardData['noticeColor'] },
  ): Promise<AdaptiveCard> =>
    renderCard(
      'person',
      personCardData(person, sayer(context).locale, {
        isAdmin: await deps.roles.isAdmin(context),
        accountRemoval: deps.config.provisioning.accountRemoval,
        profiles: profiles(),
        notice,
      }),
    );

  const show = async (context: TurnContext, id: string): Promise<Reply> => {
    if (!id) return sayer(context).say('bot.person.usage');
    const found = await refusalOr(context, () => quoting(people.get(id), 'id'));
    return found.ok ? card(context, found.value) : found.reply;
  };

  app.message(command(COMMANDS.person), async (context) =>
    sendReply(context, await show(context, argument(context, COMMANDS.person))),
  );
  app.adaptiveCards.actionExecute(VERBS.personShow, async (context, _s, data) => {
    const parsed = PERSON.safeParse(data ?? {});
    if (!parsed.success) return sayer(context).say('bot.badPayload');
    return (await show(context, parsed.data.personId)) as never;
  });

  app.adaptiveCards.actionExecute(VERBS.personEdit, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, EDIT, data);
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    const { personId: id, version, ...inputs } = ok.value;
    const fields: Partial<Record<PersonEditField, string>> = {};
    // The card showed "${" in user text as "$\u200B{" (render.ts): saved back as it was.
    for (const field of PERSON_EDIT_FIELDS)
      if (inputs[field] !== undefined) fields[field] = inputs[field].split('$\u200B{').join('${');
    const found = await refusalOr(context, () => people.get(id));
    if (!found.ok) return found.reply;
    // A profile the licence profiles file does not name is refused (the person's current one,
    // from an import, may stay).
    const current = found.value.licenceProfile;
    // A current profile the form could not offer comes back empty: that is not a choice to clear it.
    if (current && !offerableProfile(current) && !fields.licenceProfile?.trim())
      delete fields.licenceProfile;
    const profile = fields.licenceProfile?.trim();
    if (profile && profile !== current && !profiles().includes(profile))
      return say('bot.person.invalid', {
        reasons: say('bot.person.unknownProfile', { profile }),
      });
    const edited = await refusalOr(context, () =>
      people.edit(id, fields, { ifUpdatedAt: new Date(version) }),
    );
    if (!edited.ok) return edited.reply;
    if (!edited.value.ok)
      return say('bot.person.invalid', {
        reasons: edited.value.problems.map((p) => say(p.key, p.params)).join('; '),
      });
    deps.log.info(
      { personId: id, fields: edited.value.changed, by: context.activity.from?.aadObjectId },
      'person edited from Teams',
    );
    return (await card(context, edited.value.person, {
      text: savedNotice(edited.value.changed, sayer(context).locale),
    })) as never;
  });

  app.adaptiveCards.actionExecute(VERBS.personLink, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, LINK, data);
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    const linked = await refusalOr(context, () =>
      people.link(ok.value.personId, ok.value.accountId),
    );
    if (!linked.ok) return linked.reply;
    const { person, changed } = linked.value;
    const params = { id: person.personId, accountId: person.m365AccountId ?? '' };
    return (await card(context, person, {
      text: say(changed ? 'people.linked' : 'people.alreadyLinkedSame', params),
    })) as never;
  });

  app.adaptiveCards.actionExecute(VERBS.personUnlink, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, UNLINK, data);
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    const found = await refusalOr(context, () => people.get(ok.value.personId));
    if (!found.ok) return found.reply;
    const accountId = ok.value.accountId.toLowerCase();
    // The card said which account would be unlinked: if that is no longer the linked one, stop.
    if (found.value.m365AccountId !== accountId)
      return say('bot.person.unlinkStale', {
        id: found.value.personId,
        accountId,
        current: found.value.m365AccountId ?? say('card.none'),
      });
    const unlinked = await refusalOr(context, () => people.unlink(found.value.personId));
    if (!unlinked.ok) return unlinked.reply;
    return (await card(context, unlinked.value.person, {
      text: say('people.unlinked', {
        id: found.value.personId,
        accountId: unlinked.value.releasedAccountId,
        removal: say(`people.removal.${deps.config.provisioning.accountRemoval}`),
      }),
    })) as never;
  });

  const removeOrRestore = (remove: boolean) => async (context: TurnContext, data: unknown) => {
    const ok = await adminPayload(context, deps, PERSON, data);
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    const before = await refusalOr(context, () => people.get(ok.value.personId));
    if (!before.ok) return before.reply;
    if (before.value.removed === remove)
      return (await card(context, before.value, { text: say('card.person.unchanged') })) as never;
    const after = remove
      ? await people.remove(before.value.personId)
      : await people.restore(before.value.personId);
    const text = remove
      ? say('bot.person.removedNotice', {
          removal: say(`people.removal.${deps.config.provisioning.accountRemoval}`),
        })
      : say('bot.person.restoredNotice');
    return (await card(context, after, { text })) as never;
  };
  const remove = removeOrRestore(true);
  const restore = removeOrRestore(false);
  app.adaptiveCards.actionExecute(VERBS.personRemove, (context, _s, data) => remove(context, data));
  app.adaptiveCards.actionExecute(VERBS.personRestore, (context, _s, data) =>
    restore(context, data),
  );
}

import { offerableProfile, savedNotice } from '../../cards/person';
import { VERBS } from '../../cards/verbs';
import { PERSON_EDIT_FIELDS, type PersonEditField } from '../../people/people-service';
import { PERSON_EDIT, PERSON_LINK, PERSON_REF, PERSON_UNLINK } from '../../cards/person-payloads';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute } from '../routes';
import { licenceProfiles, personCard } from './person';

/** The person card's changes (admins): edit, link, unlink, remove, restore. */

export const personEditAction = actionRoute({
  verb: VERBS.personEdit,
  schema: PERSON_EDIT,
  role: 'admin',
  async handle(turn, payload, deps) {
    const { say } = sayer(turn);
    const { personId: id, version, ...inputs } = payload;
    const fields: Partial<Record<PersonEditField, string>> = {};
    // The card showed "${" in user text as "$\u200B{" (render.ts): saved back as it was.
    for (const field of PERSON_EDIT_FIELDS)
      if (inputs[field] !== undefined) fields[field] = inputs[field].split('$\u200B{').join('${');
    const found = await refusalOr(turn, () => deps.people.get(id));
    if (!found.ok) return found.reply;
    // A profile the licence profiles file does not name is refused (the person's current one,
    // from an import, may stay).
    const current = found.value.licenceProfile;
    // A current profile the form could not offer comes back empty: that is not a choice to clear it.
    if (current && !offerableProfile(current) && !fields.licenceProfile?.trim())
      delete fields.licenceProfile;
    const profile = fields.licenceProfile?.trim();
    if (profile && profile !== current && !licenceProfiles(deps).includes(profile))
      return say('bot.person.invalid', {
        reasons: say('bot.person.unknownProfile', { profile }),
      });
    const edited = await refusalOr(turn, () =>
      deps.people.edit(id, fields, { ifUpdatedAt: new Date(version) }),
    );
    if (!edited.ok) return edited.reply;
    if (!edited.value.ok)
      return say('bot.person.invalid', {
        reasons: edited.value.problems.map((p) => say(p.key, p.params)).join('; '),
      });
    deps.log.info(
      { personId: id, fields: edited.value.changed, by: turn.user.aadObjectId },
      'person edited from Teams',
    );
    return await personCard(turn, deps, edited.value.person, {
      text: savedNotice(edited.value.changed, sayer(turn).locale),
    });
  },
});

export const personLinkAction = actionRoute({
  verb: VERBS.personLink,
  schema: PERSON_LINK,
  role: 'admin',
  async handle(turn, payload, deps) {
    const { say } = sayer(turn);
    const linked = await refusalOr(turn, () =>
      deps.people.link(payload.personId, payload.accountId),
    );
    if (!linked.ok) return linked.reply;
    const { person, changed } = linked.value;
    const params = { id: person.personId, accountId: person.m365AccountId ?? '' };
    return await personCard(turn, deps, person, {
      text: say(changed ? 'people.linked' : 'people.alreadyLinkedSame', params),
    });
  },
});

export const personUnlinkAction = actionRoute({
  verb: VERBS.personUnlink,
  schema: PERSON_UNLINK,
  role: 'admin',
  async handle(turn, payload, deps) {
    const { say } = sayer(turn);
    const found = await refusalOr(turn, () => deps.people.get(payload.personId));
    if (!found.ok) return found.reply;
    const accountId = payload.accountId.toLowerCase();
    // The card said which account would be unlinked: if that is no longer the linked one, stop.
    if (found.value.m365AccountId !== accountId)
      return say('bot.person.unlinkStale', {
        id: found.value.personId,
        accountId,
        current: found.value.m365AccountId ?? say('card.none'),
      });
    const unlinked = await refusalOr(turn, () => deps.people.unlink(found.value.personId));
    if (!unlinked.ok) return unlinked.reply;
    return await personCard(turn, deps, unlinked.value.person, {
      text: say('people.unlinked', {
        id: found.value.personId,
        accountId: unlinked.value.releasedAccountId,
        removal: say(`people.removal.${deps.config.provisioning.accountRemoval}`),
      }),
    });
  },
});

/** Remove or restore, answered with the card (unchanged when it already was so). */
const removeOrRestore = (remove: boolean) =>
  actionRoute({
    verb: remove ? VERBS.personRemove : VERBS.personRestore,
    schema: PERSON_REF,
    role: 'admin',
    async handle(turn, payload, deps) {
      const { say } = sayer(turn);
      const before = await refusalOr(turn, () => deps.people.get(payload.personId));
      if (!before.ok) return before.reply;
      if (before.value.removed === remove)
        return await personCard(turn, deps, before.value, { text: say('card.person.unchanged') });
      const after = remove
        ? await deps.people.remove(before.value.personId)
        : await deps.people.restore(before.value.personId);
      const text = remove
        ? say('bot.person.removedNotice', {
            removal: say(`people.removal.${deps.config.provisioning.accountRemoval}`),
          })
        : say('bot.person.restoredNotice');
      return await personCard(turn, deps, after, { text });
    },
  });

export const personRemoveAction = removeOrRestore(true);
export const personRestoreAction = removeOrRestore(false);

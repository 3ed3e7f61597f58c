import type { Collection } from 'mongodb';
import { DaichoError, isDuplicateKeyError } from '../errors';
import type { TableRow } from '../csv/table-file';
import { importPeople, type PeopleImportReport } from './people-import';
import type { DirectoryGroup, Person } from './person';
import { parsePersonInput, type InputProblem } from './person-input';

export interface PeopleCollections {
  people: Collection<Person>;
  directoryGroups: Collection<DirectoryGroup>;
}

/** What the bot's person card edits (PeopleService.edit); the rest comes by CSV import. */
export const PERSON_EDIT_FIELDS = [
  'displayName',
  'department',
  'jobTitle',
  'mobilePhone',
  'usageLocation',
  'licenceProfile',
] as const;
export type PersonEditField = (typeof PERSON_EDIT_FIELDS)[number];

/** Entra object ids are GUIDs; anything else (a UPN, a typo) is refused before it is stored. */
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const withoutId = { projection: { _id: 0 } } as const;

/**
 * The people directory (利用者) and its groups. Writes are single-document and idempotent (no
 * transactions): a unique index keeps one person per id and one person per Microsoft 365 account.
 */
export class PeopleService {
  constructor(
    private readonly c: PeopleCollections,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every person, by person id. */
  async list(): Promise<Person[]> {
    return (await this.c.people.find({}, withoutId).sort({ personId: 1 }).toArray()) as Person[];
  }

  async get(personId: string): Promise<Person> {
    const person = await this.c.people.findOne({ personId: personId.normalize('NFKC') }, withoutId);
    if (!person) throw new DaichoError('NOT_FOUND', 'people.notFound', { id: personId });
    return person as Person;
  }

  /** The display names of these people that have one, by person id (for cards). */
  async displayNames(personIds: string[]): Promise<Record<string, string>> {
    if (personIds.length === 0) return {};
    const found = await this.c.people
      .find({ personId: { $in: personIds } }, { projection: { personId: 1, displayName: 1 } })
      .toArray();
    return Object.fromEntries(
      found.filter((p) => p.displayName).map((p) => [p.personId, p.displayName!]),
    );
  }

  /**
   * Links the account when the person has none yet, in one conditional write; false when the
   * person is linked already or the account is someone else's (the unique index refuses it).
   */
  async linkIfUnlinked(personId: string, accountId: string, now = this.now()): Promise<boolean> {
    return this.c.people
      .updateOne(
        { personId, m365AccountId: null },
        {
          $set: { m365AccountId: accountId, updatedAt: now },
          $pull: { releasedAccountIds: accountId },
        },
      )
      .then(
        (r) => r.modifiedCount === 1,
        (e: unknown) => {
          if (isDuplicateKeyError(e)) return false;
          throw e;
        },
      );
  }

  /** Imports rows of a CSV or JSON file: nothing is written unless every row is valid. */
  import(rows: TableRow[]): Promise<PeopleImportReport> {
    return importPeople(this.c, rows, this.now());
  }

  /**
   * Links a person to an existing Microsoft 365 account. Linking to another account needs an
   * unlink first, so a stop or delete of the old account is never a side effect of a typo.
   */
  async link(personId: string, accountId: string): Promise<{ person: Person; changed: boolean }> {
    const id = accountId.trim().toLowerCase();
    if (!ACCOUNT_ID.test(id))
      throw new DaichoError('INVALID_INPUT', 'people.badAccountId', { accountId });
    const person = await this.get(personId);
    if (person.m365AccountId === id) return { person, changed: false };
    if (person.m365AccountId)
      throw new DaichoError('INVALID_INPUT', 'people.alreadyLinked', {
        id: person.personId,
        accountId: person.m365AccountId,
      });
    const other = await this.c.people.findOne({ m365AccountId: id });
    if (other) throw this.accountTaken(id, other.personId);
    try {
      const updated = await this.c.people.findOneAndUpdate(
        { personId: person.personId, m365AccountId: null },
        {
          $set: { m365AccountId: id, updatedAt: this.now() },
          // Linked again: no longer an account to stop or delete.
          $pull: { releasedAccountIds: id },
        },
        { returnDocument: 'after', ...withoutId },
      );
      if (!updated) return this.link(personId, accountId); // linked meanwhile: say what won
      return { person: updated as Person, changed: true };
    } catch (e) {
      // Another person was linked to it between our check and the write.
      if (isDuplicateKeyError(e))
        throw this.accountTaken(
          id,
          (await this.c.people.findOne({ m365AccountId: id }))?.personId ?? '?',
        );
      throw e;
    }
  }

  /**
   * Unlinks the person's account. Seed 001: removing the account id from a user stops or deletes
   * that account (PROVISION_ACCOUNT_REMOVAL) at the next apply; it is kept in releasedAccountIds
   * until then.
   */
  async unlink(personId: string): Promise<{ person: Person; releasedAccountId: string }> {
    const person = await this.get(personId);
    const accountId = person.m365AccountId;
    if (!accountId)
      throw new DaichoError('NOT_LINKED', 'people.notLinked', { id: person.personId });
    const updated = await this.c.people.findOneAndUpdate(
      { personId: person.personId, m365AccountId: accountId },
      {
        $set: { m365AccountId: null, updatedAt: this.now() },
        $addToSet: { releasedAccountIds: accountId },
      },
      { returnDocument: 'after', ...withoutId },
    );
    if (!updated) return this.unlink(personId); // changed meanwhile: act on what it is now
    return { person: updated as Person, releasedAccountId: accountId };
  }

  /**
   * Edits a few fields of one person (the bot's person card), checked with the rules of the CSV
   * import; an empty value clears the field, except displayName (required by Microsoft 365).
   * `ifUpdatedAt` is the version the editor saw: a person changed since is refused, unchanged.
   */
  async edit(
    personId: string,
    fields: Partial<Record<PersonEditField, string | null>>,
    options: { ifUpdatedAt?: Date } = {},
  ): Promise<
    | { ok: true; person: Person; changed: PersonEditField[] }
    | { ok: false; problems: InputProblem[] }
  > {
    const person = await this.get(personId);
    const stale = () =>
      new DaichoError('INVALID_INPUT', 'people.edit.stale', { id: person.personId });
    if (options.ifUpdatedAt && person.updatedAt.getTime() !== options.ifUpdatedAt.getTime())
      throw stale();
    const raw: Record<string, unknown> = { personId: person.personId };
    for (const field of PERSON_EDIT_FIELDS)
      if (fields[field] !== undefined) raw[field] = fields[field] ?? '';
    const { value, problems } = parsePersonInput(raw);
    if (fields.displayName !== undefined && !(fields.displayName ?? '').trim())
      problems.push({
        field: 'displayName',
        key: 'people.edit.required',
        params: { field: 'displayName' },
      });
    if (!value || problems.length > 0) return { ok: false, problems };
    const wanted: Partial<Record<PersonEditField, string | null>> = {
      ...(value.attributes as Partial<Record<PersonEditField, string | null>>),
    };
    if (value.licenceProfile !== undefined) wanted.licenceProfile = value.licenceProfile;
    const set: Partial<Record<PersonEditField, string | null>> = {};
    for (const field of PERSON_EDIT_FIELDS)
      if (field in wanted && (wanted[field] ?? null) !== (person[field] ?? null))
        set[field] = wanted[field] ?? null;
    const changed = Object.keys(set) as PersonEditField[];
    if (changed.length === 0) return { ok: true, person, changed };
    // Written only over the version read: an edit in between is not overwritten.
    const written = await this.c.people.updateOne(
      { personId: person.personId, updatedAt: person.updatedAt },
      { $set: { ...set, updatedAt: this.now() } },
    );
    if (written.matchedCount === 0) throw stale();
    return { ok: true, person: await this.get(person.personId), changed };
  }

  /** Once the applier stopped or deleted an unlinked account, it is no longer pending. */
  async forgetReleasedAccount(personId: string, accountId: string): Promise<void> {
    await this.c.people.updateOne({ personId }, { $pull: { releasedAccountIds: accountId } });
  }

  /** Removes a person from the directory: the next apply stops or deletes their account. */
  async remove(personId: string): Promise<Person> {
    const person = await this.get(personId);
    if (person.removed) return person;
    const now = this.now();
    await this.c.people.updateOne(
      { personId: person.personId, removed: false },
      { $set: { removed: true, removedAt: now, updatedAt: now } },
    );
    return this.get(personId);
  }

  /** Undoes remove (a stopped account stays stopped: an admin unblocks it in Microsoft 365). */
  async restore(personId: string): Promise<Person> {
    const person = await this.get(personId);
    await this.c.people.updateOne(
      { personId: person.personId },
      { $set: { removed: false, removedAt: null, updatedAt: this.now() } },
    );
    return this.get(personId);
  }

  async listGroups(): Promise<DirectoryGroup[]> {
    return (await this.c.directoryGroups
      .find({}, withoutId)
      .sort({ name: 1 })
      .toArray()) as DirectoryGroup[];
  }

  /** Creates or updates a directory group (restoring it if it was removed). */
  async saveGroup(group: {
    name: string;
    displayName?: string;
    description?: string | null;
  }): Promise<DirectoryGroup> {
    const now = this.now();
    const set: Partial<DirectoryGroup> = { removed: false, removedAt: null, updatedAt: now };
    if (group.displayName !== undefined) set.displayName = group.displayName;
    if (group.description !== undefined) set.description = group.description;
    const insert: Partial<DirectoryGroup> = { m365GroupId: null, createdAt: now };
    if (group.displayName === undefined) insert.displayName = group.name;
    if (group.description === undefined) insert.description = null;
    const saved = await this.c.directoryGroups.findOneAndUpdate(
      { name: group.name },
      { $set: set, $setOnInsert: insert },
      { upsert: true, returnDocument: 'after', ...withoutId },
    );
    return saved as DirectoryGroup;
  }

  /** Seed 001 グループ削除: the next apply empties or deletes its security group. */
  async removeGroup(name: string): Promise<void> {
    const now = this.now();
    const r = await this.c.directoryGroups.updateOne(
      { name, removed: false },
      { $set: { removed: true, removedAt: now, updatedAt: now } },
    );
    if (r.matchedCount === 0 && !(await this.c.directoryGroups.findOne({ name })))
      throw new DaichoError('NOT_FOUND', 'people.groupNotFound', { name });
  }

  /** Records the security group a directory group is provisioned as. */
  async linkGroup(name: string, groupId: string): Promise<void> {
    await this.c.directoryGroups.updateOne(
      { name },
      { $set: { m365GroupId: groupId, updatedAt: this.now() } },
    );
  }

  private accountTaken(accountId: string, otherId: string): DaichoError {
    return new DaichoError('INVALID_INPUT', 'people.accountTaken', { accountId, otherId });
  }
}

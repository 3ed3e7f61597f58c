import { isDaichoError } from '../../src/errors';
import { PeopleService } from '../../src/people/people-service';
import { person } from '../support/provisioning-fixtures';
import { rejectionOf } from '../support/sim-harness';
import { openTestDb, type TestDb } from '../support/test-db';

/** PeopleService.edit (the bot's person card) against the real wire-protocol server. */
describe('editing one person', () => {
  let t: TestDb;
  let clock = new Date('2025-04-01T00:00:00Z');
  let people: PeopleService;
  beforeEach(async () => {
    t = await openTestDb();
    people = new PeopleService(t.c, () => clock);
    await t.c.people.insertOne(
      person('E1', { department: '総務部', jobTitle: '課長', licenceProfile: '標準' }),
    );
  });
  afterEach(() => t.close());

  it('writes only the fields that change, with the CSV rules (trim, country code upper case)', async () => {
    const before = await people.get('E1');
    clock = new Date('2025-04-02T00:00:00Z');
    const result = await people.edit(
      'Ｅ1', // full-width: the person id is NFKC-normalised, as everywhere
      {
        department: ' 営業部 ',
        jobTitle: '',
        usageLocation: 'us',
        displayName: before.displayName,
      },
      { ifUpdatedAt: before.updatedAt },
    );
    expect(result).toMatchObject({
      ok: true,
      changed: ['department', 'jobTitle', 'usageLocation'],
    });
    expect(await people.get('E1')).toMatchObject({
      department: '営業部',
      jobTitle: null,
      usageLocation: 'US',
      licenceProfile: '標準',
      updatedAt: clock,
    });
  });

  it('refuses invalid values with the import’s reasons, and writes nothing', async () => {
    const result = await people.edit('E1', {
      usageLocation: 'Japan',
      department: 'x'.repeat(65),
      displayName: '',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.key)).toEqual([
      'input.tooLong',
      'people.input.badUsageLocation',
      'people.edit.required',
    ]);
    expect((await people.get('E1')).department).toBe('総務部');
  });

  it('refuses an edit made from an older version, and changes nothing when nothing differs', async () => {
    const before = await people.get('E1');
    clock = new Date('2025-04-03T00:00:00Z');
    await people.edit('E1', { jobTitle: '部長' });
    const stale = await rejectionOf(
      people.edit('E1', { jobTitle: '係長' }, { ifUpdatedAt: before.updatedAt }),
    );
    expect(isDaichoError(stale) && stale.messageKey).toBe('people.edit.stale');
    expect((await people.get('E1')).jobTitle).toBe('部長');

    clock = new Date('2025-04-04T00:00:00Z');
    const same = await people.edit('E1', { jobTitle: '部長', licenceProfile: '標準' });
    expect(same).toMatchObject({ ok: true, changed: [] });
    expect((await people.get('E1')).updatedAt).toEqual(new Date('2025-04-03T00:00:00Z'));
    const missing = await rejectionOf(people.edit('E9', { jobTitle: 'x' }));
    expect(isDaichoError(missing, 'NOT_FOUND')).toBe(true);
  });
});

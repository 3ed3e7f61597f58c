import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readTableFile, toCsv } from '../../src/csv/table-file';
import { isDaichoError, isDuplicateKeyError } from '../../src/errors';
import { PeopleService } from '../../src/people/people-service';
import { defaultImmutableId } from '../../src/people/person';
import { runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

const ACCOUNT = '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OTHER = '0b1c2d3e-4f50-4162-8374-95a6b7c8d9e0';

const HEADER = [
  '社員番号',
  '表示名',
  '姓',
  '名',
  'userPrincipalName',
  '電話番号',
  'otherMails',
  '部署',
  'usageLocation',
  'licenceProfile',
  'groups',
  'custom.社員区分',
];

/** 200 people with what real spreadsheets hold: Japanese, commas, quotes, line breaks, "+81". */
function samplePeople(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `E${String(i + 1).padStart(5, '0')}`;
    return {
      社員番号: id,
      表示名: i % 7 === 0 ? `山田, "太郎" ${i}` : `利用者 ${i}`,
      姓: '山田',
      名: i % 5 === 0 ? '' : '太郎',
      userPrincipalName: `${id.toLowerCase()}@contoso.example`,
      電話番号: i % 3 === 0 ? '+81 3-1234-5678' : '',
      otherMails: i % 4 === 0 ? `a${i}@example.jp;b${i}@example.jp` : '',
      部署: i % 2 === 0 ? '情報システム部' : '営業部\n第二課',
      usageLocation: 'JP',
      licenceProfile: i % 2 === 0 ? '標準' : '',
      groups: i % 2 === 0 ? '全社員;情シス' : '全社員',
      'custom.社員区分': i % 3 === 0 ? '=正社員' : '契約',
    };
  });
}

describe('the people directory against the real wire-protocol server', () => {
  let t: TestDb;
  let people: PeopleService;
  let env: Record<string, string>;
  let dir: string;
  beforeEach(async () => {
    t = await openTestDb();
    people = new PeopleService(t.c);
    env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-people-'));
  });
  afterEach(async () => {
    await t.close();
  });

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('imports people (service): defaults, new groups, and the same file again changes nothing', async () => {
    const file = write('people.csv', toCsv(HEADER, samplePeople(20)));
    const report = await people.import(readTableFile(file));
    expect(report).toEqual({
      created: 20,
      updated: 0,
      unchanged: 0,
      groupsCreated: 2,
      problems: [],
      rejected: false,
    });
    const first = await people.get('E00001');
    expect(first).toMatchObject({
      personId: 'E00001',
      displayName: '山田, "太郎" 0',
      givenName: null,
      businessPhones: ['+81 3-1234-5678'],
      otherMails: ['a0@example.jp', 'b0@example.jp'],
      department: '情報システム部',
      onPremisesImmutableId: defaultImmutableId('E00001'),
      custom: { 社員区分: '=正社員' },
      groups: ['全社員', '情シス'],
      m365AccountId: null,
      releasedAccountIds: [],
      removed: false,
    });
    expect((await people.listGroups()).map((g) => [g.name, g.displayName])).toEqual([
      ['全社員', '全社員'],
      ['情シス', '情シス'],
    ]);
    expect(await people.import(readTableFile(file))).toMatchObject({ created: 0, unchanged: 20 });

    const edit = write('edit.csv', '社員番号,部署,custom.社員区分,削除済み\nE00002,総務部,,true\n');
    expect(await people.import(readTableFile(edit))).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await people.get('E00002')).toMatchObject({
      department: '総務部',
      custom: {},
      removed: true,
      removedAt: expect.any(Date),
      displayName: '利用者 1',
    });
  });

  it('refuses a file with a broken row: every bad line is named, nothing is written', async () => {
    const rows = samplePeople(5);
    rows[2].userPrincipalName = 'not-an-address';
    rows[4].社員番号 = 'E00001';
    const file = write('bad.csv', toCsv(HEADER, rows));
    const r = await runCli(['people', 'import', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 5: "userPrincipalName" is not an e-mail address');
    expect(r.stderr).toContain('line 8: person "E00001" appears twice in the file (as on line 2)');
    // Line numbers are the file's lines: a cell with a line break (rows 1 and 3) takes two.
    expect(r.stderr).toMatch(
      /2 rows are invalid, so nothing was written\. Fix them and import the file again\.\n$/,
    );
    expect(await t.c.people.countDocuments()).toBe(0);
    expect(await t.c.directoryGroups.countDocuments()).toBe(0);
  });

  it('imports a Shift_JIS CSV with Japanese headers (Excel on Japanese Windows)', async () => {
    const sjis = write(
      'sjis.csv',
      iconv.encode(
        '社員番号,表示名,ユーザープリンシパル名,部門,コストセンター,グループ\nＥ１,佐藤 花子,hanako@contoso.example,管理本部,CC-9,経理\n',
        'Shift_JIS',
      ),
    );
    const r = await runCli(['people', 'import', sjis], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Imported people: 1 added, 0 updated, 0 unchanged; 1 new directory group.',
    );
    expect(await people.get('E1')).toMatchObject({
      displayName: '佐藤 花子',
      division: '管理本部',
      costCenter: 'CC-9',
      groups: ['経理'],
    });
  });

  it('round-trips through CSV and JSON export with no loss', async () => {
    await people.import(readTableFile(write('in.csv', toCsv(HEADER, samplePeople(200)))));
    await people.link('E00003', ACCOUNT);
    const csv = await runCli(['people', 'export', '--format', 'csv'], env);
    const json = await runCli(['people', 'export', '--format', 'json'], env);
    expect([csv.code, json.code]).toEqual([0, 0]);
    const exported = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(exported).toHaveLength(200);
    expect(exported[2]).toMatchObject({ personId: 'E00003', m365AccountId: ACCOUNT });

    // The same database: both files import as "unchanged".
    for (const [name, text] of [
      ['out.csv', csv.stdout],
      ['out.json', json.stdout],
    ]) {
      const r = await runCli(['people', 'import', write(name, text), '--json'], env);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 200 });
    }

    // A fresh database: the CSV gives the same people (links are made by `link`, not by files).
    const fresh = await openTestDb();
    try {
      const freshEnv = { ...env, MONGODB_DB: fresh.name };
      expect(
        (await runCli(['people', 'import', write('again.csv', csv.stdout)], freshEnv)).code,
      ).toBe(0);
      const again = JSON.parse(
        (await runCli(['people', 'export', '--format', 'json'], freshEnv)).stdout,
      ) as Record<string, unknown>[];
      const strip = (list: Record<string, unknown>[]) =>
        list.map(({ createdAt: _c, updatedAt: _u, m365AccountId: _m, ...rest }) => rest);
      expect(strip(again)).toEqual(strip(exported));
    } finally {
      await fresh.close();
    }
  });

  it('links and unlinks by CLI; the unlinked account waits for the removal behaviour', async () => {
    await people.import(readTableFile(write('p.csv', '社員番号,表示名\nE1,一\nE2,二\n')));
    const linked = await runCli(['people', 'link', 'E1', ACCOUNT.toUpperCase()], env);
    expect([linked.code, linked.stdout.trim()]).toEqual([
      0,
      `Linked person "E1" to Microsoft 365 account ${ACCOUNT}.`,
    ]);
    expect((await runCli(['people', 'link', 'E1', ACCOUNT], env)).stdout).toContain(
      'nothing changed',
    );

    const taken = await runCli(['people', 'link', 'E2', ACCOUNT], env);
    expect([taken.code, taken.stderr.trim()]).toEqual([
      1,
      `Error: Account ${ACCOUNT} is already linked to person "E1".`,
    ]);
    const other = await runCli(['people', 'link', 'E1', OTHER], env);
    expect(other.stderr).toContain('unlink it first (daicho people unlink E1)');
    const bad = await runCli(['people', 'link', 'E2', 'e2@contoso.example'], env);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      expect.stringContaining('is not a Microsoft 365 account id'),
    ]);
    expect((await runCli(['people', 'link', 'E9', ACCOUNT], env)).stderr).toContain(
      'No person "E9"',
    );

    const unlinked = await runCli(['people', 'unlink', 'E1'], env);
    expect(unlinked.code).toBe(0);
    expect(unlinked.stdout).toContain(
      'The next provisioning apply will stop (block sign-in to) that account.',
    );
    expect(await people.get('E1')).toMatchObject({
      m365AccountId: null,
      releasedAccountIds: [ACCOUNT],
    });
    const again = await runCli(['people', 'unlink', 'E1'], env);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('is not linked')]);

    // Linking the same account again takes it off the list of accounts to stop.
    await people.link('E1', ACCOUNT);
    expect(await people.get('E1')).toMatchObject({
      m365AccountId: ACCOUNT,
      releasedAccountIds: [],
    });
    const ja = await runCli(['people', 'unlink', 'E1', '--json'], { ...env, DAICHO_LOCALE: 'ja' });
    expect(JSON.parse(ja.stdout)).toMatchObject({ personId: 'E1', releasedAccountIds: [ACCOUNT] });
  });

  it('one person per account even when the service check is raced (unique partial index)', async () => {
    await people.import(readTableFile(write('p.csv', 'personId\nA\nB\nC\n')));
    await people.link('A', ACCOUNT);
    const race = t.c.people.updateOne({ personId: 'B' }, { $set: { m365AccountId: ACCOUNT } });
    expect(isDuplicateKeyError(await race.catch((e: unknown) => e))).toBe(true);
    // People with no account (null) are not in the index.
    expect(await t.c.people.countDocuments({ m365AccountId: null })).toBe(2);
    const err = await people.link('B', ACCOUNT).catch((e: unknown) => e);
    expect(isDaichoError(err) && err.params).toEqual({ accountId: ACCOUNT, otherId: 'A' });
  });

  it('removes and restores people and groups', async () => {
    await people.import(readTableFile(write('p.csv', 'personId,groups\nA,g1\n')));
    expect(await people.remove('A')).toMatchObject({ removed: true, removedAt: expect.any(Date) });
    expect(await people.restore('A')).toMatchObject({ removed: false, removedAt: null });
    await people.saveGroup({ name: 'g1', displayName: '第一', description: '説明' });
    await people.linkGroup('g1', 'group-id');
    await people.removeGroup('g1');
    expect(await people.listGroups()).toEqual([
      expect.objectContaining({
        name: 'g1',
        displayName: '第一',
        description: '説明',
        m365GroupId: 'group-id',
        removed: true,
      }),
    ]);
    await expect(people.removeGroup('nope')).rejects.toThrow(/people.groupNotFound/);
  });
});

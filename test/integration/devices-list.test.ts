import type { MdmBlock } from '../../src/ledger/device';
import { runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const block = (deviceId: string, over: Partial<MdmBlock>): MdmBlock => ({
  provider: 'intune',
  deviceId,
  deviceName: deviceId,
  enrolledAt: null,
  lastCheckInAt: daysAgo(1),
  primaryUser: null,
  diskCapacityGb: null,
  registrationState: 'registered',
  ...over,
});

describe('daicho devices list: the list screen filters', () => {
  let t: TestDb;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await openTestDb();
    env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    const by = { by: 'test' };
    await t.ledger.create(
      { assetNumber: 'L-1', serialNumber: 'DUP', user: '山田 太郎', status: '在庫' },
      by,
    );
    await t.ledger.create(
      { assetNumber: 'L-2', serialNumber: 'dup ', user: 'Sato', status: '利用中' },
      by,
    );
    for (const [asset, mdm] of [
      ['I-1', block('i1', {})],
      ['I-2', block('i2', { registrationState: 'revoked', lastCheckInAt: daysAgo(40) })],
      ['I-3', block('i3', { missingFromMdm: true, lastCheckInAt: null })],
    ] as const) {
      await t.ledger.create({ assetNumber: asset, serialNumber: asset }, by);
      await t.c.devices.updateOne({ assetNumber: asset }, { $set: { source: 'intune', mdm } });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const assets = async (args: string[]) => {
    const r = await runCli(['devices', 'list', ...args, '--format', 'json'], env);
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout) as { assetNumber: string }[]).map((d) => d.assetNumber);
  };

  it.each([
    [[], ['I-1', 'I-2', 'I-3', 'L-1', 'L-2']],
    [
      ['--source', 'intune'],
      ['I-1', 'I-2', 'I-3'],
    ],
    [
      ['--source', 'ledger'],
      ['L-1', 'L-2'],
    ],
    [['--registration-state', 'revoked'], ['I-2']],
    [
      ['--stale-days', '30'],
      ['I-2', 'I-3'],
    ],
    [['--missing'], ['I-3']],
    [['--duplicates'], ['L-1', 'L-2']],
    [['--user', 'やま'], []],
    [['--user', '山田'], ['L-1']],
    [['--status', '利用中'], ['L-2']],
    [['--source', 'intune', '--stale-days', '30', '--registration-state', 'revoked'], ['I-2']],
  ])('%j → %j', async (args, expected) => {
    expect(await assets(args)).toEqual(expected);
  });

  it('refuses a filter value it does not know, naming the choices', async () => {
    const r = await runCli(['devices', 'list', '--registration-state', 'bogus'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /registration-state cannot be "bogus" \(one of notRegistered, registered/,
    );
  });

  it('downloads the filtered list as CSV', async () => {
    const r = await runCli(['devices', 'list', '--source', 'intune', '--format', 'csv'], env);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
    expect(r.stdout).toMatch(/^assetNumber,serialNumber/);
  });
});

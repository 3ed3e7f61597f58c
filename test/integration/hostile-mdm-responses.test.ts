import fc from 'fast-check';
import { isDaichoError } from '../../src/errors';
import { generateJamfComputers, generateJamfMobileDevices } from '../../src/sim/fixtures-jamf';
import type { MdmDevice } from '../../src/sync/mdm-device';
import { INTUNE_SELECT, mapManagedDevice } from '../../src/sync/sources/intune-mapping';
import { mapJamfComputer, mapJamfMobileDevice } from '../../src/sync/sources/jamf-mapping';
import {
  CaseCounts,
  changedCollections,
  crashTrace,
  fcParams,
  hostileJson,
  hugeString,
  objectOf,
  poisoned,
  restore,
  runs,
  snapshot,
  wire,
  type Snapshot,
} from '../support/hostile';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * Graph and Jamf Pro answers of unexpected shapes: records with wrong types per field, no id,
 * huge strings, nested objects, `fc.anything()`; pages that are not JSON, not objects, whose
 * `value` / `results` is not an array, whose records are null, whose `@odata.nextLink` is a
 * number or points back at itself, whose `totalCount` is absurd.
 *
 * A record maps to a device whose empty values are null (never "", never a non-ISO date, never a
 * TypeError), or is refused with a clear message. A page that cannot be read fails the run with a
 * clear message (no TypeError text), and the ledger never holds half a run: a failed run changes
 * nothing but the run record and its alert.
 */

const counts = new CaseCounts('hostile-mdm-responses');
const ISO =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** What a crash says about itself (never a clear message for a person). */
const JS_ERROR =
  /TypeError|Cannot read prop|is not a function|is not iterable|undefined|\[object Object\]|Unexpected token/;

/** Why a mapped device breaks the ledger's rules (empty list when it keeps them). */
function deviceProblems(d: MdmDevice, provider: 'intune' | 'jamf'): string[] {
  const out: string[] = [];
  if (d.provider !== provider) out.push(`provider ${String(d.provider)}`);
  if (typeof d.deviceId !== 'string' || d.deviceId.trim() === '') out.push('no deviceId');
  const texts = [
    'uuid',
    'serialNumber',
    'deviceName',
    'os',
    'manufacturer',
    'model',
    'user',
    'primaryUser',
    'registrationState',
    'managementAgent',
  ] as const;
  for (const f of texts) {
    const v = d[f];
    if (v === undefined && f === 'managementAgent') continue;
    if (v !== null && (typeof v !== 'string' || v.trim() === '' || v !== v.trim()))
      out.push(`${f} = ${JSON.stringify(v)?.slice(0, 40)}`);
  }
  for (const f of ['enrolledAt', 'lastCheckInAt'] as const) {
    const v = d[f];
    if (v !== null && (typeof v !== 'string' || !ISO.test(v) || !(Date.parse(v) >= 0)))
      out.push(`${f} = ${JSON.stringify(v)?.slice(0, 40)}`);
  }
  const gb = d.diskCapacityGb;
  if (gb !== null && (typeof gb !== 'number' || !Number.isFinite(gb) || gb <= 0))
    out.push(`diskCapacityGb = ${String(gb)}`);
  return out;
}

/** A mapper's verdict on one record: a device that keeps the rules, or a clear refusal. */
function checkMapping(
  map: (raw: Record<string, unknown>) => MdmDevice,
  raw: unknown,
  provider: 'intune' | 'jamf',
) {
  let device: MdmDevice;
  try {
    device = map(raw as Record<string, unknown>);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof TypeError || e instanceof RangeError || JS_ERROR.test(message))
      throw new Error(`refused with a JS error: ${String(e)}`);
    if (message.trim() === '') throw new Error('refused without a message');
    return;
  }
  const problems = deviceProblems(device, provider);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** A field's value as a buggy MDM may send it. */
const fieldValue = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '  x  ',
      '0',
      '0001-01-01T00:00:00Z',
      '2024-13-45',
      'yesterday',
      'Monday 5',
      '12',
      '2024-04-01T09:00:00.1234567Z',
      '2024-04-01',
    ),
    weight: 3,
  },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, -0)), weight: 2 },
  { arbitrary: hostileJson, weight: 3 },
  { arbitrary: poisoned, weight: 1 },
  { arbitrary: hugeString(100_000), weight: 1 },
  { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weight: 1 },
);

/** A record with the mapper's fields (some missing, some wrong), maybe more. */
function record(
  fields: readonly string[],
  nested: Record<string, readonly string[]> = {},
): fc.Arbitrary<unknown> {
  const flat = fields.map((f) =>
    fc.option(
      fieldValue.map((v): [string, unknown] => [f, v]),
      { freq: 4, nil: undefined },
    ),
  );
  const sections = Object.entries(nested).map(([name, keys]) =>
    fc.option(
      fc
        .oneof(
          {
            arbitrary: fc
              .tuple(
                ...keys.map((k) =>
                  fc.option(
                    fieldValue.map((v): [string, unknown] => [k, v]),
                    { freq: 3, nil: undefined },
                  ),
                ),
              )
              .map((kv) => objectOf(kv.filter((e): e is [string, unknown] => !!e))),
            weight: 4,
          },
          { arbitrary: hostileJson, weight: 1 },
        )
        .map((v): [string, unknown] => [name, v]),
      { freq: 5, nil: undefined },
    ),
  );
  const shaped = fc
    .tuple(fc.tuple(...flat), fc.tuple(...sections))
    .map(([a, b]) => objectOf([...a, ...b].filter((e): e is [string, unknown] => !!e)));
  return fc.oneof(
    { arbitrary: shaped, weight: 6 },
    { arbitrary: fc.anything(), weight: 1 },
    { arbitrary: hostileJson, weight: 1 },
  );
}

const JAMF_COMPUTER = record(['id', 'udid'], {
  general: ['name', 'lastEnrolledDate', 'initialEntryDate', 'lastContactTime'],
  hardware: ['serialNumber', 'make', 'model'],
  operatingSystem: ['name', 'version'],
  userAndLocation: ['username', 'email'],
});
const JAMF_MOBILE = record(['mobileDeviceId', 'deviceType'], {
  general: ['udid', 'displayName', 'osVersion', 'lastEnrolledDate', 'lastInventoryUpdateDate'],
  hardware: ['serialNumber', 'model', 'modelIdentifier', 'capacityMb'],
  userAndLocation: ['username', 'emailAddress'],
});

afterAll(() => void counts.write());

describe('hostile MDM records: the mappers', () => {
  const cases: [
    string,
    (raw: Record<string, unknown>) => MdmDevice,
    fc.Arbitrary<unknown>,
    'intune' | 'jamf',
  ][] = [
    ['mapManagedDevice', mapManagedDevice, record(INTUNE_SELECT), 'intune'],
    ['mapJamfComputer', mapJamfComputer, JAMF_COMPUTER, 'jamf'],
    ['mapJamfMobileDevice', mapJamfMobileDevice, JAMF_MOBILE, 'jamf'],
  ];
  for (const [name, map, arbitrary, provider] of cases) {
    it(`${name}: any record maps to nulls-not-blanks, or is refused with a clear message`, () => {
      const property = `mapping ${name}`;
      const numRuns = runs(600);
      counts.expect(property, numRuns);
      fc.assert(
        fc.property(arbitrary, fc.boolean(), (raw, overJson) => {
          counts.count(property);
          // As it comes off the wire (JSON), and as it is (fc.anything(): undefined, -0, sparse arrays …).
          checkMapping(map, overJson ? wire(raw) : raw, provider);
        }),
        fcParams(numRuns),
      );
      expect(counts.get(property)?.ran).toBe(numRuns);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Whole runs against the simulators, with one page's answer replaced.

/** The ledger's collections: a failed run must not change any of them. */
const LEDGER = [
  'devices',
  'fieldHistory',
  'usageHistory',
  'counters',
  'assetNumberReservations',
  'integrations',
];

function ledgerOnly(s: Snapshot): Snapshot {
  const keep = <T>(m: Map<string, T>) => new Map([...m].filter(([k]) => LEDGER.includes(k)));
  return { text: keep(s.text), docs: keep(s.docs) };
}

/** No "" anywhere in a stored device (core fields and the mdm block). */
function blanks(doc: unknown, at = ''): string[] {
  if (doc === '') return [at || '/'];
  if (Array.isArray(doc)) return doc.flatMap((v, i) => blanks(v, `${at}/${i}`));
  if (doc && typeof doc === 'object' && !(doc instanceof Date) && doc.constructor === Object)
    return Object.entries(doc).flatMap(([k, v]) => blanks(v, `${at}/${k}`));
  return [];
}

/**
 * Runs one sync with `body` as the answer to one page. Returns a problem list: a failure must be
 * a clear message and leave the ledger as it was; a success must store no blanks.
 */
async function runWith(
  t: TestDb,
  h: SyncHarness,
  fault: { route: string; page: number; body: unknown; contentType?: string; remaining?: number },
): Promise<{ problems: string[]; failed: boolean }> {
  const state = (fault.route === 'managedDevices' ? h.sims.graph : h.sims.jamf)!.state;
  state.faults.length = 0;
  state.faults.push({
    route: fault.route,
    page: fault.page,
    remaining: fault.remaining ?? 1,
    action: { kind: 'body', body: fault.body, contentType: fault.contentType },
  });
  const before = ledgerOnly(await snapshot(t.db));
  const problems: string[] = [];
  let failed = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), 8000);
  });
  try {
    const result = await Promise.race([
      h.sync.sync({ actor: { by: 'test' }, trigger: 'manual' }),
      deadline,
    ]);
    if (result === 'timeout') {
      problems.push('the run never ended (8 s)');
      state.faults.length = 0; // let it finish
    }
  } catch (e) {
    failed = true;
    const text = isDaichoError(e) ? JSON.stringify(e.params) : String(e);
    if (!isDaichoError(e, 'MDM_READ_FAILED'))
      problems.push(`failed with ${String(e).slice(0, 200)}`);
    if (JS_ERROR.test(text) || crashTrace(text))
      problems.push(`unclear reason: ${text.slice(0, 300)}`);
  } finally {
    clearTimeout(timer);
    state.faults.length = 0;
  }
  const after = ledgerOnly(await snapshot(t.db));
  if (failed) {
    const changed = changedCollections(before, after);
    if (changed.length > 0) problems.push(`a failed run changed ${changed.join(', ')}`);
    const run = await t.c.syncRuns.find({}).sort({ startedAt: -1 }).limit(1).next();
    if (run?.status !== 'failed') problems.push(`last run is ${String(run?.status)}`);
  } else {
    for (const d of await t.c.devices.find({}).toArray()) {
      const b = blanks({ ...d, _id: null, createdAt: null, updatedAt: null });
      if (b.length > 0) problems.push(`device ${d.assetNumber} stores "" at ${b.join(', ')}`);
    }
  }
  return { problems, failed };
}

describe('hostile Graph pages: a bad page fails the run cleanly, never half a run', () => {
  let t: TestDb;
  let h: SyncHarness;
  let base: Snapshot;
  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: {
        devices: Array.from({ length: 6 }, (_, i) =>
          rawIntuneDevice({ id: `g-${i + 1}`, serialNumber: `GS-${i + 1}` }),
        ) as never,
        maxPageSize: 3,
      },
      // Nothing held for approval: a page that drops devices must not hide behind the limit.
      safetyLimitPercent: 100,
    });
    await t.ledger.create(
      { assetNumber: 'L-1', serialNumber: 'GS-1', user: 'alice' },
      { by: 'test' },
    );
    await h.links.link(
      { provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' },
      { dryRun: false, actor: { by: 'test' } },
    );
    base = await snapshot(t.db);
  });
  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  const graphPage = fc.oneof(
    // Not JSON, or JSON that is not a page.
    fc.record({
      body: fc.constantFrom('<html>maintenance</html>', '', 'null', '{"value": [', 'nonsense'),
      contentType: fc.constantFrom('application/json', 'text/html', undefined),
    }),
    fc.record({
      body: fc.constantFrom(null, [], 5, 'x', true, {}),
      contentType: fc.constant(undefined),
    }),
    // A page whose value is not a list, or whose records are anything.
    fc.record({
      body: fc.oneof(hostileJson, poisoned).map((value) => objectOf([['value', value]])),
      contentType: fc.constant(undefined),
    }),
    fc.record({
      body: fc
        .array(record(INTUNE_SELECT), { maxLength: 3 })
        .map((value) => wire(objectOf([['value', value]]))),
      contentType: fc.constant(undefined),
    }),
    // A good record with a next link that is not one.
    fc.record({
      body: fc
        .constantFrom<unknown>(
          5,
          {},
          [],
          '',
          'not a url',
          'https://evil.example/v1.0/deviceManagement/managedDevices',
          '/relative',
        )
        .map((link) =>
          objectOf([
            ['value', [rawIntuneDevice({ id: 'g-1', serialNumber: 'GS-1' })]],
            ['@odata.nextLink', link],
          ]),
        ),
      contentType: fc.constant(undefined),
    }),
  );

  it('any page body: a clear failure with the ledger untouched, or a run that stores no blanks', async () => {
    const name = 'graph: malformed page bodies through a sync run';
    const numRuns = runs(40);
    counts.expect(name, numRuns);
    let failedRuns = 0;
    await fc.assert(
      fc.asyncProperty(graphPage, fc.nat(1), async ({ body, contentType }, page) => {
        counts.count(name);
        const { problems, failed } = await runWith(t, h, {
          route: 'managedDevices',
          page,
          body,
          contentType,
        });
        if (failed) failedRuns++;
        // Back to the linked ledger for the next case.
        await restoreAll(t, base);
        if (problems.length > 0)
          throw new Error(
            `${JSON.stringify(body)?.slice(0, 300)} on page ${page}: ${problems.join('; ')}`,
          );
      }),
      fcParams(numRuns),
    );
    expect(counts.get(name)?.ran).toBe(numRuns);
    counts.note('graph runs that failed (the rest completed)', failedRuns);
  });

  it('a next link that leads back to the same page fails the run instead of reading forever', async () => {
    const page0 = h.sims.graph!.state.log.find((e) => e.route === 'managedDevices');
    expect(page0).toBeDefined();
    const self = `${h.sims.graph!.url}${page0!.path}${page0!.query}`;
    const { problems, failed } = await runWith(t, h, {
      route: 'managedDevices',
      page: 0,
      remaining: Infinity,
      body: {
        value: [rawIntuneDevice({ id: 'g-1', serialNumber: 'GS-1' })],
        '@odata.nextLink': self,
      },
    });
    await restoreAll(t, base);
    expect(problems).toEqual([]);
    expect(failed).toBe(true);
  });
});

describe('hostile Jamf Pro pages: a bad page fails the run cleanly, never half a run', () => {
  let t: TestDb;
  let h: SyncHarness;
  let base: Snapshot;
  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: false,
      // One page of each listing (the source asks for 200 a page).
      jamf: {
        computers: generateJamfComputers(5, 7),
        mobileDevices: generateJamfMobileDevices(3, 7),
      },
      safetyLimitPercent: 100,
    });
    await h.links.link(
      { provider: 'jamf', matchKey: 'serial', assetNumberRule: 'serial' },
      { dryRun: false, actor: { by: 'test' } },
    );
    base = await snapshot(t.db);
  });
  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  const page = (records: fc.Arbitrary<unknown>) =>
    fc.oneof(
      fc.constantFrom<unknown>(
        '<html/>',
        '',
        null,
        [],
        5,
        {},
        { totalCount: '3', results: [] },
        { totalCount: 3, results: {} },
        { totalCount: -1, results: [] },
        { results: [] },
      ),
      fc
        .record({
          totalCount: fc.oneof(fc.constantFrom(0, 1, 8, 1e9, 2 ** 53, 1.5), hostileJson),
          results: fc.array(records, { maxLength: 3 }),
        })
        .map((p) => wire(p)),
      fc
        .record({ totalCount: fc.constant(8), results: fc.oneof(hostileJson, poisoned) })
        .map((p) => wire(objectOf(Object.entries(p)))),
    );

  it('any page body of either listing: a clear failure with the ledger untouched, or a run that stores no blanks', async () => {
    const name = 'jamf: malformed page bodies through a sync run';
    const numRuns = runs(40);
    counts.expect(name, numRuns);
    let failedRuns = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(fc.constant('computers'), page(JAMF_COMPUTER)),
          fc.tuple(fc.constant('mobileDevices'), page(JAMF_MOBILE)),
        ),
        fc.constant(0),
        async ([route, body], n) => {
          counts.count(name);
          const { problems, failed } = await runWith(t, h, { route, page: n, body });
          if (failed) failedRuns++;
          await restoreAll(t, base);
          if (problems.length > 0)
            throw new Error(
              `${route} page ${n} = ${JSON.stringify(body)?.slice(0, 300)}: ${problems.join('; ')}`,
            );
        },
      ),
      fcParams(numRuns),
    );
    expect(counts.get(name)?.ran).toBe(numRuns);
    counts.note('jamf runs that failed (the rest completed)', failedRuns);
  });
});

/** Every collection back as in `base` (runs, alerts and leases too). */
async function restoreAll(t: TestDb, base: Snapshot): Promise<void> {
  await restore(t.db, base, changedCollections(base, await snapshot(t.db)));
}

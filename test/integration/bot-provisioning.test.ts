/**
 * Microsoft 365 provisioning and the people directory in conversation: the real bot on
 * botbuilder's TestAdapter, the real ProvisioningService against the real database and the Graph
 * simulator's directory. The tenant is judged by the simulator's own state (its `writes`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter as BotTestAdapter, type BotAdapter } from 'botbuilder';
import { createAdapter } from '../../src/teams/adapter';
import { createTeamsApp } from '../../src/teams/app';
import type { BotDeps } from '../../src/bot/bot-deps';
import { BOT_ROUTES } from '../../src/bot/registry';
import { rolePolicy } from '../../src/bot/roles';
import { VERBS } from '../../src/cards/verbs';
import { createLogger } from '../../src/log';
import { PeopleService } from '../../src/people/people-service';
import { defaultImmutableId, type Person } from '../../src/people/person';
import { createGraphDirectory } from '../../src/provisioning/graph-directory';
import { ProvisioningService } from '../../src/provisioning/provisioning-service';
import { newDirectoryState, type SimUserSeed } from '../../src/sim/directory-model';
import { ADMIN, botConfig, testBot, USER } from '../support/bot-harness';
import { directoryGroup, person } from '../support/provisioning-fixtures';
import { eventually, FAST_RETRY, intuneConfigFor } from '../support/sim-harness';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';
import { executes, inputValue, message, press, type Answer } from '../support/workflow-bot';

const GUID = '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const upn = (id: string) => `${id}@contoso.example`;

let t: TestDb;
let h: SyncHarness;
let adapter: BotTestAdapter;
let people: PeopleService;
let deps: Partial<BotDeps>;
/** Every first password the service handed out: none may appear in anything the bot says. */
const passwords: string[] = [];
/** Everything the bot said, in every test. */
const said: string[] = [];

const state = () => h.sims.graph!.state;
const directory = () => state().directory;
const writes = () => directory().writes.length;
const tenantUser = (id: string) =>
  directory().users.find((u) => u.userPrincipalName.toLowerCase() === upn(id).toLowerCase());

function seedTenant(users: SimUserSeed[] = []): void {
  Object.assign(state(), { faults: [], log: [], directory: newDirectoryState({ users }) });
}

async function seedPeople(n: number, over: (i: number) => Partial<Person> = () => ({})) {
  await t.c.people.insertMany(
    Array.from({ length: n }, (_, k) =>
      person(`E${k + 1}`, {
        displayName: `利用者 ${k + 1}`,
        department: '情報システム部',
        licenceProfile: '標準',
        groups: ['全社員'],
        ...over(k + 1),
      }),
    ),
  );
  await t.c.directoryGroups.insertOne(directoryGroup('全社員'));
}

beforeAll(async () => {
  t = await openTestDb();
  h = await syncHarness(t, { graph: {} });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-bot-provision-'));
  const profiles = path.join(dir, 'profiles.json');
  writeFileSync(profiles, JSON.stringify({ 標準: [{ skuPartNumber: 'ENTERPRISEPACK' }] }));
  const config = botConfig(t, {
    ...h.sims.env,
    PROVISION_ACCOUNTS: 'on',
    PROVISION_LICENSES: 'on',
    PROVISION_GROUPS: 'on',
    PROVISION_SAFETY_LIMIT: '2',
    PROVISIONING_LICENSE_PROFILES_FILE: profiles,
  });
  const log = createLogger('silent');
  people = new PeopleService(t.c);
  const provisioning = new ProvisioningService({
    records: t.c,
    leases: h.services.leases,
    people,
    config,
    log,
    directory: () =>
      createGraphDirectory(intuneConfigFor(h.sims), { log, timeoutMs: 5000, retry: FAST_RETRY }),
  });
  // The passwords stay in the service's answer; the test keeps them to look for them.
  for (const method of ['apply', 'approve'] as const) {
    const original = provisioning[method].bind(provisioning) as (
      ...a: unknown[]
    ) => ReturnType<ProvisioningService['apply']>;
    (provisioning as unknown as Record<string, unknown>)[method] = async (...a: unknown[]) => {
      const result = await original(...a);
      passwords.push(...result.initialPasswords.map((p) => p.password));
      return result;
    };
  }
  deps = { config, people, provisioning };
  adapter = testBot(t, h, deps);
});
afterAll(async () => {
  await h.close();
  await t.close();
});
beforeEach(async () => {
  seedTenant();
  for (const c of [t.c.people, t.c.directoryGroups, t.c.provisioningRuns, t.c.provisioningLog])
    await c.deleteMany({});
});

/** What testBot builds besides the overrides (for a bot assembled by hand). */
function testDeps(): Partial<BotDeps> {
  const log = createLogger('silent');
  return {
    botStorage: h.services.botStorage,
    deviceReads: h.services.deviceReads,
    ledger: t.ledger,
    sync: h.sync,
    links: h.links,
    log,
    roles: rolePolicy(deps.config!.admins, false, log),
  };
}

function record(answer: Answer): Answer {
  said.push(JSON.stringify(answer.replies));
  return answer;
}
const say = async (text: string, from = ADMIN, locale = 'ja-JP') =>
  record(await message(adapter, text, from, locale));
const click = async (verb: string, data: Record<string, unknown>, from = ADMIN, locale = 'en-US') =>
  record(await press(adapter, verb, data, { from, locale }));
const cardText = (a: Answer) => JSON.stringify(a.card ?? null);
const runIdOf = (a: Answer, verb: string) =>
  String(executes(a.card).find((e) => e.verb === verb)?.data.runId ?? '');
/** bot.badPayload: a forged or malformed payload. */
const BAD = /invalid or out of date; please start again\. Nothing was changed\./;

describe('the provisioning preview', () => {
  it('shows the dry run in Japanese and English and changes nothing in the tenant', async () => {
    await seedPeople(3);
    const ja = await say('プロビジョニング');
    expect(cardText(ja)).toContain('プロビジョニングの計画 (ドライラン)');
    expect(cardText(ja)).toContain(`アカウント ${upn('E1')} を作成`);
    expect(cardText(ja)).toContain('displayName: — → 利用者 1');
    expect(cardText(ja)).toContain('+ ENTERPRISEPACK');
    expect(executes(ja.card).map((e) => e.verb)).toEqual([
      VERBS.provisionApply,
      VERBS.provisionCsv,
      VERBS.provisionPlan,
      VERBS.provisionMapping,
    ]);
    const en = await say('provision', ADMIN, 'en-US');
    expect(cardText(en)).toContain('Provisioning plan (dry run)');
    expect(cardText(en)).toContain(`Create the account ${upn('E2')}`);
    expect(cardText(en)).toContain('Members: 3 to add, 0 to remove');
    expect(writes()).toBe(0);
    expect(await t.c.provisioningRuns.countDocuments({ status: 'planned' })).toBe(2);
  });

  it('is for admins only; the plan CSV has every change', async () => {
    await seedPeople(2);
    expect((await say('provision', USER, 'en-US')).text).toMatch(/Only admins/);
    const preview = await say('provision', ADMIN, 'en-US');
    const runId = runIdOf(preview, VERBS.provisionApply);
    expect((await click(VERBS.provisionCsv, { runId }, USER)).text).toMatch(/Only admins/);
    const csv = await click(VERBS.provisionCsv, { runId });
    expect(csv.text).toMatch(/\/downloads\/[0-9a-f]{64}/);
    const token = /\/downloads\/([0-9a-f]{64})/.exec(csv.text!)![1];
    const file = await t.c.downloads.findOne({ _id: token });
    expect(file!.body).toContain(`createUser,person:E1,E1,,displayName,,利用者 1`);
  });
});

describe('apply from the card', () => {
  it('applies what was previewed: a result card, and the tenant changed', async () => {
    await seedPeople(2);
    const preview = await say('provision', ADMIN, 'en-US');
    const runId = runIdOf(preview, VERBS.provisionApply);

    expect((await click(VERBS.provisionApply, { runId }, USER)).text).toMatch(/Only admins/);
    expect(writes()).toBe(0);

    const result = await click(VERBS.provisionApply, { runId });
    expect(cardText(result)).toContain('Provisioning: applied');
    expect(cardText(result)).toContain('never shown in a Teams chat');
    expect(cardText(result)).toContain('daicho provision apply');
    expect(tenantUser('E1')).toMatchObject({ displayName: '利用者 1', accountEnabled: true });
    expect(directory().groups.find((g) => g.displayName === '全社員')!.memberIds).toHaveLength(2);
    expect((await people.get('E2')).m365AccountId).toBe(tenantUser('E2')!.id);
    expect(passwords.length).toBeGreaterThanOrEqual(2);

    // The same card pressed again: the plan changed (everything is done), nothing is applied twice.
    const before = writes();
    const again = await click(VERBS.provisionApply, { runId });
    expect(cardText(again)).toContain('changed after that preview');
    expect(cardText(again)).toContain('already matches the directory');
    expect(writes()).toBe(before);
  });

  it('refuses a forged or stale Apply and changes nothing', async () => {
    await seedPeople(1);
    const preview = await say('provision', ADMIN, 'en-US');
    const runId = runIdOf(preview, VERBS.provisionApply);
    for (const data of [{}, { runId: 'not-a-run' }, { runId: { $ne: null } }, { runId: 42 }])
      expect((await click(VERBS.provisionApply, data)).text).toMatch(BAD);
    expect((await click(VERBS.provisionApply, { runId: '0123456789abcdef01234567' })).text).toBe(
      'No provisioning run "0123456789abcdef01234567".',
    );
    // The tenant changed after the preview: the new plan is shown, not applied.
    seedTenant([{ userPrincipalName: upn('E1'), displayName: '先に作成', mailNickname: 'E1' }]);
    const changed = await click(VERBS.provisionApply, { runId });
    expect(cardText(changed)).toContain('changed after that preview');
    expect(cardText(changed)).toContain(`Link to the existing account ${upn('E1')}`);
    expect(writes()).toBe(0);
  });
});

describe('the safety limit: held, approve, reject', () => {
  /** Three linked people removed: three stops, over the limit of 2. */
  async function heldPreview() {
    await seedPeople(3);
    const first = await say('provision', ADMIN, 'en-US');
    await click(VERBS.provisionApply, { runId: runIdOf(first, VERBS.provisionApply) });
    for (const id of ['E1', 'E2', 'E3']) await people.remove(id);
    const preview = await say('provision', ADMIN, 'en-US');
    expect(cardText(preview)).toContain(
      'stops or deletes 3 accounts, more than the safety limit (2)',
    );
    const held = await click(VERBS.provisionApply, {
      runId: runIdOf(preview, VERBS.provisionApply),
    });
    expect(cardText(held)).toContain('Provisioning waits for approval');
    expect(cardText(held)).toContain(`Stop the account ${upn('E1')} (block sign-in)`);
    const runId = runIdOf(held, VERBS.provisionApprove);
    expect(runIdOf(held, VERBS.provisionReject)).toBe(runId);
    expect(['E1', 'E2', 'E3'].map((id) => tenantUser(id)!.accountEnabled)).toEqual([
      true,
      true,
      true,
    ]);
    return { runId, writes: writes() };
  }

  it('held → approve → applied; a second approve is refused', async () => {
    const { runId, writes: before } = await heldPreview();
    expect((await click(VERBS.provisionApprove, { runId }, USER)).text).toMatch(/Only admins/);
    expect((await click(VERBS.provisionApprove, { runId: `${runId}x` })).text).toMatch(BAD);
    expect(writes()).toBe(before);
    expect((await t.c.provisioningRuns.findOne({ status: 'held' }))?._id.toHexString()).toBe(runId);

    const approved = await click(VERBS.provisionApprove, { runId }, ADMIN, 'ja-JP');
    expect(cardText(approved)).toContain('プロビジョニングの結果: 適用済み');
    expect(['E1', 'E2', 'E3'].map((id) => tenantUser(id)!.accountEnabled)).toEqual([
      false,
      false,
      false,
    ]);
    const after = writes();
    const stale = await click(VERBS.provisionApprove, { runId });
    expect(stale.text).toBe(
      `Run ${runId} is no longer waiting for approval (now: applied). Nothing was changed.`,
    );
    expect((await click(VERBS.provisionReject, { runId })).text).toMatch(/no longer waiting/);
    expect(writes()).toBe(after);
  });

  it('held → reject: nothing changes, and the run cannot be approved afterwards', async () => {
    const { runId, writes: before } = await heldPreview();
    expect((await click(VERBS.provisionReject, { runId }, USER)).text).toMatch(/Only admins/);
    const rejected = await click(VERBS.provisionReject, { runId });
    expect(rejected.text).toBe(`Rejected run ${runId}; nothing of it was applied.`);
    expect(await t.c.provisioningRuns.findOne({ status: 'rejected' })).toMatchObject({
      decidedBy: `teams:${ADMIN.aadObjectId}`,
    });
    expect((await click(VERBS.provisionApprove, { runId })).text).toMatch(/no longer waiting/);
    expect(writes()).toBe(before);
    expect(['E1', 'E2', 'E3'].map((id) => tenantUser(id)!.accountEnabled)).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('why: one person’s log', () => {
  it("shows a failed create with Graph's code and request id, in both languages", async () => {
    seedTenant([
      {
        userPrincipalName: 'someone@contoso.example',
        mailNickname: 'someone',
        displayName: 'x',
        onPremisesImmutableId: defaultImmutableId('E2'),
      },
    ]);
    await seedPeople(2);
    const preview = await say('provision', ADMIN, 'en-US');
    const result = await click(VERBS.provisionApply, {
      runId: runIdOf(preview, VERBS.provisionApply),
    });
    expect(cardText(result)).toContain('Provisioning: partly applied');
    const failed = await t.c.provisioningLog.findOne({ result: 'failed' });
    const requestId = failed!.error!.requestId!;
    expect(state().log.find((r) => r.requestId === requestId)).toMatchObject({ status: 400 });
    expect(cardText(result)).toContain(requestId);

    const en = await say('provision why E2', USER, 'en-US');
    expect(cardText(en)).toContain('Provisioning of E2 (利用者 2)');
    expect(cardText(en)).toContain('Create account: Failed');
    expect(cardText(en)).toContain('Request_BadRequest');
    expect(cardText(en)).toContain(`request id ${requestId}`);
    expect(cardText(en)).toContain('another object has the same unique value');
    const ja = await say('プロビジョニング履歴 E2', USER);
    expect(cardText(ja)).toContain('プロビジョニング履歴: E2 (利用者 2)');
    expect(cardText(ja)).toContain(`リクエスト ID ${requestId}`);
    expect(cardText(ja)).toContain('部署 (department)');

    const fromButton = await click(VERBS.provisionWhy, { personId: 'E1' }, USER);
    expect(cardText(fromButton)).toContain('Create account: Succeeded');
    expect((await say('provision why nobody', USER, 'en-US')).text).toBe(
      'No person "nobody" in the directory.',
    );
    expect((await say('プロビジョニング履歴', USER)).text).toContain('社員番号を送ってください');
  });
});

describe('the person card', () => {
  const show = async (id: string, from = ADMIN) => click(VERBS.personShow, { personId: id }, from);
  const versionOf = (a: Answer) =>
    String(executes(a.card).find((e) => e.verb === VERBS.personEdit)?.data.version);

  it('shows a person to anyone; actions only to admins', async () => {
    await seedPeople(1);
    const ja = await say('利用者 E1', USER);
    expect(cardText(ja)).toContain('利用者 E1: 利用者 1');
    expect(executes(ja.card).map((e) => e.verb)).toEqual([VERBS.provisionWhy]);
    const admin = await show('E1');
    expect(executes(admin.card).map((e) => e.verb)).toEqual([
      VERBS.provisionWhy,
      VERBS.personEdit,
      VERBS.personLink,
      VERBS.personRemove,
    ]);
    expect(inputValue(admin.card, 'department')).toBe('情報システム部');
    expect((await say('person nobody', USER, 'en-US')).text).toBe(
      'No person "nobody" in the directory.',
    );
  });

  it('edits with the CSV rules; a stale, invalid or forged edit changes nothing', async () => {
    await seedPeople(1);
    const card = await show('E1');
    const version = versionOf(card);
    const edit = (data: Record<string, unknown>, from = ADMIN) =>
      click(VERBS.personEdit, { personId: 'E1', version, ...data }, from);

    expect((await edit({ department: '営業部' }, USER)).text).toMatch(/Only admins/);
    expect((await edit({ usageLocation: 'Japan' })).text).toMatch(/^Not saved: usageLocation/);
    expect((await edit({ displayName: '  ' })).text).toBe(
      'Not saved: "displayName" cannot be empty',
    );
    expect((await edit({ licenceProfile: '存在しない' })).text).toMatch(/no licence profile/);
    expect(await people.get('E1')).toMatchObject({
      department: '情報システム部',
      usageLocation: 'JP',
    });

    const saved = await edit({
      displayName: '山田 太郎',
      department: '営業部',
      jobTitle: '',
      mobilePhone: '090-1234-5678',
      usageLocation: 'us',
      licenceProfile: '',
      // Not in the form: dropped, never written.
      m365AccountId: GUID,
      removed: 'true',
      personId: 'E1',
    });
    expect(cardText(saved)).toContain('Saved (');
    expect(await people.get('E1')).toMatchObject({
      displayName: '山田 太郎',
      department: '営業部',
      mobilePhone: '090-1234-5678',
      usageLocation: 'US',
      licenceProfile: null,
      m365AccountId: null,
      removed: false,
    });
    // The old card again: the person changed since, so it is refused.
    const stale = await edit({ department: '総務部' });
    expect(stale.text).toMatch(/changed after this card was shown/);
    expect((await people.get('E1')).department).toBe('営業部');
    expect((await edit({ department: '総務部', version: 'yesterday' })).text).toMatch(BAD);

    // User text that looks like a binding is shown with a zero-width space; saving keeps it as is.
    await t.c.people.updateOne({ personId: 'E1' }, { $set: { jobTitle: '${課長}' } });
    const fresh = await show('E1');
    const shown = inputValue(fresh.card, 'jobTitle') as string;
    expect(shown).toBe('$\u200B{課長}');
    const kept = await click(VERBS.personEdit, {
      personId: 'E1',
      version: versionOf(fresh),
      jobTitle: shown,
    });
    expect(cardText(kept)).toContain('Nothing changed.');
    expect((await people.get('E1')).jobTitle).toBe('${課長}');
  });

  it('links, refuses a stale unlink, unlinks (saying what the next apply does), removes and restores', async () => {
    await seedPeople(1);
    expect((await click(VERBS.personLink, { personId: 'E1', accountId: GUID }, USER)).text).toMatch(
      /Only admins/,
    );
    expect(
      (await click(VERBS.personLink, { personId: 'E1', accountId: 'taro@contoso' })).text,
    ).toMatch(/is not a Microsoft 365 account id/);
    const linked = await click(VERBS.personLink, { personId: 'E1', accountId: GUID.toUpperCase() });
    expect(cardText(linked)).toContain(`Linked person \\"E1\\" to Microsoft 365 account ${GUID}`);
    expect((await people.get('E1')).m365AccountId).toBe(GUID);
    expect(executes(linked.card).map((e) => e.verb)).toContain(VERBS.personUnlink);
    expect(cardText(linked)).toContain(
      'The next provisioning apply will stop (block sign-in to) that account',
    );

    const other = '0b1c2d3e-4f50-4162-8374-95a6b7c8d9e0';
    const stale = await click(VERBS.personUnlink, { personId: 'E1', accountId: other });
    expect(stale.text).toBe(
      `Person "E1" is no longer linked to account ${other} (now: ${GUID}). Nothing was changed.`,
    );
    expect(
      (await click(VERBS.personUnlink, { personId: 'E1', accountId: GUID }, USER)).text,
    ).toMatch(/Only admins/);
    expect((await people.get('E1')).m365AccountId).toBe(GUID);
    const unlinked = await click(VERBS.personUnlink, { personId: 'E1', accountId: GUID });
    expect(cardText(unlinked)).toContain(
      'The next provisioning apply will stop (block sign-in to) that account.',
    );
    expect(await people.get('E1')).toMatchObject({
      m365AccountId: null,
      releasedAccountIds: [GUID],
    });
    expect((await click(VERBS.personUnlink, { personId: 'E1', accountId: GUID })).text).toMatch(
      /no longer linked/,
    );

    const removed = await click(VERBS.personRemove, { personId: 'E1' }, ADMIN, 'ja-JP');
    expect(cardText(removed)).toContain('ディレクトリから削除しました');
    expect(executes(removed.card).map((e) => e.verb)).toContain(VERBS.personRestore);
    expect((await people.get('E1')).removed).toBe(true);
    const restored = await click(VERBS.personRestore, { personId: 'E1' });
    expect(cardText(restored)).toContain('Restored.');
    expect((await people.get('E1')).removed).toBe(false);
    expect((await click(VERBS.personRemove, { personId: '' })).text).toMatch(BAD);
    expect(writes()).toBe(0);
  });
});

describe('the mapping card', () => {
  it('shows the mapping and the switches to anyone, read-only', async () => {
    const ja = await say('マッピング', USER);
    expect(cardText(ja)).toContain('属性マッピング (Microsoft 365)');
    expect(cardText(ja)).toContain('必須・固定');
    expect(cardText(ja)).toContain('src/provisioning/default-mapping.json');
    expect(executes(ja.card)).toEqual([]);
    const en = await click(VERBS.provisionMapping, {}, USER);
    expect(cardText(en)).toContain('Attribute mapping (Microsoft 365)');
    expect(cardText(en)).toContain('Password sync');
  });

  it('is in the help card, and the unknown-command sentence names the new commands', async () => {
    const help = await say('help', ADMIN, 'en-US');
    expect(executes(help.card).map((e) => e.verb)).toEqual(
      expect.arrayContaining([VERBS.provisionPlan, VERBS.provisionMapping]),
    );
    expect((await say('なにか', USER)).text).toContain('プロビジョニング履歴 ‹社員番号›');
  });
});

describe('an apply longer than a card press may wait', () => {
  it('answers "still applying" at once and posts the result card when the apply ends', async () => {
    await seedPeople(2);
    const posted: Record<string, unknown>[] = [];
    // Posts to the conversation the press came from, as the CloudAdapter would.
    const proactive = {
      continueConversationAsync: async (
        _appId: string,
        reference: { conversation?: { id?: string } },
        logic: (ctx: { sendActivity(a: unknown): Promise<void> }) => Promise<void>,
      ) =>
        logic({
          sendActivity: async (a) =>
            void posted.push({ conversation: reference.conversation?.id, activity: a }),
        }),
    } as unknown as BotAdapter;
    const full = { ...testDeps(), ...deps, applyWaitMs: 50 } as BotDeps;
    const routes = { commands: BOT_ROUTES.commands, actions: BOT_ROUTES.actions };
    const app = createTeamsApp(full, createAdapter(undefined), routes, { proactive });
    const slow = new BotTestAdapter(async (context) => void (await app.run(context)));
    const preview = record(await message(slow, 'provision', ADMIN, 'en-US'));
    state().faults.push({ route: 'createUser', remaining: 2, action: { kind: 'delay', ms: 400 } });

    const answer = record(
      await press(
        slow,
        VERBS.provisionApply,
        { runId: runIdOf(preview, VERBS.provisionApply) },
        {
          locale: 'en-US',
        },
      ),
    );
    expect(answer.text).toBe(
      'Still applying; the result card will be posted in this conversation when it is done.',
    );
    await eventually(() => expect(posted).toHaveLength(1), 10_000);
    const card = JSON.stringify(posted[0]);
    said.push(card);
    expect(posted[0].conversation).toBe(slow.conversation.conversation.id);
    expect(card).toContain('Provisioning: applied');
    expect(tenantUser('E2')).toBeDefined();
  });
});

describe('first passwords', () => {
  // Runs last: everything the bot said in this file, cards and sentences.
  it('never appear in anything the bot said', () => {
    expect(passwords.length).toBeGreaterThanOrEqual(4);
    expect(said.length).toBeGreaterThan(60);
    const all = said.join('\n');
    expect(all).toContain('never shown in a Teams chat');
    for (const password of passwords) expect(all).not.toContain(password);
  });
});

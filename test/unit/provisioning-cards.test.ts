import { personCardData } from '../../src/cards/person';
import { provisionMappingCardData } from '../../src/cards/provision-mapping';
import {
  PREVIEW_OBJECTS_MAX,
  provisionPreviewCardData,
  type ProvisionRunView,
} from '../../src/cards/provision-preview';
import { provisionResultCardData } from '../../src/cards/provision-result';
import { renderCard } from '../../src/cards/render';
import { COMMANDS, argument } from '../../src/bot/commands';
import { planCsv, samePlan } from '../../src/bot/handlers/provision-plan-file';
import { VERBS } from '../../src/cards/verbs';
import { CATALOGS } from '../../src/i18n/messages';
import { provisioningBotEn } from '../../src/i18n/provisioning-bot-en';
import { provisioningBotJa } from '../../src/i18n/provisioning-bot-ja';
import { parseCsvRows } from '../../src/csv/table-file';
import { verbsOf } from '../support/card-cases';
import { bigPerson, bigPlan, fullMapping } from '../support/provisioning-card-cases';
import { ALL_ON, PROFILES } from '../support/provisioning-fixtures';

const AT = new Date('2025-04-01T03:00:00Z');
const RUN = '665f1c2e9b1d4a00000000b1';
const run = (status: ProvisionRunView['status'], plan = bigPlan(120, '山田 太郎')) => ({
  id: RUN,
  status,
  plan,
  createdAt: AT,
  by: 'teams:aad-admin',
});
const options = { isAdmin: true, switches: ALL_ON };
const buttons = (card: unknown) => {
  const found: [string, unknown][] = [];
  JSON.stringify(card, (_k, v: { type?: string; verb?: string; data?: unknown }) => {
    if (v && v.type === 'Action.Execute') found.push([v.verb!, v.data]);
    return v;
  });
  return found;
};

describe('the provisioning preview card', () => {
  it('shows the people who lose their account first, and counts the rest', () => {
    const data = provisionPreviewCardData(run('planned'), 'en', options);
    expect(data.objects).toHaveLength(PREVIEW_OBJECTS_MAX);
    expect(data.objects[0].ops[0].text).toBe(
      'Stop the account E00009@contoso.example (block sign-in): removed from the directory',
    );
    expect(data.objectsMore).toMatch(/^…and \d+ more$/);
    expect(data.counts.map((c) => c.title)).toEqual(
      expect.arrayContaining(['Create account', 'Update account', 'Stop account', 'Problems']),
    );
  });

  it('lists attribute diffs (old → new), licences by SKU part number and member changes', () => {
    const plan = bigPlan(6, '山田 太郎');
    const text = JSON.stringify(provisionPreviewCardData(run('planned', plan), 'en', options));
    expect(text).toContain('department: 旧部署 → 山田 太郎');
    expect(text).toContain('+ ENTERPRISEPACK');
    expect(text).toMatch(/Members: \d+ to add, \d+ to remove/);
    expect(text).toContain('Person E00003: no usageLocation');
  });

  it('offers Apply to admins for a planned run, Approve / Reject for a held one', () => {
    const planned = renderCard(
      'provision-preview',
      provisionPreviewCardData(run('planned'), 'ja', options),
    );
    expect(buttons(planned).map(([v]) => v)).toEqual([
      VERBS.provisionApply,
      VERBS.provisionCsv,
      VERBS.provisionPlan,
      VERBS.provisionMapping,
    ]);
    expect(buttons(planned)[0][1]).toEqual({ runId: RUN });
    const held = renderCard(
      'provision-preview',
      provisionPreviewCardData(run('held'), 'ja', options),
    );
    expect(buttons(held).slice(0, 2)).toEqual([
      [VERBS.provisionApprove, { runId: RUN }],
      [VERBS.provisionReject, { runId: RUN }],
    ]);
    const user = renderCard(
      'provision-preview',
      provisionPreviewCardData(run('held'), 'ja', { ...options, isAdmin: false }),
    );
    expect(verbsOf(user)).toEqual([VERBS.provisionMapping]);
  });

  it('says a plan over the safety limit waits for approval', () => {
    const data = provisionPreviewCardData(run('planned'), 'ja', options);
    expect(data.approvalText).toBe(
      'この計画は 12 件のアカウントを停止・削除します。安全上限 (10 件) を超えるため、適用は管理者の承認後になります。',
    );
    expect(data.labels.apply).toBe('適用する (承認待ちになります)');
  });
});

describe('the provisioning result card', () => {
  const result = {
    ...run('partial'),
    decidedBy: null,
    endedAt: AT,
    counts: { ok: 10, failed: 1, skipped: 2 },
    requests: 40,
    error: null,
  };
  const failure = {
    runId: RUN,
    subject: { kind: 'person' as const, personId: 'E2' },
    operation: 'createUser',
    result: 'failed' as const,
    detail: 'conflict',
    changes: [],
    error: {
      status: 400,
      code: 'Request_BadRequest',
      message: 'Another object …',
      requestId: 'req-42',
    },
    at: AT,
  };

  it("shows each failure with Graph's code, message and request id", () => {
    const data = provisionResultCardData(result, [failure], 'en', { isAdmin: true });
    expect(data.failures).toEqual([
      {
        title: '2025-04-01 12:00 JST · Person E2 · Create account: Failed',
        text: 'another object has the same unique value',
        error:
          'Microsoft Graph: Request_BadRequest — Another object … (HTTP 400, request id req-42)',
      },
    ]);
  });

  it('says where first passwords come from, instead of showing any', () => {
    const ja = provisionResultCardData(result, [], 'ja', { isAdmin: true });
    expect(ja.passwordNote).toContain('daicho provision apply');
    expect(ja.passwordNote).toContain('Microsoft 365 管理センター');
    const none = { ...result, plan: bigPlan(0, 'x') };
    expect(provisionResultCardData(none, [], 'en', { isAdmin: true }).passwordNote).toBe('');
  });
});

describe('the mapping card', () => {
  const config = {
    ...ALL_ON,
    mapping: fullMapping(),
    mappingFile: null,
    licenceProfiles: PROFILES,
  };

  it('marks the required and fixed attributes and names seed 001 display names', () => {
    const data = provisionMappingCardData(config, 'ja');
    expect(data.rows).toHaveLength(42);
    expect(data.rows[0]).toEqual({
      source: '表示名 (displayName)',
      target: 'displayName',
      label: '表示名',
      note: '必須・固定',
      fixed: true,
    });
    expect(data.rows.find((r) => r.target === 'employeeOrgData.division')).toMatchObject({
      source: '部門 (division)',
      label: '組織データ>部門',
      note: '',
    });
    expect(data.rows.find((r) => r.target === 'businessPhones')!.note).toBe('1 件のみ');
    expect(data.rows.at(-1)).toMatchObject({
      source: 'カスタムフィールド ext15',
      label: 'Custom attribute 15',
    });
    expect(data.fileText).toContain('src/provisioning/default-mapping.json');
    expect(verbsOf(renderCard('provision-mapping', data))).toEqual([]);
  });

  it('names the admin’s mapping file and the switches', () => {
    const data = provisionMappingCardData(
      { ...config, mappingFile: '/srv/daicho/config/mapping.json', groups: false },
      'en',
      { root: '/srv/daicho' },
    );
    expect(data.fileText).toContain('config/mapping.json (PROVISIONING_MAPPING_FILE)');
    expect(Object.fromEntries(data.switches.map((f) => [f.title, f.value]))).toMatchObject({
      'Account provisioning': 'on',
      'When a person is removed or unlinked': 'stop (block sign-in)',
      'Password sync': 'Not offered for Microsoft 365',
      'Group member provisioning': 'off (group provisioning is off)',
    });
  });
});

describe('the person card', () => {
  const linked = bigPerson('E7', '山田 太郎', {
    m365AccountId: '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    updatedAt: AT,
  });
  const base = { accountRemoval: 'delete' as const, profiles: ['標準', '上位'] };

  it('gives admins edit, unlink (saying the account is deleted on the next apply) and remove', () => {
    const data = personCardData(linked, 'en', { ...base, isAdmin: true });
    const card = renderCard('person', data);
    expect(verbsOf(card)).toEqual([
      VERBS.provisionWhy,
      VERBS.personEdit,
      VERBS.personUnlink,
      VERBS.personRemove,
    ]);
    expect(buttons(card)).toContainEqual([
      VERBS.personEdit,
      { personId: 'E7', version: AT.toISOString() },
    ]);
    expect(buttons(card)).toContainEqual([
      VERBS.personUnlink,
      { personId: 'E7', accountId: linked.m365AccountId },
    ]);
    expect(data.labels.unlinkConfirm).toBe(
      `Unlink account ${linked.m365AccountId}? The next provisioning apply will delete that account (PROVISION_ACCOUNT_REMOVAL).`,
    );
    expect(data.profiles.map((p) => p.value)).toEqual(['', '標準', '上位']);
  });

  it('shows everyone the person, and only admins the actions', () => {
    const card = renderCard('person', personCardData(linked, 'ja', { ...base, isAdmin: false }));
    expect(verbsOf(card)).toEqual([VERBS.provisionWhy]);
    const unlinked = { ...linked, m365AccountId: null, removed: true };
    expect(
      verbsOf(renderCard('person', personCardData(unlinked, 'ja', { ...base, isAdmin: true }))),
    ).toEqual([VERBS.provisionWhy, VERBS.personEdit, VERBS.personLink, VERBS.personRestore]);
  });
});

describe('commands, plans and catalogs', () => {
  it('reads the commands in both languages', () => {
    const arg = (pattern: RegExp, text: string) =>
      pattern.test(text) ? argument({ text }, pattern) : null;
    expect(arg(COMMANDS.provision, 'provision')).toBe('');
    expect(arg(COMMANDS.provision, 'プロビジョニング')).toBe('');
    expect(arg(COMMANDS.provision, 'provision why E1')).toBeNull();
    expect(arg(COMMANDS.provisionWhy, 'provision why E0001')).toBe('E0001');
    expect(arg(COMMANDS.provisionWhy, 'プロビジョニング履歴 E0001 ')).toBe('E0001');
    expect(arg(COMMANDS.person, '利用者 E0001')).toBe('E0001');
    expect(arg(COMMANDS.person, 'person')).toBe('');
    expect(arg(COMMANDS.mapping, 'マッピング')).toBe('');
  });

  it('compares plans by their operations, not by key order', () => {
    const plan = bigPlan(6, 'x');
    const reordered = JSON.parse(JSON.stringify(plan)) as typeof plan;
    reordered.operations = reordered.operations.map(
      (op) => Object.fromEntries(Object.entries(op).reverse()) as never,
    );
    expect(samePlan(plan, reordered)).toBe(true);
    expect(samePlan(plan, { ...plan, operations: plan.operations.slice(1) })).toBe(false);
  });

  it('writes the whole plan as CSV: a row per attribute change, then the problems', () => {
    const plan = bigPlan(6, '山田 太郎');
    const rows = parseCsvRows(planCsv(plan)).map((r) => r.raw as Record<string, string>);
    expect(rows).toContainEqual(
      expect.objectContaining({
        kind: 'updateUser',
        personId: 'E00001',
        property: 'department',
        old: '旧部署',
        new: '山田 太郎',
      }),
    );
    expect(rows.filter((r) => r.kind.startsWith('problem:'))).toHaveLength(plan.problems.length);
  });

  it('keeps its keys apart from the main catalogs (nothing overridden)', () => {
    const main = (all: Record<string, string>, mine: Record<string, string>) =>
      Object.keys(mine).filter((k) => all[k] !== mine[k]);
    expect(main(CATALOGS.ja, provisioningBotJa)).toEqual([]);
    expect(main(CATALOGS.en, provisioningBotEn)).toEqual([]);
  });
});

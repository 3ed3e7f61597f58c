import {
  ChecklistCatalog,
  REPLACEMENT_CHECKLISTS,
  defaultChecklists,
  parseChecklist,
  type Checklist,
  type LocalizedText,
} from '../../src/workflows/checklist';

/** Every {ja, en} text of a checklist, with where it is (for a readable failure). */
function texts(c: Checklist): [string, LocalizedText][] {
  return [
    [`${c.id}.title`, c.title],
    [`${c.id}.summary`, c.summary],
    ...c.steps.flatMap((s) =>
      (['title', 'detail', 'warning'] as const)
        .filter((k) => s[k] !== undefined)
        .map((k): [string, LocalizedText] => [`${c.id}.${s.id}.${k}`, s[k]!]),
    ),
    ...c.warnings.map((w): [string, LocalizedText] => [`${c.id}.warnings.${w.id}`, w.text]),
  ];
}

/** All warnings of a checklist in one language: the step warnings and the general ones. */
function warningsJa(c: Checklist): string[] {
  return [
    ...c.steps.flatMap((s) => (s.warning ? [s.warning.ja] : [])),
    ...c.warnings.map((w) => w.text.ja),
  ];
}

const byId = new Map(REPLACEMENT_CHECKLISTS.map((c) => [c.id, c]));
const ios = byId.get('ios-abm-dep-no-licence')!;
const android = byId.get('android-enterprise')!;

describe('device-replacement checklists (data)', () => {
  it('has the three platform paths', () => {
    expect(defaultChecklists().ids()).toEqual([
      'ios-abm-dep-no-licence',
      'android-enterprise',
      'windows-macos-generic',
    ]);
  });

  it.each(REPLACEMENT_CHECKLISTS.map((c) => [c.id, c] as const))(
    '%s: every string is non-empty in Japanese and English',
    (_id, checklist) => {
      for (const [where, text] of texts(checklist)) {
        expect([where, text.ja.trim().length > 0]).toEqual([where, true]);
        expect([where, text.en.trim().length > 0]).toEqual([where, true]);
        // The Japanese text is Japanese, not an English copy.
        expect([where, /[\u3040-\u30ff\u4e00-\u9fff]/.test(text.ja)]).toEqual([where, true]);
      }
    },
  );

  it.each(REPLACEMENT_CHECKLISTS.map((c) => [c.id, c] as const))(
    '%s: step and warning ids are unique, and at least one step is required',
    (_id, checklist) => {
      const stepIds = checklist.steps.map((s) => s.id);
      expect(new Set(stepIds).size).toBe(stepIds.length);
      const warningIds = checklist.warnings.map((w) => w.id);
      expect(new Set(warningIds).size).toBe(warningIds.length);
      expect(checklist.steps.some((s) => s.required)).toBe(true);
    },
  );

  it('iPhone/iPad (ABM/DEP, no free licence): the steps in the order of seed 004', () => {
    expect(ios.steps.filter((s) => s.required).map((s) => s.id)).toEqual([
      'remove-old-licence',
      'check-abm-mdm-server',
      'activate-new-device',
      'restore-icloud-backup',
      'mdm-setup-complete',
      'new-device-in-ledger',
    ]);
    const step = (id: string) => ios.steps.find((s) => s.id === id)!;
    expect(step('remove-old-licence').title.ja).toContain('ライセンス');
    expect(step('check-abm-mdm-server').detail?.ja).toContain('デフォルト MDM サーバー');
    expect(step('check-abm-mdm-server').detail?.ja).toContain('自動');
    expect(step('restore-icloud-backup').detail?.ja).toContain('iCloud バックアップが前提');
  });

  it('iPhone/iPad: every warning of seed 004 is there', () => {
    const step = (id: string) => ios.steps.find((s) => s.id === id)!;
    // Assigning in ABM works with zero licences, but activation stops before Remote Management.
    expect(step('check-abm-mdm-server').warning?.ja).toMatch(/空きライセンスが 0 でも.*割り当てる/);
    expect(step('check-abm-mdm-server').warning?.ja).toContain('リモートマネジメント');
    expect(step('check-abm-mdm-server').warning?.en).toContain('Remote Management');
    // Removing the licence does not wipe an iPhone.
    expect(step('remove-old-licence').warning?.ja).toContain('初期化されません');
    // To reuse the old one: unassign DEP and wipe by hand; the licence alone leaves DEP.
    const reuse = step('reuse-old-device');
    expect(reuse.required).toBe(false);
    expect(reuse.warning?.ja).toContain('DEP 割り当ては解除されません');
    expect(reuse.warning?.ja).toContain('手動で初期化');
    // Carrier-purchased DEP devices may be delayed (as of 2024-10-17), next to activation.
    const carrier = ios.warnings.find((w) => w.id === 'carrier-dep-delay')!;
    expect(carrier.stepId).toBe('activate-new-device');
    expect(carrier.text.ja).toContain('キャリア');
    expect(carrier.text.ja).toContain('2024年10月17日');
    expect(carrier.text.ja).toContain('エラーのメール');
    // Steps may differ by MDM product; sales may lend a licence for large numbers.
    expect(ios.warnings.map((w) => w.id)).toEqual(
      expect.arrayContaining(['mdm-products-differ', 'ask-sales-for-temporary-licence']),
    );
  });

  it('Android Enterprise: removing from the MDM wipes, so the backup comes first', () => {
    const ids = android.steps.map((s) => s.id);
    expect(ids[0]).toBe('backup-old-device');
    expect(ids.indexOf('backup-old-device')).toBeLessThan(ids.indexOf('remove-old-from-mdm'));
    // The licence the new device needs is freed (or lent by sales) before it is enrolled.
    expect(ids.indexOf('ask-sales-for-temporary-licence')).toBeLessThan(
      ids.indexOf('remove-old-from-mdm'),
    );
    expect(ids.indexOf('remove-old-from-mdm')).toBeLessThan(ids.indexOf('enroll-new-device'));
    expect(ids.indexOf('enroll-new-device')).toBeLessThan(ids.indexOf('restore-data'));
    const remove = android.steps.find((s) => s.id === 'remove-old-from-mdm')!;
    expect(remove.warning?.ja).toContain('初期化されます');
    expect(warningsJa(android).join('\n')).toContain('Android Enterprise');
  });

  it('Windows/macOS: Autopilot/ADE, backup, wipe, ledger', () => {
    const generic = byId.get('windows-macos-generic')!;
    const all = generic.steps.map((s) => `${s.title.en} ${s.detail?.en ?? ''}`).join('\n');
    for (const word of ['Autopilot', 'ADE', 'Back up', 'Wipe', 'ledger'])
      expect(all).toContain(word);
  });

  it('refuses a checklist with a missing translation, a duplicate id or a dangling warning', () => {
    const good = JSON.parse(JSON.stringify(ios)) as Checklist;
    expect(() => parseChecklist(good)).not.toThrow();
    const noEn = { ...good, title: { ja: 'タイトル', en: ' ' } };
    expect(() => parseChecklist(noEn)).toThrow(/title\.en/);
    const dup = { ...good, steps: [...good.steps, good.steps[0]] };
    expect(() => parseChecklist(dup)).toThrow(/step id "remove-old-licence" is not unique/);
    const dangling = {
      ...good,
      warnings: [{ id: 'x', stepId: 'nowhere', text: { ja: '注意', en: 'Note' } }],
    };
    expect(() => parseChecklist(dangling)).toThrow(/unknown step "nowhere"/);
    expect(() => new ChecklistCatalog([good, good])).toThrow(/used twice/);
  });
});

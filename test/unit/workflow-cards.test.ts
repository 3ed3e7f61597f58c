import { renderCard } from '../../src/cards/render';
import { replaceStartCardData } from '../../src/cards/replace-start';
import { workflowCardData, WORKFLOW_STEPS_MAX } from '../../src/cards/workflow';
import { VERBS } from '../../src/cards/verbs';
import { defaultChecklists, REPLACEMENT_CHECKLISTS } from '../../src/workflows/checklist';
import { platformOf, suggestedChecklistId } from '../../src/workflows/replacement-choices';
import { verbsOf } from '../support/card-cases';
import * as s from '../support/card-samples';
import { longChecklist, workflowDoc } from '../support/workflow-card-cases';

const ios = REPLACEMENT_CHECKLISTS.find((c) => c.id === 'ios-abm-dep-no-licence')!;
const view = (workflow: ReturnType<typeof workflowDoc>, checklist = ios) => ({
  workflow,
  checklist,
  oldDevice: s.device({ os: 'iOS 17.5', model: 'iPhone 13' }),
  newDevice: null,
});

describe('replacement choices', () => {
  it.each([
    ['iOS 17.5', 'iPhone 13', 'ios-abm-dep-no-licence'],
    ['iPadOS 17', null, 'ios-abm-dep-no-licence'],
    [null, 'iPhone 15 Pro', 'ios-abm-dep-no-licence'],
    ['Android 14', 'Pixel 7', 'android-enterprise'],
    ['Windows 11', 'ThinkPad', 'windows-macos-generic'],
    ['macOS 14.4', 'MacBook Pro', 'windows-macos-generic'],
    [null, null, 'windows-macos-generic'],
  ])('%s / %s → %s', (os, model, id) => {
    expect(suggestedChecklistId({ os, model }, defaultChecklists())).toBe(id);
  });

  it('does not read "macOS" or a BIOS as iOS', () => {
    expect(platformOf({ os: 'macOS 14', model: null })).toBe('macos');
    expect(platformOf({ os: 'Windows 11 (BIOS 1.2)', model: null })).toBe('windows');
  });
});

describe('workflow card', () => {
  it('pre-selects the suggested path and offers every checklist', () => {
    const data = replaceStartCardData(
      s.device(),
      REPLACEMENT_CHECKLISTS,
      'android-enterprise',
      'ja',
    );
    expect(data.selected).toBe('android-enterprise');
    expect(data.paths.map((p) => p.value)).toEqual(REPLACEMENT_CHECKLISTS.map((c) => c.id));
    expect(verbsOf(renderCard('replace-start', data))).toEqual([VERBS.workflowStart]);
  });

  it('shows each seed warning next to its step, and the checklist-wide ones on top', () => {
    const data = workflowCardData(view(workflowDoc(ios, '山田', 0)), 'ja', { canAct: true });
    const activate = data.steps.find((x) => x.stepId === 'activate-new-device')!;
    expect(activate.warnings.map((w) => w.text)).toEqual([
      expect.stringMatching(/^⚠ 2024年10月17日時点で/),
    ]);
    expect(data.warnings.map((w) => w.text)).toEqual([
      expect.stringMatching(/MDM 製品によって手順が異なる/),
      expect.stringMatching(/営業担当/),
    ]);
  });

  it('gives admins a button per step, the new device, complete and abandon; others only a refresh', () => {
    const wf = workflowDoc(ios, '山田', 2);
    const verbs = (canAct: boolean) =>
      new Set(verbsOf(renderCard('workflow', workflowCardData(view(wf), 'en', { canAct }))));
    expect(verbs(true)).toEqual(
      new Set([
        VERBS.workflowRefresh,
        VERBS.workflowTick,
        VERBS.workflowNewDevice,
        VERBS.workflowComplete,
        VERBS.workflowAbandon,
      ]),
    );
    expect(verbs(false)).toEqual(new Set([VERBS.workflowRefresh]));
    const data = workflowCardData(view(wf), 'en', { canAct: true });
    expect(data.steps.slice(0, 3).map((x) => [x.toggle, x.nextDone])).toEqual([
      ['Undo', false],
      ['Undo', false],
      ['Mark done', true],
    ]);
  });

  it('bounds a long checklist and says how many steps are left out', () => {
    const long = longChecklist('x'.repeat(1000));
    const data = workflowCardData(view(workflowDoc(long, 'a', 0), long), 'en', { canAct: true });
    expect(data.steps).toHaveLength(WORKFLOW_STEPS_MAX);
    expect(data.stepsMore).toBe(`…and ${40 - WORKFLOW_STEPS_MAX} more`);
  });
});

import { ObjectId } from 'mongodb';
import type { Locale } from '../../src/i18n/messages';
import { renderCard, type AdaptiveCard } from '../../src/cards/render';
import { replaceStartCardData } from '../../src/cards/replace-start';
import { workflowCardData, type WorkflowCardOptions } from '../../src/cards/workflow';
import { workflowListCardData } from '../../src/cards/workflow-list';
import type { Device } from '../../src/ledger/device';
import {
  ChecklistCatalog,
  REPLACEMENT_CHECKLISTS,
  type Checklist,
} from '../../src/workflows/checklist';
import type { WorkflowDoc } from '../../src/workflows/workflow-record';
import * as s from './card-samples';

const AT = new Date('2031-05-20T03:00:00Z');
const OLD_ID = new ObjectId('665f1c2e9b1d4a0000000001');
const NEW_ID = new ObjectId('665f1c2e9b1d4a0000000002');

/** A checklist an admin could write: more steps than a card shows, every text `name`. */
export function longChecklist(name: string, steps = 40): Checklist {
  const text = { ja: name, en: name };
  return {
    id: 'long-checklist',
    source: name,
    platforms: ['windows'],
    title: text,
    summary: text,
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `step-${i}`,
      title: text,
      detail: text,
      warning: text,
      required: i % 2 === 0,
    })),
    warnings: Array.from({ length: 20 }, (_, i) => ({
      id: `w-${i}`,
      ...(i % 2 === 0 ? { stepId: `step-${i}` } : {}),
      text,
    })),
  };
}

/** A workflow of `checklist`; `ticked` steps done by people named `name`. */
export function workflowDoc(
  checklist: Checklist,
  name: string,
  ticked: number,
  over: Partial<WorkflowDoc> = {},
): WorkflowDoc {
  const people = ['teams:aad-1', 'teams:aad-2', 'cli:taro', 'teams:29:1AbC'];
  return {
    _id: '665f1c2e9b1d4a00000000aa',
    kind: 'replacement',
    checklistId: checklist.id,
    oldDevice: 'PC-0012',
    oldDeviceId: OLD_ID,
    newDevice: name.length > 100 ? name : 'PC-0100',
    newDeviceId: NEW_ID,
    newDeviceSetBy: people[0],
    startedBy: people[0],
    createdAt: AT,
    updatedAt: AT,
    status: 'open',
    steps: checklist.steps.map((step, i) => ({
      id: step.id,
      required: step.required === true,
      done: i < ticked,
      by: i < ticked ? people[i % people.length] : null,
      at: i < ticked ? AT : null,
    })),
    outcome: null,
    completion: null,
    completedBy: null,
    completedAt: null,
    abandonedBy: null,
    abandonedAt: null,
    reminderSentAt: null,
    version: 7,
    actorNames: { 'teams:aad-1': name, 'teams:aad-2': `${name} 2`, 'teams:29:1AbC': name },
    // Teams ids are about 80 characters; more people than Teams refreshes for.
    teamsUserIds: Array.from(
      { length: name.length > 100 ? 100 : 2 },
      (_, i) => `29:1${'x'.repeat(76)}${String(i).padStart(3, '0')}`,
    ),
    ...over,
  };
}

/** Completed: what the ledger got, what the MDM still has to change, one change superseded. */
function completed(checklist: Checklist, name: string): WorkflowDoc {
  const change = (deviceId: ObjectId, field: 'user' | 'status' | 'disposalDate', v: string) => ({
    deviceId,
    assetNumber: name.length > 100 ? name : 'PC-0012',
    field,
    old: v,
    new: v,
  });
  return workflowDoc(checklist, name, checklist.steps.length, {
    status: 'completed',
    completedBy: 'teams:aad-1',
    completedAt: AT,
    outcome: { status: '廃棄', disposalDate: '2031-05-20' },
    completion: {
      at: AT,
      by: 'teams:aad-1',
      changes: [
        change(NEW_ID, 'user', name),
        change(OLD_ID, 'user', name),
        change(OLD_ID, 'status', name),
        change(OLD_ID, 'disposalDate', '2031-05-20'),
      ],
      leftToMdm: [
        { assetNumber: name, field: 'user', provider: 'intune', wanted: name },
        { assetNumber: name, field: 'user', provider: name, wanted: null },
      ],
    },
  });
}

/** Every workflow card: typical data, and the largest a user (or a checklist author) can produce. */
export function workflowCards(locale: Locale, name: string): [string, AdaptiveCard][] {
  const big = name.length > 100;
  const checklist = big ? longChecklist(name) : REPLACEMENT_CHECKLISTS[0];
  const oldDevice: Device = s.device({ user: name, model: name, os: 'iOS 17.5' });
  const newDevice: Device = s.ledgerDevice(100, name);
  const card = (workflow: WorkflowDoc, options: WorkflowCardOptions) =>
    renderCard(
      'workflow',
      workflowCardData({ workflow, checklist, oldDevice, newDevice }, locale, options),
    );
  const catalog = new ChecklistCatalog(
    big ? [checklist, ...REPLACEMENT_CHECKLISTS] : REPLACEMENT_CHECKLISTS,
  );
  const done = completed(checklist, name);
  return [
    [
      'replace start',
      renderCard(
        'replace-start',
        replaceStartCardData(oldDevice, catalog.all(), 'ios-abm-dep-no-licence', locale),
      ),
    ],
    ['workflow, just started', card(workflowDoc(checklist, name, 0), { canAct: true })],
    [
      'workflow, all ticked, stale notice',
      card(workflowDoc(checklist, name, checklist.steps.length), { canAct: true, notice: name }),
    ],
    ['workflow, view only', card(workflowDoc(checklist, name, 2), { canAct: false })],
    [
      'workflow, completing',
      card(workflowDoc(checklist, name, 3, { status: 'completing', outcome: done.outcome }), {
        canAct: true,
      }),
    ],
    [
      'workflow, completed',
      card(done, { canAct: true, superseded: [done.completion!.changes[2]] }),
    ],
    [
      'workflow, abandoned',
      card(
        workflowDoc(checklist, name, 1, {
          status: 'abandoned',
          abandonedBy: 'teams:aad-2',
          abandonedAt: AT,
        }),
        { canAct: true },
      ),
    ],
    [
      'workflow, checklist gone',
      renderCard(
        'workflow',
        workflowCardData(
          {
            workflow: workflowDoc(checklist, name, 1),
            checklist: undefined,
            oldDevice: null,
            newDevice: null,
          },
          locale,
          { canAct: true },
        ),
      ),
    ],
    [
      'workflow list',
      renderCard(
        'workflow-list',
        workflowListCardData(
          Array.from({ length: big ? 500 : 3 }, () => workflowDoc(checklist, name, 2)),
          catalog,
          locale,
        ),
      ),
    ],
    [
      'workflow list, empty',
      renderCard('workflow-list', workflowListCardData([], catalog, locale)),
    ],
  ];
}

import * as troubleshooting from '../../src/troubleshooting';
import {
  createTroubleshooter,
  loadTrees,
  validateTree,
  type Tree,
  type TroubleshootResult,
  type TroubleshootState,
} from '../../src/troubleshooting';
import { brokenTree, DEMO_CHECKS, demoTree, node } from './troubleshooting-fixtures';

function parsed(raw: unknown): Tree {
  const { tree, problems } = validateTree(raw, { checks: DEMO_CHECKS });
  if (!tree) throw new Error(JSON.stringify(problems));
  return tree;
}

/** The value of a result the test expects to succeed. */
function ok<T>(result: TroubleshootResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

const errorCode = <T>(result: TroubleshootResult<T>) => (result.ok ? 'ok' : result.error.code);

const demo = createTroubleshooter([parsed(demoTree())]);
const at = (...path: string[]): TroubleshootState => ({ treeId: 'demo', path });

describe('troubleshooting engine', () => {
  it('starts at the start node, and renders it as a plain view model', () => {
    const state = ok(demo.start('demo'));
    expect(state).toEqual(at('q'));
    expect(ok(demo.render(state, 'en'))).toEqual({
      treeId: 'demo',
      nodeId: 'q',
      kind: 'question',
      treeTitle: 'Demo',
      title: 'Demo',
      text: 'What now?',
      choices: [
        { id: 'c', label: 'Run the check' },
        { id: 'a1', label: 'Show the answer' },
      ],
      links: [],
      commands: [],
      depth: 1,
      canGoBack: false,
      isAnswer: false,
      isCheck: false,
    });
  });

  it('chooses by position or by choice id, with the same result', () => {
    expect(ok(demo.choose(at('q'), 1))).toEqual(at('q', 'a1'));
    expect(ok(demo.choose(at('q'), 'a1'))).toEqual(at('q', 'a1'));
  });

  it('renders an answer with its title, links and commands, in either language', () => {
    const view = ok(demo.render(at('q', 'a1'), 'ja'));
    expect(view).toMatchObject({
      title: '答え 1',
      text: '解決',
      isAnswer: true,
      canGoBack: true,
      links: [{ label: '資料', url: 'https://example.com/docs' }],
      commands: ['dsregcmd /status'],
    });
  });

  it('renders a check step with its check id and its manual route as choices', () => {
    const view = ok(demo.render(at('q', 'c'), 'en'));
    expect(view).toMatchObject({ isCheck: true, checkId: 'demo', isAnswer: false });
    expect(view.choices).toEqual([{ id: 'i', label: 'By hand' }]);
  });

  it('offers "Next" on an info step, and joins its lines', () => {
    const state = ok(demo.choose(at('q', 'c'), 'i'));
    expect(ok(demo.render(state, 'ja'))).toMatchObject({
      text: '説明\n二行目',
      choices: [{ id: 'a2', label: '次へ' }],
    });
    expect(ok(demo.render(state, 'en')).choices).toEqual([{ id: 'a2', label: 'Next' }]);
  });

  it('jumps to the step each check outcome names', () => {
    expect(ok(demo.applyCheckOutcome(at('q', 'c'), 'ok'))).toEqual(at('q', 'c', 'a1'));
    expect(ok(demo.applyCheckOutcome(at('q', 'c'), 'bad'))).toEqual(at('q', 'c', 'i'));
  });

  it('goes back one step at a time, and not past the start', () => {
    const deep = at('q', 'c', 'i', 'a2');
    const once = ok(demo.back(deep));
    expect(once).toEqual(at('q', 'c', 'i'));
    expect(ok(demo.back(ok(demo.back(once))))).toEqual(at('q'));
    expect(errorCode(demo.back(at('q')))).toBe('at-start');
  });

  it('restarts at the start, from anywhere, even from a stale state', () => {
    expect(ok(demo.restart(at('q', 'c', 'i')))).toEqual(at('q'));
    expect(ok(demo.restart(at('q', 'removed-node')))).toEqual(at('q'));
    expect(errorCode(demo.restart({ treeId: 'gone', path: ['q'] }))).toBe('unknown-tree');
  });

  it('cuts the path when a button leads back to a step on it (so back leaves the loop)', () => {
    const looped = ok(demo.choose(at('q', 'c', 'i', 'a2'), 'q'));
    expect(looped).toEqual(at('q'));
    expect(ok(demo.render(looped, 'en')).canGoBack).toBe(false);
  });

  it('keeps working on a state that went through JSON (as it is stored in MongoDB)', () => {
    const stored = JSON.parse(JSON.stringify(ok(demo.choose(at('q'), 'c')))) as TroubleshootState;
    expect(ok(demo.applyCheckOutcome(stored, 'ok'))).toEqual(at('q', 'c', 'a1'));
  });

  describe('answers input that does not fit with an error, never by throwing', () => {
    it.each<[string, () => TroubleshootResult<unknown>, string]>([
      ['an unknown tree', () => demo.start('no-such-tree'), 'unknown-tree'],
      [
        'an unknown tree in a state',
        () => demo.render({ treeId: 'x', path: ['q'] }, 'en'),
        'unknown-tree',
      ],
      ['a choice id the step does not have', () => demo.choose(at('q'), 'i'), 'unknown-choice'],
      ['a choice position past the end', () => demo.choose(at('q'), 2), 'unknown-choice'],
      ['a negative choice position', () => demo.choose(at('q'), -1), 'unknown-choice'],
      ['a check outcome on a question', () => demo.applyCheckOutcome(at('q'), 'ok'), 'not-a-check'],
      [
        'an unknown check outcome',
        () => demo.applyCheckOutcome(at('q', 'c'), 'odd'),
        'unknown-outcome',
      ],
      [
        'an outcome named like an object key',
        () => demo.applyCheckOutcome(at('q', 'c'), 'toString'),
        'unknown-outcome',
      ],
      ['a node that no longer exists', () => demo.render(at('q', 'removed'), 'en'), 'stale-state'],
      [
        'a choice from a node that no longer exists',
        () => demo.choose(at('q', 'removed'), 0),
        'stale-state',
      ],
      [
        'a step that no longer follows the one before',
        () => demo.render(at('q', 'i'), 'en'),
        'stale-state',
      ],
      [
        'a path that does not begin at the start',
        () => demo.render(at('c', 'i'), 'en'),
        'stale-state',
      ],
      ['an empty path', () => demo.back(at()), 'stale-state'],
      [
        'a path that is not a list',
        () => demo.render({ treeId: 'demo', path: 'q' } as unknown as TroubleshootState, 'en'),
        'stale-state',
      ],
      [
        'no state at all',
        () => demo.choose(null as unknown as TroubleshootState, 0),
        'unknown-tree',
      ],
    ])('%s', (_name, act, code) => {
      const result = act();
      expect(errorCode(result)).toBe(code);
      if (!result.ok) expect(result.error.messageKey).toMatch(/^troubleshoot\.error\./);
    });
  });

  it('notices a state saved before the tree was edited', () => {
    const before = ok(demo.choose(at('q', 'c'), 'i'));
    const edited = createTroubleshooter([
      // The manual route of the check now skips the info step (still reachable from the start).
      parsed(
        brokenTree((n) => {
          node(n, 'c').choices = [{ label: { ja: '手', en: 'Hand' }, next: 'a2' }];
          node(n, 'c').outcomes = { ok: 'a1', bad: 'a2' };
          (node(n, 'q').choices as unknown[]).push({
            label: { ja: '説明', en: 'Info' },
            next: 'i',
          });
        }),
      ),
    ]);
    expect(errorCode(edited.render(before, 'en'))).toBe('stale-state');
    expect(ok(edited.restart(before))).toEqual(at('q'));
  });
});

describe('the shipped troubleshooting trees in the engine', () => {
  const engine = createTroubleshooter(loadTrees());

  it('lists the trees for the troubleshoot menu, in both languages', () => {
    expect(engine.menu('en')).toEqual({
      title: 'Troubleshooting',
      text: expect.any(String),
      trees: [
        { id: 'intune-sync', title: 'Intune data does not sync', description: expect.any(String) },
        { id: 'jamf-sync', title: 'Jamf Pro data does not sync', description: expect.any(String) },
        {
          id: 'co-management',
          title: expect.stringContaining('Co-management'),
          description: expect.any(String),
        },
        {
          id: 'ivanti-compliance',
          title: expect.stringContaining('Ivanti'),
          description: expect.any(String),
        },
      ],
    });
    expect(engine.menu('ja').title).toBe('トラブルシュート');
    expect(engine.menu('ja').trees[0].title).toBe('Intune のデータが取得されない');
  });

  it('starts each sync tree at its self-test, which also offers the manual route', () => {
    for (const [treeId, checkId] of [
      ['intune-sync', 'intune-self-test'],
      ['jamf-sync', 'jamf-self-test'],
    ]) {
      const view = ok(engine.render(ok(engine.start(treeId)), 'en'));
      expect(view).toMatchObject({ isCheck: true, checkId });
      expect(view.choices.map((c) => c.label)).toEqual(['Check by hand']);
    }
  });

  // Each self-test outcome must land on the step that fixes that very problem.
  it.each([
    ['intune-sync', 'ok', 'connection-ok', /sync itself/],
    ['intune-sync', 'bad-secret', 'fix-bad-secret', /Value, not its Secret ID/],
    ['intune-sync', 'expired-secret', 'fix-expired-secret', /new client secret/],
    ['intune-sync', 'wrong-tenant', 'fix-wrong-tenant', /AZURE_TENANT_ID/],
    ['intune-sync', 'unknown-client', 'app-registration', /Application \(client\) ID/],
    [
      'intune-sync',
      'missing-permission',
      'api-permission',
      /DeviceManagementManagedDevices\.Read\.All[\s\S]*admin consent/,
    ],
    [
      'intune-sync',
      'empty-result',
      'empty-result',
      /no Intune licence[\s\S]*No devices are enrolled/,
    ],
    ['intune-sync', 'throttled', 'throttled', /429/],
    ['intune-sync', 'unreachable', 'unreachable', /graph\.microsoft\.com/],
    ['intune-sync', 'not-configured', 'not-configured', /AZURE_CLIENT_ID/],
    ['jamf-sync', 'ok', 'connection-ok', /sync itself/],
    ['jamf-sync', 'bad-credentials', 'api-client', /JAMF_CLIENT_ID[\s\S]*client secret/],
    ['jamf-sync', 'missing-privilege', 'api-role', /Read Computers[\s\S]*Read Mobile Devices/],
    ['jamf-sync', 'empty-result', 'empty-result', /no computers and no mobile devices/],
    ['jamf-sync', 'throttled', 'throttled', /429/],
    ['jamf-sync', 'unreachable', 'unreachable', /JAMF_URL/],
    ['jamf-sync', 'not-configured', 'not-configured', /JAMF_CLIENT_SECRET/],
  ])('%s: outcome %s leads to %s', (treeId, outcome, nodeId, says) => {
    const state = ok(engine.applyCheckOutcome(ok(engine.start(treeId)), outcome));
    const view = ok(engine.render(state, 'en'));
    expect(view.nodeId).toBe(nodeId);
    expect(view.canGoBack).toBe(true);
    expect(`${view.text}\n${view.commands.join('\n')}`).toMatch(says);
  });

  it('after the self-test says "ok", suggests the sync status, linking again and the time lag', () => {
    const state = ok(engine.applyCheckOutcome(ok(engine.start('intune-sync')), 'ok'));
    expect(ok(engine.render(state, 'en')).choices.map((c) => c.id)).toEqual([
      'sync-status',
      'relink',
      'time-lag',
    ]);
  });

  it('is also there as plain functions over the shipped trees', () => {
    const state = ok(troubleshooting.start('co-management'));
    const faq = ok(troubleshooting.choose(state, 'faq'));
    const view = ok(troubleshooting.render(faq, 'ja'));
    expect(view.choices).toHaveLength(8);
    expect(ok(troubleshooting.back(faq))).toEqual(state);
    expect(ok(troubleshooting.restart(faq))).toEqual(state);
    expect(errorCode(troubleshooting.applyCheckOutcome(state, 'ok'))).toBe('not-a-check');
    expect(troubleshooting.menu('en').trees).toHaveLength(4);
  });
});

import { troubleshootMenuCardData } from '../../cards/troubleshoot';
import type { SelfTestResultView } from '../../cards/troubleshoot-check';
import {
  TROUBLESHOOT_CHOICE,
  TROUBLESHOOT_MENU,
  TROUBLESHOOT_RESTART,
  TROUBLESHOOT_START,
  TROUBLESHOOT_STEP,
} from '../../cards/troubleshoot-payloads';
import { VERBS } from '../../cards/verbs';
import {
  applyCheckOutcome,
  back,
  choose,
  explainCode,
  menu,
  render,
  restart,
  troubleshooter,
} from '../../troubleshooting';
import { runIntuneSelfTest, runJamfSelfTest } from '../../troubleshooting/self-test';
import type { BotDeps } from '../bot-deps';
import { argument, COMMANDS } from '../commands';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { excerpt } from '../text';
import type { BotTurn, Reply } from '../turn';
import { deviceFacts } from './troubleshoot-device';
import { begin, current, move, stateOf, troubleshootCard } from './troubleshoot-session';

/*
 * `troubleshoot` / `トラブルシュート` and the guide cards: the decision trees of seeds 000, 002
 * and 003 walked one step per card (troubleshoot-session.ts keeps where each user is).
 * `explain <code>` answers an Ivanti status code directly. Anyone may walk a guide (it changes
 * nothing); running a connection check is for admins.
 */

/** What people type after `troubleshoot` to open a guide directly. */
const GUIDE_NAMES: Record<string, string> = {
  intune: 'intune-sync',
  jamf: 'jamf-sync',
  'co-management': 'co-management',
  comanagement: 'co-management',
  comgmt: 'co-management',
  共同管理: 'co-management',
  ivanti: 'ivanti-compliance',
  compliance: 'ivanti-compliance',
  コンプライアンス: 'ivanti-compliance',
};

/** Longer than any status code (the longest, with its aliases, is 35 characters). */
const MAX_CODE_LENGTH = 100;

/** The automatic checks a check step can run (see troubleshooting/checks.ts). */
const CHECKS: Record<string, (deps: BotDeps) => Promise<SelfTestResultView>> = {
  'intune-self-test': (deps) => runIntuneSelfTest(deps.config.intune),
  'jamf-self-test': (deps) => runJamfSelfTest(deps.config.jamf),
};

export const troubleshootCommand: CommandRoute = {
  pattern: COMMANDS.troubleshoot,
  role: 'anyone',
  async handle(turn, deps): Promise<Reply> {
    const { locale, say } = sayer(turn);
    const [first, second] = argument(turn, COMMANDS.troubleshoot).split(/\s+/).filter(Boolean);
    const name = first?.toLowerCase() ?? '';
    // Own keys only: `troubleshoot constructor` must not find Object.prototype.constructor.
    const treeId = first
      ? ((Object.hasOwn(GUIDE_NAMES, name) ? GUIDE_NAMES[name] : undefined) ?? treeById(first))
      : undefined;
    if (first && !treeId) return say('troubleshoot.unknownGuide', { name: excerpt(first) });
    if (treeId) return begin(turn, deps, treeId, await knownAsset(turn, deps, second));
    return troubleshootCard(troubleshootMenuCardData(menu(locale), locale));
  },
};

export const explainCommand: CommandRoute = {
  pattern: COMMANDS.explain,
  role: 'anyone',
  async handle(turn) {
    const { locale, say } = sayer(turn);
    const code = argument(turn, COMMANDS.explain);
    if (!code) return say('troubleshoot.explainUsage');
    // A code is a few dozen characters; a longer argument is none, and is not looked up (the
    // look-up's quote stripping is quadratic in a long run of closing quotes).
    const found = explainCode(code.length <= MAX_CODE_LENGTH ? code : '', locale);
    return found.ok
      ? `**${found.value.code}**\n\n${found.value.text}`
      : say(found.error.messageKey, { ...found.error.params, code: excerpt(code) });
  },
};

/** The named device when the ledger has it; else says so (the guide starts without it). */
async function knownAsset(turn: BotTurn, deps: BotDeps, asset: string | undefined) {
  if (!asset) return undefined;
  if (await deps.deviceReads.exists(asset)) return asset;
  await turn.send(sayer(turn).say('troubleshoot.deviceNotFound', { assetNumber: excerpt(asset) }));
  return undefined;
}

export const troubleshootMenuAction = actionRoute({
  verb: VERBS.troubleshootMenu,
  schema: TROUBLESHOOT_MENU,
  role: 'anyone',
  async handle(turn, data, deps) {
    const { locale } = sayer(turn);
    const device = data.assetNumber ? await deviceFacts(deps, data.assetNumber, locale) : undefined;
    return troubleshootCard(
      troubleshootMenuCardData(menu(locale), locale, { device, assetNumber: data.assetNumber }),
    );
  },
});

export const troubleshootStartAction = actionRoute({
  verb: VERBS.troubleshootStart,
  schema: TROUBLESHOOT_START,
  role: 'anyone',
  handle: (turn, data, deps) => begin(turn, deps, data.treeId, data.assetNumber),
});

export const troubleshootChooseAction = actionRoute({
  verb: VERBS.troubleshootChoose,
  schema: TROUBLESHOOT_CHOICE,
  role: 'anyone',
  async handle(turn, data, deps) {
    const got = await current(turn, deps, data.treeId, data.nodeId);
    if (!got.ok) return got.reply;
    return move(turn, deps, got.session, choose(stateOf(got.session), data.choice));
  },
});

export const troubleshootBackAction = actionRoute({
  verb: VERBS.troubleshootBack,
  schema: TROUBLESHOOT_STEP,
  role: 'anyone',
  async handle(turn, data, deps) {
    const got = await current(turn, deps, data.treeId, data.nodeId);
    if (!got.ok) return got.reply;
    return move(turn, deps, got.session, back(stateOf(got.session)));
  },
});

export const troubleshootRestartAction = actionRoute({
  verb: VERBS.troubleshootRestart,
  schema: TROUBLESHOOT_RESTART,
  role: 'anyone',
  async handle(turn, data, deps) {
    const got = await current(turn, deps, data.treeId);
    if (!got.ok) return begin(turn, deps, data.treeId);
    return move(turn, deps, got.session, restart(stateOf(got.session)));
  },
});

/** A connection check: for admins, though the guide it is part of is for anyone. */
export const troubleshootCheckAction = actionRoute({
  verb: VERBS.troubleshootCheck,
  schema: TROUBLESHOOT_STEP,
  // The payload is read first and a non-admin gets the check's own sentence (as before).
  role: 'anyone',
  async handle(turn, data, deps) {
    const { locale, say } = sayer(turn);
    if (!(await deps.roles.isAdmin(turn))) return say('troubleshoot.checkAdminOnly');
    const got = await current(turn, deps, data.treeId, data.nodeId);
    if (!got.ok) return got.reply;
    const step = render(stateOf(got.session), locale);
    const run = step.ok && step.value.checkId ? CHECKS[step.value.checkId] : undefined;
    if (!run) return say('troubleshoot.error.notACheck', { nodeId: data.nodeId });
    const result = await run(deps);
    deps.log.info(
      { check: step.ok ? step.value.checkId : '', outcome: result.outcome, ms: result.durationMs },
      'troubleshooting check',
    );
    const next = applyCheckOutcome(stateOf(got.session), result.outcome);
    const landed = next.ok ? next.value.path[next.value.path.length - 1] : '';
    return move(turn, deps, got.session, next, {
      nodeId: landed,
      // Stored as plain JSON (what a later read gives back): no undefined turned into null.
      result: JSON.parse(JSON.stringify(result)) as typeof result,
    });
  },
});

function treeById(name: string): string | undefined {
  return troubleshooter().trees.some((tree) => tree.id === name) ? name : undefined;
}

import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  applyCheckOutcome,
  back,
  choose,
  explainCode,
  menu,
  troubleshooter,
  render,
  restart,
  start,
  type TroubleshootResult,
  type TroubleshootState,
} from '../../troubleshooting';
import { runIntuneSelfTest, runJamfSelfTest } from '../../troubleshooting/self-test';
import type { TroubleshootSessionDoc } from '../../troubleshooting/session-store';
import type { BotDeps } from '../bot-deps';
import { renderCard, type AdaptiveCard } from '../cards/render';
import {
  troubleshootMenuCardData,
  troubleshootStepCardData,
  type TroubleshootCardData,
} from '../cards/troubleshoot';
import { checkView, type SelfTestResultView } from '../cards/troubleshoot-check';
import { argument, command, COMMANDS } from '../commands';
import { sayer } from '../locale';
import { sendReply, type Reply } from '../reply';
import { excerpt } from '../text';
import { VERBS } from '../verbs';
import { deviceFacts } from './troubleshoot-device';

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

const id = z.string().min(1).max(100);
const assetNumber = z.string().max(200).optional();
const STEP = z.object({ treeId: id, nodeId: id }).strict();
const CHOICE = z.object({ treeId: id, nodeId: id, choice: id }).strict();
const START = z.object({ treeId: id, assetNumber }).strict();
const MENU = z.object({ assetNumber }).strict();
const RESTART = z.object({ treeId: id }).strict();

/** The automatic checks a check step can run (see troubleshooting/checks.ts). */
const CHECKS: Record<string, (deps: BotDeps) => Promise<SelfTestResultView>> = {
  'intune-self-test': (deps) => runIntuneSelfTest(deps.config.intune),
  'jamf-self-test': (deps) => runJamfSelfTest(deps.config.jamf),
};

/**
 * `troubleshoot` / `トラブルシュート` and the guide cards: the decision trees of seeds 000, 002
 * and 003 walked one step per card. Where each user is lives in MongoDB, so a restart or another
 * replica continues the same guide. `explain <code>` answers an Ivanti status code directly.
 * Anyone may walk a guide (it changes nothing); running a connection check is for admins.
 */
export function registerTroubleshoot(app: Application<TurnState>, deps: BotDeps): void {
  const sessions = deps.troubleshootSessions;
  const keyOf = (context: TurnContext) =>
    `${context.activity.conversation.id}|${context.activity.from?.id ?? ''}`;

  const stepCard = async (
    context: TurnContext,
    session: TroubleshootSessionDoc,
  ): Promise<Reply> => {
    const { locale, say } = sayer(context);
    const step = render(stateOf(session), locale);
    if (!step.ok) return say(step.error.messageKey, step.error.params);
    const check =
      session.check && session.check.nodeId === step.value.nodeId
        ? checkView(session.check.result as unknown as SelfTestResultView, locale)
        : undefined;
    const device = session.assetNumber
      ? await deviceFacts(deps, session.assetNumber, locale)
      : undefined;
    return card(
      troubleshootStepCardData(step.value, locale, {
        device,
        assetNumber: session.assetNumber ?? '',
        check,
      }),
    );
  };

  const save = (context: TurnContext, doc: Omit<TroubleshootSessionDoc, '_id'>) =>
    sessions.save(keyOf(context), doc);

  /** Starts a guide, with the device it is about when one was named and the ledger has it. */
  const begin = async (context: TurnContext, treeId: string, asset?: string): Promise<Reply> => {
    const { say } = sayer(context);
    const started = start(treeId);
    if (!started.ok) return say(started.error.messageKey, started.error.params);
    const session = await save(context, {
      treeId,
      path: started.value.path,
      assetNumber: asset || null,
      check: null,
      updatedAt: new Date(),
    });
    return stepCard(context, session);
  };

  /** The user's session for a card press, or why the press cannot be honoured. */
  const current = async (
    context: TurnContext,
    treeId: string,
    nodeId?: string,
  ): Promise<{ ok: true; session: TroubleshootSessionDoc } | { ok: false; reply: Reply }> => {
    const session = await sessions.find(keyOf(context));
    if (!session || session.treeId !== treeId)
      return { ok: false, reply: sayer(context).say('troubleshoot.noSession') };
    // A button of an earlier step (an old card, a double click): show where the user is now.
    if (nodeId !== undefined && session.path[session.path.length - 1] !== nodeId)
      return { ok: false, reply: await stepCard(context, session) };
    return { ok: true, session };
  };

  /** Moves the session with an engine step and answers with the new step's card. */
  const move = async (
    context: TurnContext,
    session: TroubleshootSessionDoc,
    next: TroubleshootResult<TroubleshootState>,
    check: TroubleshootSessionDoc['check'] = null,
  ): Promise<Reply> => {
    const { say } = sayer(context);
    if (!next.ok) return say(next.error.messageKey, next.error.params);
    const saved = await save(context, {
      ...session,
      path: next.value.path,
      check,
      updatedAt: new Date(),
    });
    return stepCard(context, saved);
  };

  app.message(command(COMMANDS.troubleshoot), async (context) => {
    const { locale, say } = sayer(context);
    const [first, second] = argument(context, COMMANDS.troubleshoot).split(/\s+/).filter(Boolean);
    const name = first?.toLowerCase() ?? '';
    // Own keys only: `troubleshoot constructor` must not find Object.prototype.constructor.
    const treeId = first
      ? ((Object.hasOwn(GUIDE_NAMES, name) ? GUIDE_NAMES[name] : undefined) ?? treeById(first))
      : undefined;
    let reply: Reply;
    if (first && !treeId) reply = say('troubleshoot.unknownGuide', { name: excerpt(first) });
    else if (treeId) reply = await begin(context, treeId, await knownAsset(context, second));
    else reply = card(troubleshootMenuCardData(menu(locale), locale));
    await sendReply(context, reply);
  });

  app.message(command(COMMANDS.explain), async (context) => {
    const { locale, say } = sayer(context);
    const code = argument(context, COMMANDS.explain);
    if (!code) return void (await context.sendActivity(say('troubleshoot.explainUsage')));
    // A code is a few dozen characters; a longer argument is none, and is not looked up (the
    // look-up's quote stripping is quadratic in a long run of closing quotes).
    const found = explainCode(code.length <= MAX_CODE_LENGTH ? code : '', locale);
    await context.sendActivity(
      found.ok
        ? `**${found.value.code}**\n\n${found.value.text}`
        : say(found.error.messageKey, { ...found.error.params, code: excerpt(code) }),
    );
  });

  const knownAsset = async (context: TurnContext, asset: string | undefined) => {
    if (!asset) return undefined;
    if (await deps.c.devices.countDocuments({ assetNumber: asset }, { limit: 1 })) return asset;
    await context.sendActivity(
      sayer(context).say('troubleshoot.deviceNotFound', { assetNumber: excerpt(asset) }),
    );
    return undefined;
  };

  const on = <S extends z.ZodTypeAny>(
    verb: string,
    schema: S,
    handle: (context: TurnContext, data: z.output<S>) => Promise<Reply>,
  ) =>
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const parsed = schema.safeParse(data ?? {});
      if (!parsed.success) return sayer(context).say('bot.badPayload');
      return (await handle(context, parsed.data)) as never;
    });

  on(VERBS.troubleshootMenu, MENU, async (context, data) => {
    const { locale } = sayer(context);
    const device = data.assetNumber ? await deviceFacts(deps, data.assetNumber, locale) : undefined;
    return card(
      troubleshootMenuCardData(menu(locale), locale, { device, assetNumber: data.assetNumber }),
    );
  });
  on(VERBS.troubleshootStart, START, (context, data) =>
    begin(context, data.treeId, data.assetNumber),
  );
  on(VERBS.troubleshootChoose, CHOICE, async (context, data) => {
    const got = await current(context, data.treeId, data.nodeId);
    if (!got.ok) return got.reply;
    return move(context, got.session, choose(stateOf(got.session), data.choice));
  });
  on(VERBS.troubleshootBack, STEP, async (context, data) => {
    const got = await current(context, data.treeId, data.nodeId);
    if (!got.ok) return got.reply;
    return move(context, got.session, back(stateOf(got.session)));
  });
  on(VERBS.troubleshootRestart, RESTART, async (context, data) => {
    const got = await current(context, data.treeId);
    if (!got.ok) return begin(context, data.treeId);
    return move(context, got.session, restart(stateOf(got.session)));
  });
  on(VERBS.troubleshootCheck, STEP, async (context, data) => {
    const { locale, say } = sayer(context);
    if (!(await deps.roles.isAdmin(context))) return say('troubleshoot.checkAdminOnly');
    const got = await current(context, data.treeId, data.nodeId);
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
    return move(context, got.session, next, {
      nodeId: landed,
      result: JSON.parse(JSON.stringify(result)) as Record<string, unknown>,
    });
  });
}

function stateOf(session: TroubleshootSessionDoc): TroubleshootState {
  return { treeId: session.treeId, path: session.path };
}

function treeById(name: string): string | undefined {
  return troubleshooter().trees.some((tree) => tree.id === name) ? name : undefined;
}

function card(data: TroubleshootCardData): AdaptiveCard {
  return renderCard('troubleshoot', data);
}

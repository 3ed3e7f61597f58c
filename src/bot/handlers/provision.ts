import { randomUUID } from 'node:crypto';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { TurnContext, type BotAdapter } from 'botbuilder';
import { z } from 'zod';
import { isDaichoError } from '../../errors';
import { t, type Locale } from '../../i18n/messages';
import { mapPerson } from '../../provisioning/map-person';
import type {
  ProvisioningLogDoc,
  ProvisioningRunDoc,
  ProvisioningService,
} from '../../provisioning/provisioning-service';
import type { BotDeps } from '../bot-deps';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { provisionMappingCardData } from '../cards/provision-mapping';
import { previewPersonIds, provisionPreviewCardData } from '../cards/provision-preview';
import { provisionResultCardData, type ProvisionLogView } from '../cards/provision-result';
import { provisionWhyCardData } from '../cards/provision-why';
import { argument, command, COMMANDS } from '../commands';
import { adminPayload, refusalOr } from '../guard';
import { sayer } from '../locale';
import { projectRoot } from '../../paths';
import { sendReply, type Reply } from '../reply';
import { quoting } from '../text';
import { VERBS } from '../verbs';
import { actor } from './link';
import { planCsv, samePlan } from './provision-plan-file';

/**
 * How long a card press waits for an apply before answering "still applying" (Teams gives an
 * invoke a few seconds); the result card then follows as a new message in the conversation.
 */
export const APPLY_WAIT_MS = 8_000;

const anything = z.object({}).passthrough();
const RUN = z.object({ runId: z.string().regex(/^[0-9a-f]{24}$/) });
const PERSON = z.object({ personId: z.string().trim().min(1).max(64) });

/**
 * Microsoft 365 provisioning in Teams (seed 001): `provision` / `プロビジョニング` shows the dry
 * run, Apply executes exactly what was previewed (planned again first: a plan that changed
 * since is shown again, not applied), a run over the safety limit waits for Approve / Reject,
 * and the result card lists failures with Graph's code and request id — never a password.
 * `provision why <id>` / `プロビジョニング履歴 <id>` is one person's log; `mapping` / `マッピング`
 * the attribute mapping. Looking is for everyone; planning and every change for admins.
 */
export function registerProvisioning(
  app: Application<TurnState>,
  deps: BotDeps,
  adapter: BotAdapter,
  options: { applyWaitMs?: number } = {},
): void {
  const waitMs = options.applyWaitMs ?? APPLY_WAIT_MS;

  /** The service, or why there is none (no Graph connection configured). */
  const service = (
    context: TurnContext,
  ): { ok: true; value: ProvisioningService } | { ok: false; reply: string } =>
    deps.provisioning
      ? { ok: true, value: deps.provisioning }
      : {
          ok: false,
          reply: sayer(context).say('provision.noGraph', {
            file: `env/.env.${deps.config.envName}.user`,
          }),
        };

  const names = (personIds: string[]) => deps.people.displayNames(personIds);

  const previewCard = async (
    run: ProvisioningRunDoc,
    locale: Locale,
    isAdmin: boolean,
    notice?: string,
  ): Promise<AdaptiveCard> =>
    renderCard(
      'provision-preview',
      provisionPreviewCardData(runView(run), locale, {
        isAdmin,
        switches: deps.config.provisioning,
        names: await names(previewPersonIds(run.plan)),
        notice,
      }),
    );

  const resultCard = async (
    svc: ProvisioningService,
    run: ProvisioningRunDoc,
    locale: Locale,
    isAdmin: boolean,
  ): Promise<AdaptiveCard> => {
    if (run.status === 'held') return previewCard(run, locale, isAdmin);
    const failures = (await svc.failures(run)).map(logView);
    const shownIds = failures
      .slice(0, 20)
      .flatMap((f) => (f.subject.kind === 'person' ? [f.subject.personId] : []));
    return renderCard(
      'provision-result',
      provisionResultCardData(runView(run), failures, locale, {
        isAdmin,
        names: await names(shownIds),
      }),
    );
  };

  /** A dry run (admins: it reads the whole tenant through Graph and records a run). */
  const plan = async (context: TurnContext): Promise<Reply> => {
    const svc = service(context);
    if (!svc.ok) return svc.reply;
    const ok = await adminPayload(context, deps, anything, {});
    if (!ok.ok) return ok.reply;
    const run = await refusalOr(context, () => svc.value.plan(actor(context)));
    if (!run.ok) return run.reply;
    return previewCard(run.value, sayer(context).locale, true);
  };

  /**
   * Waits up to `waitMs` for an apply: its card if it ended, else "still applying" now and the
   * card as a new message when it ends (the press must be answered within seconds).
   */
  const finish = async (
    context: TurnContext,
    work: Promise<{ run: ProvisioningRunDoc }>,
    render: (run: ProvisioningRunDoc) => Promise<AdaptiveCard>,
  ): Promise<Reply> => {
    const { say } = sayer(context);
    // The first passwords stay in the service's answer: only the run goes on.
    const settled = work.then(
      ({ run }) => ({ ok: true as const, run }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), waitMs);
    });
    const first = await Promise.race([settled, late]);
    clearTimeout(timer);
    const sentence = (error: unknown) => {
      if (isDaichoError(error)) return say(error.messageKey, error.params);
      const correlationId = randomUUID();
      deps.log.error({ err: error, correlationId }, 'provisioning apply from Teams failed');
      return say('bot.provision.failed', { correlationId });
    };
    if (first) return first.ok ? render(first.run) : sentence(first.error);
    const reference = TurnContext.getConversationReference(context.activity);
    void settled
      .then(async (outcome) => {
        const reply = outcome.ok ? await render(outcome.run) : sentence(outcome.error);
        await adapter.continueConversationAsync(deps.config.bot?.appId ?? '', reference, (ctx) =>
          sendReply(ctx, reply),
        );
      })
      .catch((e: unknown) => deps.log.warn({ err: e }, 'could not post the provisioning result'));
    return say('bot.provision.applying');
  };

  app.message(command(COMMANDS.provision), async (context) =>
    sendReply(context, await plan(context)),
  );
  app.adaptiveCards.actionExecute(
    VERBS.provisionPlan,
    async (context) => (await plan(context)) as never,
  );

  app.adaptiveCards.actionExecute(VERBS.provisionApply, async (context, _s, data) => {
    const svc = service(context);
    if (!svc.ok) return svc.reply;
    const ok = await adminPayload(context, deps, RUN, data);
    if (!ok.ok) return ok.reply;
    const { locale, say } = sayer(context);
    const previewed = await refusalOr(context, () => svc.value.get(ok.value.runId));
    if (!previewed.ok) return previewed.reply;
    if (previewed.value.status !== 'planned')
      return say('bot.provision.notPlanned', {
        runId: ok.value.runId,
        status: t(locale, `provision.status.${previewed.value.status}`),
      });
    // Planned again: what is applied is what the admin saw, and still what is needed now.
    const fresh = await refusalOr(context, () => svc.value.plan(actor(context)));
    if (!fresh.ok) return fresh.reply;
    if (!samePlan(previewed.value.plan, fresh.value.plan))
      return (await previewCard(fresh.value, locale, true, say('bot.provision.changed'))) as never;
    return (await finish(
      context,
      svc.value.apply(actor(context), { plan: fresh.value.plan }),
      (run) => resultCard(svc.value, run, locale, true),
    )) as never;
  });

  /** The held run `runId`, or why it cannot be decided on (a stale card: decided meanwhile). */
  const heldRun = async (context: TurnContext, svc: ProvisioningService, runId: string) => {
    const { locale, say } = sayer(context);
    const run = await refusalOr(context, () => svc.get(runId));
    if (!run.ok) return run;
    if (run.value.status !== 'held')
      return {
        ok: false as const,
        reply: say('bot.provision.notHeld', {
          runId,
          status: t(locale, `provision.status.${run.value.status}`),
        }),
      };
    return run;
  };

  /** A press on a held run: the service, an admin, a valid payload, the run still held. */
  const heldPress = async (context: TurnContext, data: unknown) => {
    const svc = service(context);
    if (!svc.ok) return svc;
    const ok = await adminPayload(context, deps, RUN, data);
    if (!ok.ok) return ok;
    const held = await heldRun(context, svc.value, ok.value.runId);
    if (!held.ok) return held;
    return { ok: true as const, svc: svc.value, runId: ok.value.runId };
  };

  app.adaptiveCards.actionExecute(VERBS.provisionApprove, async (context, _s, data) => {
    const press = await heldPress(context, data);
    if (!press.ok) return press.reply;
    const { svc, runId } = press;
    const { locale } = sayer(context);
    return (await finish(context, svc.approve(runId, actor(context)), (run) =>
      resultCard(svc, run, locale, true),
    )) as never;
  });

  app.adaptiveCards.actionExecute(VERBS.provisionReject, async (context, _s, data) => {
    const press = await heldPress(context, data);
    if (!press.ok) return press.reply;
    const done = await refusalOr(context, () => press.svc.reject(press.runId, actor(context)));
    if (!done.ok) return done.reply;
    return sayer(context).say('provision.rejected', { runId: press.runId });
  });

  app.adaptiveCards.actionExecute(VERBS.provisionCsv, async (context, _s, data) => {
    const svc = service(context);
    if (!svc.ok) return svc.reply;
    const ok = await adminPayload(context, deps, RUN, data);
    if (!ok.ok) return ok.reply;
    const run = await refusalOr(context, () => svc.value.get(ok.value.runId));
    if (!run.ok) return run.reply;
    const url = await deps.downloads.offer({
      filename: `provisioning-plan-${ok.value.runId}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: planCsv(run.value.plan),
      createdBy: actor(context).by,
    });
    return sayer(context).say('bot.download', { url });
  });

  /** One person's "why": mapped values, the latest plan's problems, the log. Anyone may look. */
  const why = async (context: TurnContext, personId: string): Promise<Reply> => {
    const { locale, say } = sayer(context);
    if (!personId) return say('bot.provision.whyUsage');
    const svc = service(context);
    if (!svc.ok) return svc.reply;
    const found = await refusalOr(context, () => quoting(svc.value.why(personId), 'id'));
    if (!found.ok) return found.reply;
    const { person, entries, problems } = found.value;
    return renderCard(
      'provision-why',
      provisionWhyCardData(
        {
          person,
          mapped: mapPerson(person, deps.config.provisioning.mapping).values,
          problems,
          entries: entries.map(logView),
        },
        locale,
      ),
    );
  };
  app.message(command(COMMANDS.provisionWhy), async (context) =>
    sendReply(context, await why(context, argument(context, COMMANDS.provisionWhy))),
  );
  app.adaptiveCards.actionExecute(VERBS.provisionWhy, async (context, _s, data) => {
    const parsed = PERSON.safeParse(data ?? {});
    if (!parsed.success) return sayer(context).say('bot.badPayload');
    return (await why(context, parsed.data.personId)) as never;
  });

  /** The mapping and the switches (read-only: they live in the config). Anyone may look. */
  const mapping = (context: TurnContext): AdaptiveCard =>
    renderCard(
      'provision-mapping',
      provisionMappingCardData(deps.config.provisioning, sayer(context).locale, {
        root: projectRoot(),
      }),
    );
  app.message(command(COMMANDS.mapping), async (context) => sendReply(context, mapping(context)));
  app.adaptiveCards.actionExecute(
    VERBS.provisionMapping,
    async (context) => mapping(context) as never,
  );
}

function runView(run: ProvisioningRunDoc) {
  return { ...run, id: run._id.toHexString() };
}

function logView(entry: ProvisioningLogDoc): ProvisionLogView {
  return { ...entry, runId: entry.runId.toHexString() };
}

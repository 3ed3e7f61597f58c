import { z } from 'zod';
import { t } from '../../i18n/messages';
import { RUN_PAYLOAD } from '../../cards/payloads';
import { PERSON_REF } from '../../cards/person-payloads';
import { renderCard } from '../../cards/render';
import { provisionWhyCardData } from '../../cards/provision-why';
import { VERBS } from '../../cards/verbs';
import { mapPerson } from '../../provisioning/map-person';
import type { ProvisioningService } from '../../provisioning/provisioning-service';
import type { BotDeps } from '../bot-deps';
import { argument, COMMANDS } from '../commands';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { quoting } from '../text';
import { actor, type BotTurn, type Reply } from '../turn';
import { finishApply } from './provision-finish';
import { planCsv, samePlan } from './provision-plan-file';
import {
  logView,
  mappingCard,
  previewCard,
  provisioningService,
  resultCard,
  provisioningAction,
  provisioningCommand,
} from './provision-view';

/*
 * Microsoft 365 provisioning in Teams (seed 001): `provision` / `プロビジョニング` shows the dry
 * run, Apply executes exactly what was previewed (planned again first: a plan that changed
 * since is shown again, not applied), a run over the safety limit waits for Approve / Reject
 * (provision-held.ts), and the result card lists failures with Graph's code and request id —
 * never a password. `provision why <id>` / `プロビジョニング履歴 <id>` is one person's log;
 * `mapping` / `マッピング` the attribute mapping. Looking is for everyone; planning and every
 * change for admins.
 */

/** A dry run (admins: it reads the whole tenant through Graph and records a run). */
async function plan(turn: BotTurn, deps: BotDeps, svc: ProvisioningService): Promise<Reply> {
  const run = await refusalOr(turn, () => svc.plan(actor(turn)));
  if (!run.ok) return run.reply;
  return previewCard(deps, run.value, sayer(turn).locale, true);
}

export const provisionCommand = provisioningCommand({
  pattern: COMMANDS.provision,
  role: 'admin',
  handle: plan,
});

export const provisionPlanAction = provisioningAction({
  verb: VERBS.provisionPlan,
  // The plan reads nothing from the button: its data is not checked (as before).
  schema: z.unknown(),
  role: 'admin',
  handle: (turn, _payload, deps, svc) => plan(turn, deps, svc),
});

export const provisionApplyAction = provisioningAction({
  verb: VERBS.provisionApply,
  schema: RUN_PAYLOAD,
  role: 'admin',
  async handle(turn, payload, deps, svc) {
    const { locale, say } = sayer(turn);
    const previewed = await refusalOr(turn, () => svc.get(payload.runId));
    if (!previewed.ok) return previewed.reply;
    if (previewed.value.status !== 'planned')
      return say('bot.provision.notPlanned', {
        runId: payload.runId,
        status: t(locale, `provision.status.${previewed.value.status}`),
      });
    // Planned again: what is applied is what the admin saw, and still what is needed now.
    const fresh = await refusalOr(turn, () => svc.plan(actor(turn)));
    if (!fresh.ok) return fresh.reply;
    if (!samePlan(previewed.value.plan, fresh.value.plan))
      return previewCard(deps, fresh.value, locale, true, say('bot.provision.changed'));
    return finishApply(turn, deps, svc.apply(actor(turn), { plan: fresh.value.plan }), (run) =>
      resultCard(deps, svc, run, locale, true),
    );
  },
});

export const provisionCsvAction = provisioningAction({
  verb: VERBS.provisionCsv,
  schema: RUN_PAYLOAD,
  role: 'admin',
  async handle(turn, payload, deps, svc) {
    const run = await refusalOr(turn, () => svc.get(payload.runId));
    if (!run.ok) return run.reply;
    const url = await deps.downloads.offer({
      filename: `provisioning-plan-${payload.runId}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: planCsv(run.value.plan),
      createdBy: actor(turn).by,
    });
    return sayer(turn).say('bot.download', { url });
  },
});

/** One person's "why": mapped values, the latest plan's problems, the log. Anyone may look. */
async function why(turn: BotTurn, deps: BotDeps, personId: string): Promise<Reply> {
  const { locale, say } = sayer(turn);
  if (!personId) return say('bot.provision.whyUsage');
  const svc = provisioningService(turn, deps);
  if (!svc.ok) return svc.reply;
  const found = await refusalOr(turn, () => quoting(svc.value.why(personId), 'id'));
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
}

export const provisionWhyCommand: CommandRoute = {
  pattern: COMMANDS.provisionWhy,
  role: 'anyone',
  handle: (turn, deps) => why(turn, deps, argument(turn, COMMANDS.provisionWhy)),
};

export const provisionWhyAction = actionRoute({
  verb: VERBS.provisionWhy,
  schema: PERSON_REF,
  role: 'anyone',
  handle: (turn, payload, deps) => why(turn, deps, payload.personId),
});

export const mappingCommand: CommandRoute = {
  pattern: COMMANDS.mapping,
  role: 'anyone',
  handle: mappingCard,
};

export const provisionMappingAction = actionRoute({
  verb: VERBS.provisionMapping,
  schema: z.unknown(),
  role: 'anyone',
  handle: (turn, _payload, deps) => mappingCard(turn, deps),
});

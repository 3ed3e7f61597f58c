import { RUN_PAYLOAD, type RunPayload } from '../../cards/payloads';
import { VERBS } from '../../cards/verbs';
import { t } from '../../i18n/messages';
import type { ProvisioningService } from '../../provisioning/provisioning-service';
import type { BotDeps } from '../bot-deps';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import type { ActionRoute } from '../routes';
import { actor, type BotTurn, type Reply } from '../turn';
import { finishApply } from './provision-finish';
import { provisioningAction, resultCard } from './provision-view';

/** A run over the safety limit waits for an admin: Approve applies it, Reject drops it. */

/** The held run `runId`, or why it cannot be decided on (a stale card: decided meanwhile). */
async function heldRun(turn: BotTurn, svc: ProvisioningService, runId: string) {
  const { locale, say } = sayer(turn);
  const run = await refusalOr(turn, () => svc.get(runId));
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
}

/** A press on a held run: the run must still be held. */
function heldRoute(
  verb: typeof VERBS.provisionApprove | typeof VERBS.provisionReject,
  decide: (turn: BotTurn, deps: BotDeps, svc: ProvisioningService, runId: string) => Promise<Reply>,
): ActionRoute<typeof RUN_PAYLOAD> {
  return provisioningAction({
    verb,
    schema: RUN_PAYLOAD,
    role: 'admin',
    async handle(turn, payload: RunPayload, deps, svc) {
      const held = await heldRun(turn, svc, payload.runId);
      if (!held.ok) return held.reply;
      return decide(turn, deps, svc, payload.runId);
    },
  });
}

export const provisionApproveAction = heldRoute(
  VERBS.provisionApprove,
  async (turn, deps, svc, runId) => {
    const { locale } = sayer(turn);
    return finishApply(turn, deps, svc.approve(runId, actor(turn)), (run) =>
      resultCard(deps, svc, run, locale, true),
    );
  },
);

export const provisionRejectAction = heldRoute(
  VERBS.provisionReject,
  async (turn, _deps, svc, runId) => {
    const done = await refusalOr(turn, () => svc.reject(runId, actor(turn)));
    if (!done.ok) return done.reply;
    return sayer(turn).say('provision.rejected', { runId });
  },
);

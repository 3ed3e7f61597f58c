import { renderCard, type AdaptiveCard } from '../../cards/render';
import { provisionMappingCardData } from '../../cards/provision-mapping';
import { previewPersonIds, provisionPreviewCardData } from '../../cards/provision-preview';
import { provisionResultCardData, type ProvisionLogView } from '../../cards/provision-result';
import type { Locale } from '../../i18n/messages';
import { projectRoot } from '../../paths';
import type {
  ProvisioningLogDoc,
  ProvisioningRunDoc,
  ProvisioningService,
} from '../../provisioning/provisioning-service';
import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';
import type { z } from 'zod';
import type { ActionRoute, CommandRoute } from '../routes';
import type { BotTurn, Reply } from '../turn';

/** The provisioning cards: a run's preview or result, the mapping. */

/** The service, or why there is none (no Graph connection configured). */
export function provisioningService(
  turn: BotTurn,
  deps: BotDeps,
): { ok: true; value: ProvisioningService } | { ok: false; reply: string } {
  return deps.provisioning
    ? { ok: true, value: deps.provisioning }
    : { ok: false, reply: noGraph(turn, deps) };
}

/** Why provisioning is not available: no Graph connection configured. */
export function noGraph(turn: BotTurn, deps: BotDeps): string {
  return sayer(turn).say('provision.noGraph', { file: `env/.env.${deps.config.envName}.user` });
}

/** Without a Graph connection every planning route says so, before the role is checked. */
const withoutGraph = (turn: BotTurn, deps: BotDeps) =>
  deps.provisioning ? undefined : noGraph(turn, deps);

type WithService<A extends unknown[]> = (
  turn: BotTurn,
  ...rest: [...A, BotDeps, ProvisioningService]
) => Promise<Reply>;

/** A card route that plans or changes: refused (no Graph) before the role without the service. */
export function provisioningAction<S extends z.ZodTypeAny>(
  route: Omit<ActionRoute<S>, 'handle' | 'unavailable'> & {
    handle: WithService<[z.output<S>]>;
  },
): ActionRoute<S> {
  return {
    ...route,
    unavailable: withoutGraph,
    handle: async (turn, payload, deps) =>
      deps.provisioning
        ? route.handle(turn, payload, deps, deps.provisioning)
        : noGraph(turn, deps),
  };
}

/** The same for a typed command. */
export function provisioningCommand(
  route: Omit<CommandRoute, 'handle' | 'unavailable'> & { handle: WithService<[]> },
): CommandRoute {
  return {
    ...route,
    unavailable: withoutGraph,
    handle: async (turn, deps) =>
      deps.provisioning ? route.handle(turn, deps, deps.provisioning) : noGraph(turn, deps),
  };
}

/** The display names of the people a card shows, by person id. */
function names(deps: BotDeps, personIds: string[]): Promise<Record<string, string>> {
  return deps.people.displayNames(personIds);
}

export async function previewCard(
  deps: BotDeps,
  run: ProvisioningRunDoc,
  locale: Locale,
  isAdmin: boolean,
  notice?: string,
): Promise<AdaptiveCard> {
  return renderCard(
    'provision-preview',
    provisionPreviewCardData(runView(run), locale, {
      isAdmin,
      switches: deps.config.provisioning,
      names: await names(deps, previewPersonIds(run.plan)),
      notice,
    }),
  );
}

/** A run's card: still held, its preview; else its result with the first failures. */
export async function resultCard(
  deps: BotDeps,
  svc: ProvisioningService,
  run: ProvisioningRunDoc,
  locale: Locale,
  isAdmin: boolean,
): Promise<AdaptiveCard> {
  if (run.status === 'held') return previewCard(deps, run, locale, isAdmin);
  const failures = (await svc.failures(run)).map(logView);
  const shownIds = failures
    .slice(0, 20)
    .flatMap((f) => (f.subject.kind === 'person' ? [f.subject.personId] : []));
  return renderCard(
    'provision-result',
    provisionResultCardData(runView(run), failures, locale, {
      isAdmin,
      names: await names(deps, shownIds),
    }),
  );
}

/** The mapping and the switches (read-only: they live in the config). Anyone may look. */
export async function mappingCard(turn: BotTurn, deps: BotDeps): Promise<AdaptiveCard> {
  return renderCard(
    'provision-mapping',
    provisionMappingCardData(deps.config.provisioning, sayer(turn).locale, {
      root: projectRoot(),
    }),
  );
}

function runView(run: ProvisioningRunDoc) {
  return { ...run, id: run._id.toHexString() };
}

export function logView(entry: ProvisioningLogDoc): ProvisionLogView {
  return { ...entry, runId: entry.runId.toHexString() };
}

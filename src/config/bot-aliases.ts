import type { RawEnvironment } from './env-files';

/** botbuilder's own names for the bot's settings, read as aliases of ours. */
export const BOTBUILDER_ALIASES = {
  BOT_ID: { name: 'MicrosoftAppId', secret: false },
  BOT_PASSWORD: { name: 'MicrosoftAppPassword', secret: true },
  BOT_TYPE: { name: 'MicrosoftAppType', secret: false },
  BOT_TENANT_ID: { name: 'MicrosoftAppTenantId', secret: false },
} as const;

/**
 * A bot configured under botbuilder's names (MicrosoftAppId …) is a bot with credentials, not a
 * bot that silently runs unauthenticated: the alias fills our name, and two different values for
 * one setting are refused rather than guessed between.
 */
export function applyBotbuilderAliases(raw: RawEnvironment): string[] {
  const problems: string[] = [];
  for (const [ours, alias] of Object.entries(BOTBUILDER_ALIASES)) {
    const aliased = raw.values.get(alias.name);
    if (!aliased) continue;
    const own = raw.values.get(ours);
    if (own && own.value !== aliased.value) {
      problems.push(
        `${ours} (${own.from}) and botbuilder's ${alias.name} (${aliased.from}) differ: keep ${ours} and remove ${alias.name}`,
      );
    } else if (!own) {
      raw.values.set(ours, { value: aliased.value, from: `${aliased.from} (as ${alias.name})` });
    }
  }
  return problems;
}

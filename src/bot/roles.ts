import type { Logger } from '../log';
import type { BotTurn } from './turn';

export interface RolePolicy {
  isAdmin(turn: Pick<BotTurn, 'user' | 'lookUpTeamMember'>): Promise<boolean>;
  /** For the start-up log line. */
  describe(): string;
}

/**
 * Admins are listed by Entra object id, or are members of a listed Teams team (read from Teams
 * when an admin action is asked for, cached for five minutes). With no admins configured and no
 * bot credentials (local testing with the Playground), everyone is an admin; with credentials,
 * nobody is until the config names them.
 */
export function rolePolicy(
  admins: { userIds: string[]; teamIds: string[] },
  localTesting: boolean,
  log: Logger,
): RolePolicy {
  const userIds = new Set(admins.userIds.map((id) => id.toLowerCase()));
  const openForTesting = localTesting && userIds.size === 0 && admins.teamIds.length === 0;
  const cache = new Map<string, { admin: boolean; until: number }>();
  return {
    describe: () =>
      openForTesting
        ? 'no admins configured and no bot credentials: everyone is an admin (local testing only)'
        : `${userIds.size} admin users, ${admins.teamIds.length} admin teams`,
    async isAdmin(turn) {
      if (openForTesting) return true;
      const aadId = turn.user.aadObjectId?.toLowerCase();
      if (aadId && userIds.has(aadId)) return true;
      if (admins.teamIds.length === 0 || !turn.user.id) return false;
      const key = turn.user.id;
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.admin;
      let admin = false;
      for (const teamId of admins.teamIds) {
        try {
          await turn.lookUpTeamMember(teamId);
          admin = true;
          break;
        } catch (e) {
          log.debug({ err: e, teamId }, 'not a member of the admin team (or it cannot be read)');
        }
      }
      cache.set(key, { admin, until: Date.now() + 5 * 60_000 });
      return admin;
    },
  };
}

import type { Filter } from 'mongodb';
import type { StocktakeStore } from './stocktake-store';
import type {
  AppInstaller,
  InstallFailure,
  InstallRecord,
  StocktakeItemDoc,
  UnreachableReason,
} from './stocktake-types';

/** A claim whose holder never wrote an outcome (killed mid-call) is taken over after this. */
const STALE_CLAIM_MS = 10 * 60_000;
/** Users installed for at once (the installer paces the requests to Graph). */
const INSTALL_CONCURRENCY = 4;
/** Throttled or unanswered installs are tried again after this. */
const RETRY_FAILED_MS = 15 * 60_000;

export interface ReachDeps {
  store: StocktakeStore;
  installer: AppInstaller | undefined;
  now: () => Date;
}

/** What one round of installs did, by user. */
export interface InstallCounts {
  /** Installed (201) or already installed (409): asked once Teams opens the chat. */
  installed: number;
  /** Graph said no for good (403, 404 …): on the admin's list with the reason. */
  refused: number;
  /** Throttled or no answer: tried again in a while. */
  failed: number;
}

/** The unreachable items due an install now (never tried, a stale claim, a failure to retry). */
export function installDue(now: Date): Filter<StocktakeItemDoc> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    $or: [
      { unreachableReason: { $in: ['noTeams', 'toInstall'] }, install: { $exists: false } },
      {
        unreachableReason: { $in: ['noTeams', 'toInstall'] },
        'install.state': 'requested',
        'install.at': { $lte: ago(STALE_CLAIM_MS) },
      },
      {
        unreachableReason: 'installFailed',
        'install.state': 'failed',
        'install.at': { $lte: ago(RETRY_FAILED_MS) },
      },
    ],
  };
}

/**
 * Installs the bot for every user of the open stocktake who has no chat with it, a few users at
 * a time (the installer paces and retries its requests). Each user is claimed first, so no user
 * is installed for twice, across ticks, restarts and servers; 409 counts as installed.
 */
export async function installForUnreachable(deps: ReachDeps): Promise<InstallCounts> {
  const counts: InstallCounts = { installed: 0, refused: 0, failed: 0 };
  const { store, installer } = deps;
  const open = installer ? await store.open() : null;
  if (!installer || !open || !open.ready) return counts;
  const withInstaller = { ...deps, installer };
  const due = installDue(deps.now());
  const items = await store.items(open._id, { state: 'unreachable', upn: { $ne: null }, ...due });
  const users = new Map<string, string | null>();
  for (const item of items) if (item.upn) users.set(item.upn, item.aadObjectId);
  const queue = [...users.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [upn, aadObjectId] = next;
      if (!(await store.claimInstall(open._id, upn, installDue(deps.now()), deps.now()))) continue;
      const { record, reason } = await installOne(withInstaller, open._id, upn, aadObjectId);
      await store.recordInstall(open._id, upn, record, reason);
      if (record.state === 'installed') counts.installed++;
      else if (record.state === 'refused') counts.refused++;
      else counts.failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSTALL_CONCURRENCY, queue.length) }, worker));
  return counts;
}

async function installOne(
  deps: ReachDeps & { installer: AppInstaller },
  stocktakeId: string,
  upn: string,
  aadObjectId: string | null,
): Promise<{ record: InstallRecord; reason: UnreachableReason }> {
  const { installer, now } = deps;
  let userId = aadObjectId?.toLowerCase() ?? null;
  try {
    if (!userId) {
      userId = (await installer.userId(upn)).toLowerCase();
      await deps.store.setInstallUser(stocktakeId, upn, userId);
    }
    await installer.install(userId);
    const record: InstallRecord = {
      state: 'installed',
      at: now(),
      userId,
      status: null,
      code: null,
      message: null,
    };
    return { record, reason: 'installPending' };
  } catch (e) {
    const f = asFailure(e);
    const record: InstallRecord = {
      state: f.transient ? 'failed' : 'refused',
      at: now(),
      userId,
      status: f.status,
      code: f.code,
      message: f.message.slice(0, 500),
    };
    return { record, reason: reasonOf(f) };
  }
}

/** 403: the permission is missing; 404: no such user; anything else: see the install record. */
function reasonOf(f: InstallFailure): UnreachableReason {
  if (f.transient) return 'installFailed';
  if (f.status === 403) return 'installForbidden';
  if (f.status === 404) return 'noSuchUser';
  return 'installFailed';
}

function asFailure(e: unknown): InstallFailure {
  if (typeof e === 'object' && e !== null && 'transient' in e && 'status' in e)
    return e as InstallFailure;
  const message = e instanceof Error ? e.message : String(e);
  return { status: 0, code: 'Unexpected', message, transient: false };
}

/**
 * The items on the admin's list whose user now has a personal chat with the bot (the install
 * went through and Teams told the bot, or they opened it themselves) become items to ask.
 */
export async function markReachable(deps: ReachDeps, chatUserIds: string[]): Promise<number> {
  const open = await deps.store.open();
  if (!open || !open.ready || chatUserIds.length === 0) return 0;
  const chats = new Set(chatUserIds.map((id) => id.toLowerCase()));
  const waiting = await deps.store.items(open._id, {
    state: 'unreachable',
    unreachableReason: { $in: ['noTeams', 'toInstall', 'installPending'] },
    aadObjectId: { $ne: null },
  });
  const ids = waiting.filter((i) => chats.has(i.aadObjectId!.toLowerCase())).map((i) => i._id);
  await deps.store.markReachable(ids, deps.now());
  return ids.length;
}

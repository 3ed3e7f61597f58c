import type { UnreachableReason } from './stocktake-types';

/** A device in scope, as the plan needs it. */
export interface PlanDevice {
  assetNumber: string;
  user: string | null;
  model: string | null;
  serialNumber: string | null;
}

/** A person of the people directory, as the plan resolves 利用者 names to accounts. */
export interface DirectoryPerson {
  upn: string | null;
  mail: string | null;
  displayName: string | null;
  personId: string;
  aadObjectId: string | null;
  department: string | null;
}

/** Who a 利用者 is: their principal name and what the directory knows of them. */
export interface ResolvedUser {
  upn: string;
  aadObjectId: string | null;
  displayName: string | null;
  department: string | null;
}

/** One user to ask, with their devices. */
export interface PlannedAsk<D extends PlanDevice = PlanDevice> {
  user: ResolvedUser;
  /** 利用者 as written on the devices (the first one, when they differ). */
  written: string;
  devices: D[];
}

export interface PlannedUnreachable<D extends PlanDevice = PlanDevice> {
  device: D;
  reason: UnreachableReason;
  /** The resolved user when the name was understood (reason noTeams). */
  user: ResolvedUser | null;
}

export interface StocktakePlan<D extends PlanDevice = PlanDevice> {
  asks: PlannedAsk<D>[];
  unreachable: PlannedUnreachable<D>[];
}

/** An e-mail-like principal name: one @, a dotted domain, no spaces. */
const UPN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Spaces (full or half width) ignored, case folded: how a typed name is compared. */
export function nameKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Looks a 利用者 up: by UPN, mail, person id or display name; a name two people share is ambiguous. */
export class DirectoryIndex {
  private readonly byKey = new Map<string, DirectoryPerson[]>();

  constructor(people: DirectoryPerson[]) {
    for (const p of people) {
      const keys = new Set(
        [p.upn, p.mail, p.personId, p.displayName].filter((k): k is string => !!k).map(nameKey),
      );
      for (const k of keys) this.byKey.set(k, [...(this.byKey.get(k) ?? []), p]);
    }
  }

  resolve(written: string): ResolvedUser | 'notUpn' | 'ambiguousName' {
    const found = this.byKey.get(nameKey(written)) ?? [];
    const withUpn = found.filter((p) => p.upn);
    if (withUpn.length > 1) return 'ambiguousName';
    if (withUpn.length === 1) {
      const p = withUpn[0];
      return {
        upn: p.upn!.toLowerCase(),
        aadObjectId: p.aadObjectId,
        displayName: p.displayName,
        department: p.department,
      };
    }
    const trimmed = written.trim();
    if (!UPN.test(trimmed)) return 'notUpn';
    return { upn: trimmed.toLowerCase(), aadObjectId: null, displayName: null, department: null };
  }
}

/**
 * Plans a stocktake (pure): the devices grouped by their 利用者 into one ask per user, and the
 * devices that cannot be asked with the reason (no 利用者, a name that is no principal name and
 * not in the directory, a name two people share, a user Daicho cannot reach in Teams).
 * `reachable` holds the lower-case principal names the caller can reach.
 */
export function planStocktake<D extends PlanDevice>(
  devices: D[],
  directory: DirectoryIndex,
  reachable: ReadonlySet<string>,
): StocktakePlan<D> {
  const asks = new Map<string, PlannedAsk<D>>();
  const unreachable: PlannedUnreachable<D>[] = [];
  const sorted = [...devices].sort((a, b) => a.assetNumber.localeCompare(b.assetNumber));
  for (const device of sorted) {
    const written = device.user?.trim() ?? '';
    if (!written) {
      unreachable.push({ device, reason: 'noUser', user: null });
      continue;
    }
    const user = directory.resolve(written);
    if (typeof user === 'string') {
      unreachable.push({ device, reason: user, user: null });
      continue;
    }
    if (!reachable.has(user.upn)) {
      unreachable.push({ device, reason: 'noTeams', user });
      continue;
    }
    const ask: PlannedAsk<D> = asks.get(user.upn) ?? { user, written, devices: [] };
    ask.devices.push(device);
    asks.set(user.upn, ask);
  }
  return {
    asks: [...asks.values()].sort((a, b) => a.user.upn.localeCompare(b.user.upn)),
    unreachable,
  };
}

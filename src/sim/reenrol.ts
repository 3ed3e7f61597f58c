import { randomUUID } from 'node:crypto';
import type { RawManagedDevice } from './fixtures-intune';
import type { RawJamfComputer, RawJamfMobileDevice } from './fixtures-jamf';

/**
 * Re-enrolment, as the MDMs do it: a device is wiped and enrolled again, and comes back as a new
 * record with a new id and the same serial number. Tests and the demo change a simulator's
 * tenant with these (the simulators list whatever their state holds, in its order).
 */
export interface ReenrolOptions {
  /** When the device enrolled again (ISO 8601); also its first check-in. Default: now. */
  at?: string;
  /** The new record's id; default: a fresh one (Intune: a UUID; Jamf: the next number). */
  newId?: string;
  /**
   * Keep the old enrolment listed beside the new one (Intune keeps a wiped device's record until
   * someone deletes it or a clean-up rule removes it). Default: the old record is gone.
   */
  keepOld?: boolean;
  /** The new enrolment's user (login part of the UPN / Jamf username); null for nobody. */
  user?: { login: string; displayName?: string } | null;
  /** Mail domain for `user`. */
  domain?: string;
}

function indexOf<T>(list: T[], match: (d: T) => boolean, what: string): number {
  const i = list.findIndex(match);
  if (i < 0) throw new Error(`no ${what} to re-enrol`);
  return i;
}

/**
 * Intune: a new managedDevice (new id, new Entra device id, enrolled and last synced `at`), same
 * serial number, model and name; the old one leaves unless `keepOld`. Returns the new record.
 */
export function reenrolIntuneDevice(
  devices: RawManagedDevice[],
  id: string,
  options: ReenrolOptions = {},
): RawManagedDevice {
  const i = indexOf(devices, (d) => d.id === id, `managedDevice ${id}`);
  const at = options.at ?? new Date().toISOString();
  const next: RawManagedDevice = {
    ...devices[i],
    id: options.newId ?? randomUUID(),
    azureADDeviceId: randomUUID(),
    enrolledDateTime: at,
    lastSyncDateTime: at,
  };
  if (options.user !== undefined) {
    const upn = options.user ? `${options.user.login}@${options.domain ?? 'contoso.co.jp'}` : '';
    next.userPrincipalName = upn;
    next.emailAddress = upn;
    next.userDisplayName = options.user?.displayName ?? '';
    next.userId = options.user ? randomUUID() : '';
  }
  if (!options.keepOld) devices.splice(i, 1);
  devices.push(next);
  return next;
}

/**
 * Jamf Pro: a new computer record (the next id, a new management id, enrolled and last contact
 * `at`), same serial number and the same UDID (a Mac's hardware UUID does not change with a
 * wipe); the old record leaves unless `keepOld`. Returns the new record.
 */
export function reenrolJamfComputer(
  computers: RawJamfComputer[],
  id: string,
  options: ReenrolOptions = {},
): RawJamfComputer {
  const i = indexOf(computers, (d) => d.id === id, `computer ${id}`);
  const at = options.at ?? new Date().toISOString();
  const old = computers[i] as RawJamfComputer & { general?: Record<string, unknown> };
  const next: RawJamfComputer = {
    ...old,
    id: options.newId ?? nextId(computers.map((c) => c.id)),
    general: {
      ...old.general,
      lastEnrolledDate: at,
      lastContactTime: at,
      reportDate: at,
      initialEntryDate: at.slice(0, 10),
      managementId: randomUUID(),
    },
  };
  if (options.user !== undefined) next.userAndLocation = jamfUser(old, options, 'email');
  if (!options.keepOld) computers.splice(i, 1);
  computers.push(next);
  return next;
}

/** Jamf Pro: the same for a mobile device record (mobileDeviceId). */
export function reenrolJamfMobileDevice(
  devices: RawJamfMobileDevice[],
  id: string,
  options: ReenrolOptions = {},
): RawJamfMobileDevice {
  const i = indexOf(devices, (d) => d.mobileDeviceId === id, `mobile device ${id}`);
  const at = options.at ?? new Date().toISOString();
  const old = devices[i] as RawJamfMobileDevice & { general?: Record<string, unknown> };
  const next: RawJamfMobileDevice = {
    ...old,
    mobileDeviceId: options.newId ?? nextId(devices.map((d) => d.mobileDeviceId)),
    general: { ...old.general, lastEnrolledDate: at, lastInventoryUpdateDate: at },
  };
  if (options.user !== undefined) next.userAndLocation = jamfUser(old, options, 'emailAddress');
  if (!options.keepOld) devices.splice(i, 1);
  devices.push(next);
  return next;
}

function jamfUser(
  old: Record<string, unknown>,
  options: ReenrolOptions,
  emailField: 'email' | 'emailAddress',
): Record<string, unknown> {
  const u = options.user;
  return {
    ...(old.userAndLocation as Record<string, unknown> | undefined),
    username: u?.login ?? '',
    [emailField]: u ? `${u.login}@${options.domain ?? 'contoso.co.jp'}` : '',
  };
}

/** Jamf gives a new record the next number. */
function nextId(ids: string[]): string {
  return String(ids.reduce((max, id) => Math.max(max, Number(id) || 0), 0) + 1);
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';
import type { RawManagedDevice } from './fixtures-intune';
import type { RawJamfComputer, RawJamfMobileDevice } from './fixtures-jamf';

export {
  generateIntuneDevices,
  INTUNE_EMPTY_DATE,
  MANAGED_DEVICE_PROPERTIES,
} from './fixtures-intune';
export type { IntuneFixtureOptions, RawManagedDevice } from './fixtures-intune';
export { generateJamfComputers, generateJamfMobileDevices } from './fixtures-jamf';
export type { JamfFixtureOptions, RawJamfComputer, RawJamfMobileDevice } from './fixtures-jamf';
export { PLACEHOLDER_SERIALS } from './fixtures-random';
export {
  reenrolIntuneDevice,
  reenrolJamfComputer,
  reenrolJamfMobileDevice,
  type ReenrolOptions,
} from './reenrol';

/** The raw API objects both simulators serve. */
export interface SimFixture {
  intune: { devices: RawManagedDevice[] };
  jamf: { computers: RawJamfComputer[]; mobileDevices: RawJamfMobileDevice[] };
}

/** The committed demo tenant (~30 devices); under src/ so the built CLI finds it too. */
export function demoFixturePath(): string {
  return path.join(projectRoot(), 'src', 'sim', 'fixtures', 'demo.json');
}

/**
 * Reads a fixture file: `{intune: {devices}, jamf: {computers, mobileDevices}}`, each part
 * optional. Records without their id are refused here, where the file name can be named.
 */
export function loadFixture(file: string): SimFixture {
  let parsed: Partial<{ intune: Partial<SimFixture['intune']>; jamf: Partial<SimFixture['jamf']> }>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (e) {
    throw new Error(`cannot read fixture ${file}: ${(e as Error).message}`, { cause: e });
  }
  const fixture: SimFixture = {
    intune: { devices: parsed.intune?.devices ?? [] },
    jamf: {
      computers: parsed.jamf?.computers ?? [],
      mobileDevices: parsed.jamf?.mobileDevices ?? [],
    },
  };
  const missing = [
    ...missingIds(fixture.intune.devices, 'id', 'intune.devices'),
    ...missingIds(fixture.jamf.computers, 'id', 'jamf.computers'),
    ...missingIds(fixture.jamf.mobileDevices, 'mobileDeviceId', 'jamf.mobileDevices'),
  ];
  if (missing.length > 0)
    throw new Error(`fixture ${file}: missing ${missing.slice(0, 5).join(', ')}`);
  return fixture;
}

function missingIds(records: object[], key: string, where: string): string[] {
  return records.flatMap((record, i) =>
    typeof (record as Record<string, unknown> | null)?.[key] === 'string'
      ? []
      : [`${where}[${i}].${key}`],
  );
}

import { loadConfig } from '../../src/config/config';
import type { MdmProvider } from '../../src/ledger/device';
import { createLogger } from '../../src/log';
import type { GraphSimOptions } from '../../src/sim/graph-sim';
import type { JamfSimOptions } from '../../src/sim/jamf-sim';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { createServices, type Services } from '../../src/services';
import type { LinkService } from '../../src/sync/link-service';
import { createIntuneSource } from '../../src/sync/sources/intune';
import { createJamfSource } from '../../src/sync/sources/jamf';
import type { SyncService } from '../../src/sync/sync-service';
import { ROOT } from './cli';
import type { TestDb } from './test-db';

export interface SyncHarness {
  sims: Simulators;
  /** The product's services on the test database, with the simulators' config. */
  services: Services;
  sync: SyncService;
  links: LinkService;
  admin: { by: string };
  close(): Promise<void>;
}

/**
 * The real sync (real Graph / Jamf client code, real credential flow) against the local https
 * simulators and the real wire-protocol database. Only the retry delays are shortened.
 */
export async function syncHarness(
  t: TestDb,
  options: {
    graph?: GraphSimOptions | false;
    jamf?: JamfSimOptions | false;
    safetyLimitPercent?: number;
  } = {},
): Promise<SyncHarness> {
  const dataDir = process.env.TEST_SIM_DATA_DIR;
  if (!dataDir) throw new Error('TEST_SIM_DATA_DIR is not set: run through jest (global-setup)');
  const sims = await startSimulators({
    dataDir,
    graph: options.graph ?? {},
    jamf: options.jamf ?? false,
  });
  const config = loadConfig(
    { ...sims.env, MONGODB_URI: t.uri, MONGODB_DB: t.name, SYNC_SCHEDULE: 'off' },
    ROOT,
  );
  const log = createLogger('silent');
  const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5000 } };
  const sources = (p: MdmProvider) =>
    p === 'intune'
      ? createIntuneSource(config.intune!, 2000, log, fast)
      : createJamfSource(config.jamf!, 2000, log, fast);
  const services = await createServices(config, {
    db: t.db,
    log,
    sources,
    safetyLimit: options.safetyLimitPercent ?? 20,
  });
  const { sync, links } = services;
  return { sims, services, sync, links, admin: { by: 'test:admin' }, close: () => sims.close() };
}

/** A managedDevice as Graph returns it, with the fields the sync reads. */
export function rawIntuneDevice(
  over: Record<string, unknown> & { id: string },
): Record<string, unknown> {
  return {
    deviceName: `PC-${over.id}`,
    serialNumber: `SN-${over.id}`,
    operatingSystem: 'Windows',
    osVersion: '10.0.22631.4460',
    manufacturer: 'LENOVO',
    model: '21HM',
    userPrincipalName: 'taro.yamada@contoso.co.jp',
    emailAddress: 'taro.yamada@contoso.co.jp',
    enrolledDateTime: '2024-04-01T09:00:00Z',
    lastSyncDateTime: '2025-11-20T09:00:00Z',
    totalStorageSpaceInBytes: 256060514304,
    deviceRegistrationState: 'registered',
    ...over,
  };
}

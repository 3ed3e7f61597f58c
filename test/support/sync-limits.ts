import { loadConfig } from '../../src/config/config';
import type { MdmProvider } from '../../src/ledger/device';
import { createLogger } from '../../src/log';
import { generateJamfComputers } from '../../src/sim/fixtures';
import type { RawJamfComputer } from '../../src/sim/fixtures-jamf';
import type { GraphSimOptions } from '../../src/sim/graph-sim';
import type { JamfSimOptions } from '../../src/sim/jamf-sim';
import { createServices } from '../../src/services';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { LinkService } from '../../src/sync/link-service';
import { createIntuneSource } from '../../src/sync/sources/intune';
import { createJamfSource } from '../../src/sync/sources/jamf';
import type { SyncService } from '../../src/sync/sync-service';
import { ROOT } from './cli';
import type { TestDb } from './test-db';

export interface LimitsHarness {
  sims: Simulators;
  sync: SyncService;
  links: LinkService;
  /** The environment the CLI would run with against these simulators and this database. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real sync against the simulators, with the safety limit as the server and the CLI build
 * it: from the configuration (SYNC_SAFETY_LIMIT_PERCENT, SYNC_SAFETY_LIMIT_MIN_DEVICES), not a
 * test's number. `pageSize` makes small fleets span several pages.
 */
export async function limitsHarness(
  t: TestDb,
  options: {
    graph?: GraphSimOptions | false;
    jamf?: JamfSimOptions | false;
    env?: Record<string, string>;
    pageSize?: number;
  },
): Promise<LimitsHarness> {
  const sims = await startSimulators({
    dataDir: process.env.TEST_SIM_DATA_DIR!,
    graph: options.graph ?? false,
    jamf: options.jamf ?? false,
  });
  const env = {
    ...sims.env,
    MONGODB_URI: t.uri,
    MONGODB_DB: t.name,
    SYNC_SCHEDULE: 'off',
    DAICHO_LOCALE: 'en',
    ...options.env,
  };
  const config = loadConfig(env, ROOT);
  const log = createLogger('silent');
  const fast = {
    retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 },
    pageSize: options.pageSize,
  };
  const sources = (p: MdmProvider) =>
    p === 'intune'
      ? createIntuneSource(config.intune!, 2000, log, fast)
      : createJamfSource(config.jamf!, 2000, log, fast);
  // The safety limit as createServices builds it for the server and the CLI: from the config.
  const { sync } = await createServices(config, { db: t.db, log, sources });
  const links = new LinkService(t.ledger, sync, () => true);
  return { sims, sync, links, env, close: () => sims.close() };
}

/** Jamf computers with distinct serials and a user each, so every one links and counts. */
export function jamfFleet(n: number): RawJamfComputer[] {
  return generateJamfComputers(n, 11).map((c, i) => {
    const raw = c as unknown as Record<string, Record<string, unknown>>;
    raw.hardware.serialNumber = `JS-${String(i + 1).padStart(3, '0')}`;
    raw.userAndLocation = { ...raw.userAndLocation, username: `user${i + 1}` };
    return c;
  });
}

export function setJamfUser(c: RawJamfComputer, username: string): void {
  const raw = c as unknown as Record<string, Record<string, unknown>>;
  raw.userAndLocation = { ...raw.userAndLocation, username };
}

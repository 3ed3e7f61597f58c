import pino, { type Logger } from 'pino';
import type { IntuneConfig, JamfConfig } from '../../src/config/config';
import { startSimulators, type Simulators, type SimulatorsOptions } from '../../src/sim/sim-server';
import type { MdmDevice, MdmSource } from '../../src/sync/mdm-device';
import { ensureSimCertificateTrusted, SIM_TEST_DATA_DIR } from './sim-certs';

/** Starts the simulators with the test certificate (made by global-setup). */
export async function startTestSimulators(
  options: Omit<SimulatorsOptions, 'dataDir'> = {},
): Promise<Simulators> {
  const sims = await startSimulators({ dataDir: SIM_TEST_DATA_DIR, ...options });
  const port = sims.graph?.port ?? sims.jamf?.port;
  if (port !== undefined) await ensureSimCertificateTrusted(port);
  return sims;
}

/** What config.ts would build from the simulators' env settings. */
export function intuneConfigFor(sims: Simulators, secret?: string): IntuneConfig {
  const env = sims.env;
  return {
    tenantId: env.AZURE_TENANT_ID,
    clientId: env.AZURE_CLIENT_ID,
    auth: { kind: 'secret', secret: secret ?? env.AZURE_CLIENT_SECRET },
    authorityHost: env.AZURE_AUTHORITY_HOST,
    graphBaseUrl: env.GRAPH_BASE_URL,
  };
}

export function jamfConfigFor(sims: Simulators, secret?: string): JamfConfig {
  const env = sims.env;
  return {
    url: env.JAMF_URL,
    clientId: env.JAMF_CLIENT_ID,
    clientSecret: secret ?? env.JAMF_CLIENT_SECRET,
  };
}

/** Back-off small enough for tests; the retry rules themselves are the production ones. */
export const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100 };

/** A pino logger whose records a test can read. */
export function recordingLogger(): { log: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => void records.push(JSON.parse(line)) },
  );
  return { log, records };
}

/** Reads a source to the end, as the sync runner does. */
export async function readAll(source: MdmSource): Promise<MdmDevice[][]> {
  const pages: MdmDevice[][] = [];
  for await (const page of source.devices()) pages.push(page);
  return pages;
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection, but it resolved');
}

/** Waits (up to `ms`) for `check` to pass: a simulator logs an aborted request when its socket closes, a moment after the client gave up. */
export async function eventually(check: () => void, ms = 1000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

import type { TokenCredential } from '@azure/identity';
import { graphClient, graphFailure } from '../../mdm/graph-client';
import { withTimeout } from '../../mdm/retry';

/** The one Graph call of the self-test: is one managed device visible to this app? */
export const PROBE_PATH = '/deviceManagement/managedDevices?$select=id&$top=1';

/**
 * GET managedDevices with `$top=1` through the same Graph client set-up as the Intune source
 * (sync/sources/intune.ts): the credential's token, our own retries (no RetryHandler), and the
 * custom host without which the client sends no token to a non-Graph host such as the simulator.
 * Resolves to the number of devices in the answer (0 or 1).
 */
export function createManagedDevicesProbe(
  graphBaseUrl: string,
  credential: TokenCredential,
  scope: string,
): (timeoutMs: number) => Promise<number> {
  const client = graphClient(graphBaseUrl, credential, scope);
  return (timeoutMs) =>
    withTimeout(timeoutMs, 'Graph managedDevices', async (signal) => {
      let page: { value?: unknown[] };
      try {
        page = (await client.api(PROBE_PATH).option('signal', signal).get()) as typeof page;
      } catch (e) {
        throw signal.aborted ? e : graphFailure(e);
      }
      return Array.isArray(page?.value) ? page.value.length : 0;
    });
}

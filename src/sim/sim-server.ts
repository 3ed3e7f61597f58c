import path from 'node:path';
import { startGraphSim, type GraphSim, type GraphSimOptions } from './graph-sim';
import { startJamfSim, type JamfSim, type JamfSimOptions } from './jamf-sim';
import { ensureSimCertificate } from './tls';

export interface SimulatorsOptions {
  /** The certificate lives in `<dataDir>/sim` and is reused across starts. */
  dataDir: string;
  /** Start the Graph simulator (default: yes). `false` leaves it off. */
  graph?: GraphSimOptions | false;
  /** Start the Jamf simulator (default: yes). `false` leaves it off. */
  jamf?: JamfSimOptions | false;
}

export interface Simulators {
  graph: GraphSim | undefined;
  jamf: JamfSim | undefined;
  /**
   * What a Daicho process needs to talk to these simulators. NODE_EXTRA_CA_CERTS only works
   * when it is in the environment as that process starts.
   */
  env: Record<string, string>;
  certPath: string;
  close(): Promise<void>;
}

/** Starts the local Graph and Jamf Pro simulators over https with one self-signed certificate. */
export async function startSimulators(options: SimulatorsOptions): Promise<Simulators> {
  const tls = await ensureSimCertificate(path.join(options.dataDir, 'sim'));
  const graph = options.graph === false ? undefined : await startGraphSim(tls, options.graph ?? {});
  let jamf: JamfSim | undefined;
  try {
    jamf = options.jamf === false ? undefined : await startJamfSim(tls, options.jamf ?? {});
  } catch (e) {
    await graph?.close();
    throw e;
  }
  const env: Record<string, string> = { NODE_EXTRA_CA_CERTS: tls.certPath };
  if (graph) {
    Object.assign(env, {
      AZURE_AUTHORITY_HOST: graph.url,
      GRAPH_BASE_URL: graph.url,
      AZURE_TENANT_ID: graph.state.tenantId,
      AZURE_CLIENT_ID: graph.state.clientId,
      AZURE_CLIENT_SECRET: graph.state.clientSecret,
    });
  }
  if (jamf) {
    Object.assign(env, {
      JAMF_URL: jamf.url,
      JAMF_CLIENT_ID: jamf.state.clientId,
      JAMF_CLIENT_SECRET: jamf.state.clientSecret,
    });
  }
  return {
    graph,
    jamf,
    env,
    certPath: tls.certPath,
    close: async () => {
      await Promise.all([graph?.close(), jamf?.close()]);
    },
  };
}

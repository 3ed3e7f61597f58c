import type { Config } from '../../config/config';
import { DaichoError } from '../../errors';
import type { MdmProvider } from '../../ledger/device';
import type { Logger } from '../../log';
import type { MdmSource } from '../mdm-device';
import { createIntuneSource } from './intune';
import { createJamfSource } from './jamf';

export type SourceFactory = (provider: MdmProvider) => MdmSource;

/** The real Graph / Jamf clients, from the configured credentials. */
export function sourceFactory(config: Config, log: Logger): SourceFactory {
  return (provider) => {
    if (provider === 'intune') {
      if (!config.intune) throw noCredentials(provider);
      return createIntuneSource(config.intune, config.mdmRequestTimeoutMs, log);
    }
    if (!config.jamf) throw noCredentials(provider);
    return createJamfSource(config.jamf, config.mdmRequestTimeoutMs, log);
  };
}

function noCredentials(provider: MdmProvider): DaichoError {
  const variables =
    provider === 'intune'
      ? 'AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET'
      : 'JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET';
  return new DaichoError('NO_CREDENTIALS', 'link.noCredentials', { provider, variables });
}

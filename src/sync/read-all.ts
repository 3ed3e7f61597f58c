import { DaichoError } from '../errors';
import { MdmReadError, type MdmDevice, type MdmSource } from './mdm-device';
import { IncompleteReadError } from './sources/stated-total';

/**
 * Reads every page before anything is written: a read that fails part way returns nothing, so
 * a run never applies half of an MDM. Nor one that brought fewer devices than the MDM stated
 * it has (the source checks): the unread ones would be flagged missing.
 */
export async function readAllDevices(
  source: MdmSource,
  onPage: (read: number) => void = () => undefined,
): Promise<MdmDevice[]> {
  const all: MdmDevice[] = [];
  try {
    for await (const page of source.devices()) {
      all.push(...page);
      onPage(all.length);
    }
  } catch (e) {
    if (e instanceof IncompleteReadError)
      throw new DaichoError(
        'MDM_READ_FAILED',
        'sync.readIncomplete',
        {
          provider: source.provider,
          listing: e.listing,
          stated: e.stated,
          read: e.read,
          reason: e.message,
        },
        { cause: e },
      );
    const status = e instanceof MdmReadError ? e.status : undefined;
    const requestId = e instanceof MdmReadError ? e.requestId : undefined;
    throw new DaichoError(
      'MDM_READ_FAILED',
      'sync.readFailed',
      {
        provider: source.provider,
        reason: (e as Error).message,
        status: status ?? '-',
        requestId: requestId ?? '-',
      },
      { cause: e },
    );
  }
  return all;
}

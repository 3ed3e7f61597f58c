import { DaichoError } from '../errors';
import type { StocktakeDoc } from './stocktake-types';

/** Another stocktake is open: one at a time. */
export function alreadyOpen(open?: StocktakeDoc): DaichoError {
  return new DaichoError('STOCKTAKE_STATE', 'stocktake.alreadyOpen', {
    id: open?._id ?? '?',
    deadline: open?.deadlineDay ?? '?',
  });
}

/** The stocktake was closed already (by whom, when). */
export function alreadyClosed(s: StocktakeDoc): DaichoError {
  return new DaichoError('STOCKTAKE_STATE', 'stocktake.alreadyClosed', {
    id: s._id,
    closedAt: s.closedAt?.toISOString() ?? '-',
    closedBy: s.closedBy ?? '-',
  });
}

import { ObjectId } from 'mongodb';
import { stocktakeAlert, type Alerts } from '../alerts';
import type { LedgerService } from '../ledger/ledger-service';
import { answerRefusal, isRefusal, parseAnswerInput, type Refusal } from './answer-rules';
import type { StocktakeStore } from './stocktake-store';
import type {
  StocktakeAnswer,
  StocktakeDoc,
  StocktakeIdentity,
  StocktakeItemDoc,
} from './stocktake-types';

/** What the answer path needs from the service. */
export interface AnswerDeps {
  store: StocktakeStore;
  ledger: LedgerService;
  alerts: Pick<Alerts, 'raise'>;
  now: () => Date;
  /** The stocktake, closed first when its deadline passed. */
  find(id?: string): Promise<StocktakeDoc>;
}

/** The item as it is after the answer, or why nothing was written. */
export type AnswerOutcome =
  | { ok: true; item: StocktakeItemDoc; stocktake: StocktakeDoc }
  | { ok: false; refusal: Refusal; item: StocktakeItemDoc | null };

const refused = (refusal: Refusal, item: StocktakeItemDoc | null = null): AnswerOutcome => ({
  ok: false,
  refusal,
  item,
});

/** The item by its id as a card sent it: anything but a 24-digit hex id finds nothing. */
async function itemOf(deps: AnswerDeps, id: ObjectId | string): Promise<StocktakeItemDoc | null> {
  if (typeof id !== 'string') return deps.store.item(id);
  return /^[0-9a-f]{24}$/i.test(id) ? deps.store.item(new ObjectId(id)) : null;
}

/**
 * One answer: checked (stocktake open and before its deadline, the person is the asked user or
 * an admin, the input is one of the answers with a bounded note), then recorded in the ledger
 * (only while the device's 利用者 is still the one asked; otherwise the item is marked
 * `changedHands` for the admin), kept on the item (every answer, the last one counts), and a
 * lost or not-mine device raises an alert.
 */
export async function answerItem(
  deps: AnswerDeps,
  who: StocktakeIdentity,
  itemId: ObjectId | string,
  raw: Record<string, unknown>,
): Promise<AnswerOutcome> {
  const item = await itemOf(deps, itemId);
  if (!item) return refused({ key: 'stocktake.itemNotFound', params: {} });
  const stocktake = await deps.find(item.stocktakeId);
  const now = deps.now();
  const refusal = answerRefusal(stocktake, item, who, now);
  if (refusal) return refused(refusal, item);
  const input = parseAnswerInput(raw);
  if (isRefusal(input)) return refused(input, item);
  const answer: StocktakeAnswer = { result: input.result, note: input.note, by: who.by, at: now };
  const recorded = await deps.ledger.stocktake.recordAnswer(
    item.deviceId,
    item.user,
    { id: stocktake._id, ...answer },
    { by: who.by },
  );
  if (recorded !== 'recorded') {
    if (recorded === 'changedHands') await deps.store.markChangedHands(item._id, now);
    const key =
      recorded === 'changedHands' ? 'stocktake.answer.changedHands' : 'stocktake.answer.gone';
    return refused({ key, params: { assetNumber: item.assetNumber } }, item);
  }
  const proposal = input.proposedSerial
    ? { serial: input.proposedSerial, by: who.by, at: now, acceptedBy: null, acceptedAt: null }
    : null;
  const updated = (await deps.store.recordAnswer(item._id, answer, proposal)) ?? item;
  if (answer.result === 'lost' || answer.result === 'notMine') {
    await deps.alerts.raise([
      stocktakeAlert(
        {
          stocktakeId: stocktake._id,
          assetNumber: item.assetNumber,
          result: answer.result,
          user: item.user,
          answeredBy: who.by,
          note: answer.note,
          proposedSerial: proposal?.serial ?? null,
          nextSteps:
            answer.result === 'lost'
              ? ['markLost', 'replace', 'reassign']
              : ['reassign', 'markLost'],
        },
        now,
      ),
    ]);
  }
  return { ok: true, item: updated, stocktake };
}

/**
 * An admin accepts the serial number a user proposed: written to the device through the ledger
 * (history rule `stocktake-serial`), unless the serial changed since the stocktake read it.
 */
export async function acceptSerialProposal(
  deps: AnswerDeps,
  who: StocktakeIdentity,
  itemId: ObjectId | string,
): Promise<AnswerOutcome> {
  if (!who.admin) return refused({ key: 'stocktake.adminOnly', params: {} });
  const item = await itemOf(deps, itemId);
  if (!item) return refused({ key: 'stocktake.itemNotFound', params: {} });
  const proposal = item.proposedSerial;
  if (!proposal || proposal.acceptedAt)
    return refused(
      { key: 'stocktake.noProposal', params: { assetNumber: item.assetNumber } },
      item,
    );
  const stocktake = await deps.find(item.stocktakeId);
  const now = deps.now();
  const written = await deps.ledger.stocktake.acceptSerial(
    item.deviceId,
    item.serialNumber,
    proposal.serial,
    { by: who.by },
    now,
  );
  if (!written) {
    // Deleted meanwhile, or its serial changed since the user proposed one: nothing written.
    const gone = (await deps.ledger.devicesWhere({ _id: item.deviceId })).length === 0;
    const key = gone ? 'stocktake.serialGone' : 'stocktake.serialChanged';
    return refused({ key, params: { assetNumber: item.assetNumber } }, item);
  }
  await deps.store.markProposalAccepted(item._id, who.by, now);
  return { ok: true, item: (await deps.store.item(item._id)) ?? item, stocktake };
}

/** The items of a stocktake with a serial-number proposal no admin accepted yet. */
export async function pendingProposals(
  deps: AnswerDeps,
  id?: string,
): Promise<{ stocktake: StocktakeDoc; items: StocktakeItemDoc[] }> {
  const stocktake = await deps.find(id);
  const items = await deps.store.items(stocktake._id, { proposedSerial: { $ne: null } });
  return {
    stocktake,
    items: items.filter((i) => i.proposedSerial && !i.proposedSerial.acceptedAt),
  };
}

/** An admin accepts the pending proposal for a device, named by its asset number. */
export async function acceptSerialOf(
  deps: AnswerDeps,
  who: StocktakeIdentity,
  assetNumber: string,
  id?: string,
): Promise<AnswerOutcome> {
  const wanted = assetNumber.trim().toUpperCase();
  const { items } = await pendingProposals(deps, id);
  const item = items.find((i) => i.assetNumber.toUpperCase() === wanted);
  if (!item)
    return refused({ key: 'stocktake.noProposal', params: { assetNumber: assetNumber.trim() } });
  return acceptSerialProposal(deps, who, item._id);
}

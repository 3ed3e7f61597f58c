import type { StocktakePlan } from './plan';
import type { ScopedDevice } from './stocktake-service';
import type { NewItem } from './stocktake-store';
import type { StocktakeDoc } from './stocktake-types';

/** The items of a planned stocktake: asked devices, then those on the admin's list. */
export function itemsOf(s: StocktakeDoc, plan: StocktakePlan<ScopedDevice>, at: Date): NewItem[] {
  const item = (device: ScopedDevice) => ({
    stocktakeId: s._id,
    deviceId: device._id,
    assetNumber: device.assetNumber,
    user: device.user,
    model: device.model,
    serialNumber: device.serialNumber,
    askedAt: null,
    remindedAt: null,
    updatedAt: at,
  });
  const asked: NewItem[] = plan.asks.flatMap((a) =>
    a.devices.map((d) => ({
      ...item(d),
      upn: a.user.upn,
      aadObjectId: a.user.aadObjectId,
      displayName: a.user.displayName,
      department: a.user.department,
      state: 'toAsk' as const,
      unreachableReason: null,
    })),
  );
  const listed: NewItem[] = plan.unreachable.map((u) => ({
    ...item(u.device),
    upn: u.user?.upn ?? null,
    aadObjectId: u.user?.aadObjectId ?? null,
    displayName: u.user?.displayName ?? null,
    department: u.user?.department ?? null,
    state: 'unreachable' as const,
    unreachableReason: u.reason,
  }));
  return [...asked, ...listed];
}

import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { VARIABLES } from '../../src/config/variables';
import { changedPercent, shouldHold } from '../../src/sync/safety-limit';

describe('sync safety limit: held only when the count AND the share are over', () => {
  const defaults = { percent: 20, minDevices: 10 };
  it.each([
    // [changed, synced, limit, held, why]
    [1, 2, defaults, false, 'one of two devices changes hands: 50 %, but one device'],
    [1, 20, defaults, false, 'one of twenty goes missing'],
    [9, 20, defaults, false, '45 %, but nine devices: under the count'],
    [10, 20, defaults, true, 'ten devices, 50 %: both over'],
    [10, 50, defaults, false, 'ten devices, but exactly 20 %: the share must be over'],
    [11, 50, defaults, true, 'eleven of fifty: 22 %'],
    [100, 1000, defaults, false, 'a hundred devices, but 10 % of a large fleet'],
    [201, 1000, defaults, true, 'a mass change in a large fleet'],
    [10, 0, defaults, false, 'nothing synced before (the first link) is never held'],
    [0, 0, { percent: 0, minDevices: 0 }, false, 'nothing changes, nothing synced'],
    [0, 5, { percent: 0, minDevices: 0 }, false, 'no change is never over the share'],
    [1, 2, { percent: 20, minDevices: 0 }, true, 'min 0: the share alone, as before'],
    [3, 10, { percent: 20, minDevices: 0 }, true, 'min 0: 30 % of ten'],
    [2, 10, { percent: 20, minDevices: 0 }, false, 'min 0: 20 % is not over 20 %'],
    [1, 2, { percent: 20, minDevices: 1 }, true, 'min 1: any change over the share'],
    [50, 50, { percent: 100, minDevices: 0 }, false, 'percent 100: never held'],
  ])('%i of %i synced, limit %j → held %s (%s)', (changed, synced, limit, held) => {
    expect(shouldHold({ changed, synced }, limit)).toBe(held);
  });

  it('the share is of the devices synced before the run', () => {
    expect(changedPercent({ changed: 3, synced: 10 })).toBe(30);
    expect(changedPercent({ changed: 3, synced: 0 })).toBe(0);
  });
});

describe('SYNC_SAFETY_LIMIT_MIN_DEVICES', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'daicho-safety-'));
  mkdirSync(path.join(root, 'env'));
  const load = (value?: string) =>
    loadConfig(value === undefined ? {} : { SYNC_SAFETY_LIMIT_MIN_DEVICES: value }, root);

  it('is documented in the variables table with its default', () => {
    const spec = VARIABLES.find((v) => v.name === 'SYNC_SAFETY_LIMIT_MIN_DEVICES');
    expect(spec).toMatchObject({ defaultText: '10' });
    expect(spec!.description).toMatch(/SYNC_SAFETY_LIMIT_PERCENT/);
  });

  it('defaults to 10 and takes 0 (the share alone) or any whole number', () => {
    expect(load().syncSafetyLimitMinDevices).toBe(10);
    expect(load('0').syncSafetyLimitMinDevices).toBe(0);
    expect(load('500').syncSafetyLimitMinDevices).toBe(500);
    expect(load().syncSafetyLimitPercent).toBe(20);
  });

  it.each(['-1', '2.5', 'ten'])('refuses %s, naming the variable', (value) => {
    expect(() => load(value)).toThrow(/SYNC_SAFETY_LIMIT_MIN_DEVICES/);
  });
});

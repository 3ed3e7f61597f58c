import { alertCardData, alertText } from '../../src/cards/alert';
import {
  LINK_PREVIEW_LIST_MAX,
  linkPreviewCardData,
  previewDevices,
} from '../../src/cards/link-preview';
import { renderCard } from '../../src/cards/render';
import { VERBS } from '../../src/cards/verbs';
import { serialMatcher } from '../../src/ledger/serial';
import type { SyncPreview } from '../../src/sync/summary';
import { LINK_SETTINGS as settings, verbsOf } from '../support/card-cases';
import * as s from '../support/card-samples';
import { validateCard } from '../support/card-validator';

const serialKey = serialMatcher();

/** A dry run of a fleet: `n` planned links and `n` new devices, no duplicates or conflicts. */
function fleet(n: number): SyncPreview {
  return {
    links: Array.from({ length: n }, (_, i) => ({
      assetNumber: `PC-${String(i).padStart(4, '0')}`,
      mdmDeviceId: `m-${i}`,
    })),
    creates: Array.from({ length: n }, (_, i) => ({
      mdmDeviceId: `n-${i}`,
      deviceName: `NEW-${i}`,
      serialNumber: `ｆｗ-${i}`,
      assetNumber: `SYS${String(i + 1).padStart(6, '0')}`,
      sysNumber: true,
    })),
    conflicts: [],
    duplicates: [],
    missing: [],
    changes: Array.from({ length: n }, (_, i) => ({
      assetNumber: `PC-${String(i).padStart(4, '0')}`,
      field: 'mdm.deviceName',
      old: null,
      new: `DESKTOP-${i}`,
      rule: 'mdm-only',
    })),
  };
}

const ledgerRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    assetNumber: `PC-${String(i).padStart(4, '0')}`,
    serialNumber: `c02ab-${i}`,
    serialKey: serialKey(`c02ab-${i}`),
    uuid: null,
  }));

describe('the link preview names every planned link and new device', () => {
  it('shows the first 20 of each, says how many more, and always offers the CSV', () => {
    const preview = fleet(25);
    const devices = previewDevices(preview, ledgerRows(25), serialKey);
    const data = linkPreviewCardData(settings, { counts: s.COUNTS, preview }, 'ja', devices);
    const [links, creates] = data.sections;
    expect(links.title).toBe('紐づける台帳のデバイス (25 台)');
    expect(links.lines).toHaveLength(LINK_PREVIEW_LIST_MAX);
    expect(links.lines[0].text).toBe('PC-0000 ↔ DESKTOP-0 / c02ab-0');
    expect(links.more).toBe('ほか 5 台 (すべて CSV にあります)');
    expect(creates.title).toBe('新しいデバイスとして取り込む MDM のデバイス (25 台)');
    expect(creates.lines).toHaveLength(20);
    // The serial as the MDM wrote it (full-width), not its folded matching form.
    expect(creates.lines[3].text).toBe('NEW-3 / ｆｗ-3 → 資産番号 SYS000004');
    const card = renderCard('link-preview', data);
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(verbsOf(card)).toEqual([VERBS.linkConfirm, VERBS.linkPreviewCsv, VERBS.linkCancel]);
  });

  it('offers the CSV and names the devices on a clean preview too (no duplicates, no conflicts)', () => {
    const preview = fleet(2);
    const data = linkPreviewCardData(settings, { counts: s.COUNTS, preview }, 'en');
    expect(data.sections.map((x) => x.title)).toEqual([
      'Ledger devices to link (2)',
      'MDM devices to add as new devices (2)',
    ]);
    expect(data.sections[0].lines[1].text).toBe('PC-0001 ↔ DESKTOP-1');
    expect(verbsOf(renderCard('link-preview', data))).toContain(VERBS.linkPreviewCsv);
  });

  it('lists the re-links (re-enrolled devices taking over their ledger device) on their own', () => {
    const preview: SyncPreview = {
      ...fleet(1),
      relinks: [
        {
          assetNumber: 'PC-0042',
          serialNumber: 'Ｃ02RE',
          oldMdmId: 'old-1',
          newMdmId: 'new-1',
          deviceName: 'MBP-NEW',
        },
      ],
    };
    const data = linkPreviewCardData(
      settings,
      { counts: s.COUNTS, preview },
      'ja',
      previewDevices(preview, [], serialKey),
    );
    expect(data.sections.map((x) => [x.title, x.lines.map((l) => l.text)])).toEqual([
      ['紐づける台帳のデバイス (1 台)', ['PC-0000 ↔ DESKTOP-0']],
      ['再登録として紐づけ直す台帳のデバイス (1 台)', ['PC-0042 ↔ MBP-NEW / Ｃ02RE']],
      [
        '新しいデバイスとして取り込む MDM のデバイス (1 台)',
        ['NEW-0 / ｆｗ-0 → 資産番号 SYS000001'],
      ],
    ]);
  });

  it('lists new enrolments waiting for their old enrolment to leave, as not added', () => {
    const mdm = (deviceId: string, deviceName: string) => ({
      deviceId,
      deviceName,
      enrolledAt: null,
      lastCheckInAt: null,
      user: null,
    });
    const preview: SyncPreview = {
      ...fleet(0),
      reenrolments: [
        {
          ledgerId: 'l-1',
          assetNumber: 'PC-0044',
          matchKey: 'serial',
          keyValue: 'sn-w4',
          keyText: 'SN-W4',
          oldMdm: mdm('old-4', 'DESKTOP-OLD'),
          newMdm: mdm('new-4', 'DESKTOP-NEW'),
        },
      ],
    };
    const data = linkPreviewCardData(settings, { counts: s.COUNTS, preview }, 'ja');
    expect(data.sections.map((x) => [x.title, x.lines.map((l) => l.text)])).toEqual([
      [
        '再登録の待機中 (追加しません) (1 件)',
        [
          'DESKTOP-NEW: PC-0044 の再登録と思われます。旧登録 DESKTOP-OLD が MDM から消えると引き継ぎます',
        ],
      ],
    ]);
    expect(validateCard(renderCard('link-preview', data))).toEqual([]);
  });

  it('shows a duplicate’s serial as written, not folded', () => {
    const preview: SyncPreview = {
      ...fleet(0),
      duplicates: [
        {
          side: 'mdm',
          matchKey: 'serial',
          keyValue: serialKey(' Ｃ02xyZ ')!,
          mdmDevices: [
            { deviceId: 'a', deviceName: 'A', enrolledAt: null, lastCheckInAt: null, user: null },
            { deviceId: 'b', deviceName: 'B', enrolledAt: null, lastCheckInAt: null, user: null },
          ],
          assetNumbers: ['PC-9'],
        },
      ],
    };
    const ledger = [
      { assetNumber: 'PC-9', serialNumber: 'Ｃ02xyZ', serialKey: serialKey('Ｃ02xyZ'), uuid: null },
    ];
    const data = linkPreviewCardData(
      settings,
      { counts: s.COUNTS, preview },
      'en',
      previewDevices(preview, ledger, serialKey),
    );
    const line = data.sections[0].lines[0].text;
    expect(line).toContain('"Ｃ02xyZ"');
    expect(line).not.toContain('c02xyz');
  });
});

describe('the alert card of a duplicate inside the MDM', () => {
  const alert = s.alert('duplicate', {
    ...s.duplicate(0, 3),
    keyValue: 'c02dup0',
    assetNumbers: ['PC-0'],
  });
  const viewed = {
    ...alert,
    payload: {
      ...alert.payload,
      ledgerView: {
        keyText: 'C02Dup0',
        byMdmDevice: { 'dev-0-0': 'PC-0', 'dev-0-1': 'SYS000007', 'dev-0-2': 'MBP-0-2' },
        present: ['PC-0'],
        deletable: [],
      },
    },
  };

  it('offers no button that can only be refused, and opens the ledger device each became', () => {
    const data = alertCardData(viewed, 'ja');
    expect(data.records.map((r) => [r.name, r.facts[0].value, r.canMerge])).toEqual([
      ['MBP-0-0', 'PC-0', false],
      ['MBP-0-1', 'SYS000007', false],
      ['MBP-0-2', 'MBP-0-2', false],
    ]);
    const card = renderCard('alert', data);
    expect(validateCard(card)).toEqual([]);
    expect(verbsOf(card)).not.toContain(VERBS.alertMerge);
    expect(verbsOf(card)).toEqual([
      VERBS.showDevice,
      VERBS.showDevice,
      VERBS.showDevice,
      VERBS.alertKeep,
    ]);
  });

  it('names the ledger devices and the serial as written, never "(ledger: —)" or folded', () => {
    const text = alertText(viewed, 'en');
    expect(text).toContain('"C02Dup0"');
    expect(text).toContain('PC-0, SYS000007, MBP-0-2');
    expect(text).not.toContain('c02dup0');
    expect(alertText(viewed, 'ja')).toContain('「C02Dup0」');
  });
});

describe('the alert card of a duplicate in the ledger', () => {
  const alert = s.alert('duplicate', { ...s.duplicate(3, 1), assetNumbers: ['PC-3', 'OLD-3'] });

  it('offers "keep this one" only where the merge would be accepted', () => {
    const view = (deletable: string[]) => ({
      ...alert,
      payload: {
        ...alert.payload,
        ledgerView: { keyText: null, byMdmDevice: {}, present: ['PC-3', 'OLD-3'], deletable },
      },
    });
    const merges = (a: typeof alert) =>
      alertCardData(a, 'en')
        .records.filter((r) => r.canMerge)
        .map((r) => r.key);
    // The synced PC-3 can be kept (OLD-3 goes); keeping OLD-3 would delete a synced device.
    expect(merges(view(['OLD-3']))).toEqual(['PC-3']);
    expect(merges(alert)).toEqual(['PC-3']); // the same, from the finding alone
    // Once PC-3 has left the MDM, either may be kept.
    expect(merges(view(['PC-3', 'OLD-3']))).toEqual(['PC-3', 'OLD-3']);
    // A record whose MDM device has left (a re-enrolled device's old record) may be kept too: the
    // synced twin hands it its MDM link.
    const takeOver = {
      ...alert,
      payload: {
        ...alert.payload,
        ledgerView: {
          keyText: null,
          byMdmDevice: {},
          present: ['PC-3', 'OLD-3'],
          deletable: ['OLD-3'],
          takeOver: ['OLD-3'],
        },
      },
    };
    expect(merges(takeOver)).toEqual(['PC-3', 'OLD-3']);
  });
});

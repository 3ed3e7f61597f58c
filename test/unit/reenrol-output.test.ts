import { alertCardData, alertText } from '../../src/cards/alert';
import { renderCard } from '../../src/cards/render';
import { VERBS } from '../../src/cards/verbs';
import { printSyncResult } from '../../src/cli/sync-output';
import type { CliContext } from '../../src/cli/context';
import type { AlertDoc } from '../../src/db/collections';
import { t, type MessageKey } from '../../src/i18n/messages';
import type { ReenrolmentFinding } from '../../src/sync/reconcile-types';
import type { SyncResult } from '../../src/sync/sync-service';
import { validateCard } from '../support/card-validator';

/** The re-enrolment alert card and the CLI's dry-run lines (seed 000's 2025/12/15 rule). */
const finding: ReenrolmentFinding = {
  ledgerId: 'l-1',
  assetNumber: 'PC-0044',
  matchKey: 'serial',
  keyValue: 'sn-w4',
  oldMdm: {
    deviceId: 'old-4',
    deviceName: 'DESKTOP-OLD',
    enrolledAt: '2024-04-01T09:00:00Z',
    lastCheckInAt: '2025-11-20T09:00:00Z',
    user: 'taro.yamada@contoso.co.jp',
  },
  newMdm: {
    deviceId: 'new-4',
    deviceName: 'DESKTOP-NEW',
    enrolledAt: '2025-12-20T09:00:00Z',
    lastCheckInAt: '2025-12-21T09:00:00Z',
    user: 'hanako.sato@contoso.co.jp',
  },
};
const alert: AlertDoc = {
  _id: 'reenrolment:intune:old-4:new-4',
  type: 'reenrolment',
  provider: 'intune',
  runId: null,
  createdAt: new Date('2025-12-21T10:00:00Z'),
  status: 'pending',
  attempts: 0,
  payload: { ...finding },
};

describe('re-enrolment alert card', () => {
  it.each(['en', 'ja'] as const)(
    'says it looks like a re-enrolment and what happens next (%s)',
    (locale) => {
      const text = alertText(alert, locale);
      for (const s of ['DESKTOP-NEW', 'DESKTOP-OLD', 'PC-0044', 'Intune', 'sn-w4'])
        expect(text).toContain(s);
      expect(text).toContain(locale === 'en' ? 'takes over PC-0044' : '引き継ぎます');
      const data = alertCardData(alert, locale);
      expect(data).toMatchObject({ kind: 'reenrolment', assetNumber: 'PC-0044', records: [] });
      expect(data.title).toContain(t(locale, 'card.alertType.reenrolment'));
      expect(data.facts.map((f) => f.value).join(' ')).toContain('new-4');
      const card = renderCard('alert', data);
      expect(validateCard(card)).toEqual([]);
      const json = JSON.stringify(card);
      expect(json).not.toContain('${');
      expect(json).toContain(VERBS.alertKeep); // mark as seen
      expect(json).toContain('device.show'); // open PC-0044
      expect(json).not.toContain(VERBS.alertMerge);
    },
  );

  it('names the old enrolment when its record is not known yet', () => {
    const text = alertText({ ...alert, payload: { ...finding, assetNumber: null } }, 'en');
    expect(text).toContain('looks like DESKTOP-OLD enrolled again');
  });
});

describe('daicho sync --dry-run lists re-links and waiting re-enrolments', () => {
  it('prints their count and one line each', () => {
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    // The real English catalog: the lines are read as an admin reads them.
    const ctx = {
      locale: 'en',
      say: (key: MessageKey, p?: Record<string, string | number>) => t('en', key, p),
    };
    const result: SyncResult = {
      runId: null,
      provider: 'intune',
      dryRun: true,
      status: 'dry-run',
      counts: {
        mdmDevices: 3,
        linked: 0,
        created: 0,
        updated: 0,
        unchanged: 1,
        duplicates: 0,
        conflicts: 0,
        missing: 0,
        relinked: 1,
        reenrolments: 1,
      },
      preview: {
        links: [],
        relinks: [
          {
            assetNumber: 'PC-0012',
            serialNumber: 'SN-W1',
            oldMdmId: 'old-1',
            newMdmId: 'new-1',
            deviceName: 'DESKTOP-1',
          },
        ],
        reenrolments: [{ ...finding, keyText: 'SN-W4' }],
        creates: [],
        conflicts: [],
        duplicates: [
          {
            side: 'mdm',
            matchKey: 'serial',
            keyValue: 'c02dup0',
            keyText: 'C02Dup0',
            mdmDevices: [],
            assetNumbers: ['PC-1'],
          },
        ],
        missing: [],
        changes: [],
      },
      errors: [],
      documentsWritten: 0,
      requests: {},
    };
    try {
      printSyncResult(ctx as unknown as CliContext, result, false);
    } finally {
      spy.mockRestore();
    }
    const text = out.join('');
    expect(text).toContain(t('en', 'sync.relinkSummary', { relinked: 1, reenrolments: 1 }));
    // One aligned table: the kind of each line, then what it does.
    expect(text).toMatch(/^relink {5}PC-0012 ← new-1 \(re-enrolled; was old-1\) DESKTOP-1 SN-W1$/m);
    expect(text).toMatch(
      /^reenrol {4}new-4 DESKTOP-NEW waits: looks like PC-0044 enrolled again; old-4 is still listed/m,
    );
    // Serial numbers as written, never in their folded matching form.
    expect(text).toContain('(serial=SN-W4)');
    expect(text).toMatch(/^duplicate {2}serial=C02Dup0:/m);
    expect(text).not.toMatch(/sn-w4|c02dup0/);
  });
});

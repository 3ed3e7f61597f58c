import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../src/bot/commands';
import { CATALOGS, MESSAGE_KEYS, t } from '../../src/i18n/messages';
import { renderCard, type AdaptiveCard } from '../../src/cards/render';
import { troubleshootStepCardData } from '../../src/cards/troubleshoot';
import { checkView } from '../../src/cards/troubleshoot-check';
import { render, start } from '../../src/troubleshooting';
import type { IntuneSelfTestResult, JamfSelfTestResult } from '../../src/troubleshooting/self-test';
import { allCards } from '../support/card-cases';
import { latinSentences, visibleStrings } from '../support/latin-text';

/** Values of the sample data that are English on purpose: Microsoft Graph's own error text. */
const DATA: string[] = ['Another object with the same value for property'];

function cards(): [string, AdaptiveCard][] {
  return [...allCards('ja', '山田 太郎'), ...checkCards()];
}

/** The check card of the troubleshooting guides, after each kind of connection check. */
function checkCards(): [string, AdaptiveCard][] {
  const started = start('intune-sync');
  if (!started.ok) throw new Error('intune-sync');
  const view = render(started.value, 'ja');
  if (!view.ok) throw new Error('intune-sync');
  return SELF_TESTS.map(([name, result]) => [
    `connection check: ${name}`,
    renderCard(
      'troubleshoot',
      troubleshootStepCardData(view.value, 'ja', { check: checkView(result, 'ja') }),
    ),
  ]);
}

const APP = '3f2e1d0c-1111-2222-3333-444455556666';
const signedIn = {
  key: 'selfTest.intune.signedIn',
  params: { appId: APP, roles: 'DeviceManagementManagedDevices.Read.All' },
} as const;

const SELF_TESTS: [string, IntuneSelfTestResult | JamfSelfTestResult][] = [
  [
    'Intune ok',
    {
      provider: 'intune',
      outcome: 'ok',
      facts: { appId: APP, roles: ['DeviceManagementManagedDevices.Read.All'], status: 200 },
      detail: 'Signed in as app …',
      message: [signedIn, { key: 'selfTest.intune.answered', params: { count: 1 } }],
      durationMs: 812,
    },
  ],
  [
    'Intune without the permission',
    {
      provider: 'intune',
      outcome: 'missing-permission',
      facts: { appId: APP, roles: [], status: 403 },
      detail: 'Signed in as app …',
      message: [
        { key: 'selfTest.intune.signedInNoRoles', params: { appId: APP } },
        {
          key: 'selfTest.intune.graphFailed',
          params: {
            tries: { key: 'selfTest.tries', params: { attempts: 3 } },
            message: 'HTTP 403.',
          },
        },
      ],
      durationMs: 1500,
    },
  ],
  [
    'Jamf Pro without privileges',
    {
      provider: 'jamf',
      outcome: 'missing-privilege',
      facts: { clientId: 'daicho-sync', missingPrivileges: ['Read Computers'], status: 403 },
      detail: 'Jamf Pro answered 403 …',
      message: [
        {
          key: 'selfTest.jamf.missingPrivileges',
          params: {
            clientId: 'daicho-sync',
            first: 'Read Computers',
            second: 'Read Mobile Devices',
          },
        },
      ],
      durationMs: 900,
    },
  ],
  [
    'Jamf Pro ok',
    {
      provider: 'jamf',
      outcome: 'ok',
      facts: { clientId: 'daicho-sync', computerCount: 2, mobileDeviceCount: 1, status: 200 },
      detail: 'Signed in as API client …',
      message: [
        {
          key: 'selfTest.jamf.signedIn',
          params: { clientId: 'daicho-sync', computers: 2, mobiles: 1 },
        },
      ],
      durationMs: 700,
    },
  ],
];

describe('no English in a Japanese card', () => {
  it('the check itself finds an English sentence and lets names, identifiers and data be', () => {
    expect(latinSentences('接続の確認: Signed in as app 1234; the token carries roles.')).toEqual([
      'Signed in as app',
      'the token carries roles',
    ]);
    expect(
      latinSentences(
        'Microsoft 365 と Jamf Pro、Configuration Manager の UPN・CSV。`daicho sync status` で GET managedDevices?$top=1、AZURE_CLIENT_ID、macOS 14.4',
      ),
    ).toEqual([]);
    expect(latinSentences('利用者: Hanako Sato Tanaka', ['Hanako Sato Tanaka'])).toEqual([]);
  });

  it.each(cards())('%s', (_name, card) => {
    const english = visibleStrings(card).flatMap((text) => latinSentences(text, DATA));
    expect(english).toEqual([]);
  });
});

describe('no English in a Japanese message', () => {
  it('every Japanese catalog entry is Japanese, apart from names, identifiers and commands', () => {
    const english: string[] = [];
    for (const key of MESSAGE_KEYS) {
      const found = latinSentences(CATALOGS.ja[key]);
      if (found.length > 0) english.push(`${key}: ${found.join(' | ')}`);
    }
    expect(english).toEqual([]);
  });
});

describe('no English in the Japanese guides and checklists', () => {
  it.each(['src/troubleshooting/trees', 'src/workflows/checklists'])('%s', (dir) => {
    const english: string[] = [];
    const root = path.join(__dirname, '../..', dir);
    for (const file of readdirSync(root)) {
      const json: unknown = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
      for (const text of japaneseIn(json))
        for (const found of latinSentences(text)) english.push(`${file}: ${found} — ${text}`);
    }
    expect(english).toEqual([]);
  });
});

/** Every string under a "ja" key. */
function japaneseIn(node: unknown, inJa = false): string[] {
  if (typeof node === 'string') return inJa ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((item) => japaneseIn(item, inJa));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => japaneseIn(value, inJa || key === 'ja'));
}

describe('the Japanese unknown-input reply', () => {
  it('lists Japanese command words, each of which the bot understands', () => {
    const reply = t('ja', 'bot.unknown', { text: 'こんにちは' });
    const listed = /使えるコマンド: (.*?) \(/.exec(reply)?.[1].split('、') ?? [];
    expect(listed.length).toBeGreaterThanOrEqual(Object.keys(COMMANDS).length);
    for (const entry of listed) {
      const typed = entry.replace(/‹[^›]*›/, 'PC-0012');
      expect([typed, /[A-Za-z]/.test(typed.replace('PC-0012', ''))]).toEqual([typed, false]);
      expect([typed, Object.values(COMMANDS).some((pattern) => pattern.test(typed))]).toEqual([
        typed,
        true,
      ]);
    }
  });
});

/**
 * The stocktake benchmark's company: N people in the directory, each linked to a Microsoft 365
 * account with a personal chat with the bot, and 1–3 devices each in the ledger (1, 2, 3 in
 * turn: 2 on average). Deterministic: the same N gives the same company.
 */
import type { ConversationDoc } from '../../src/conversations/conversation-store';
import type { Collections } from '../../src/db/collections';
import type { StoredDevice } from '../../src/ledger/device';
import { serialMatcher } from '../../src/ledger/serial';
import { SINGLE_VALUE_ATTRIBUTES, type Person } from '../../src/people/person';

export const TENANT = 'tenant-1';

const pad = (i: number) => String(i).padStart(5, '0');
export const upnOf = (i: number) => `user${pad(i)}@contoso.co.jp`;
export const aadOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
export const chatOf = (i: number) => `a:bench-chat-${pad(i)}`;
/** Devices of user i: 1, 2, 3, 1, 2, 3 … */
export const devicesOf = (i: number) => (i % 3) + 1;

function person(i: number, now: Date): Person {
  const attributes = Object.fromEntries(SINGLE_VALUE_ATTRIBUTES.map((a) => [a, null]));
  return {
    ...(attributes as Record<(typeof SINGLE_VALUE_ATTRIBUTES)[number], null>),
    personId: `E${pad(i)}`,
    userPrincipalName: upnOf(i),
    displayName: `利用者 ${pad(i)}`,
    department: `部署 ${i % 20}`,
    businessPhones: [],
    otherMails: [],
    custom: {},
    licenceProfile: null,
    groups: [],
    m365AccountId: aadOf(i),
    releasedAccountIds: [],
    removed: false,
    removedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

function chat(i: number, serviceUrl: string, now: Date): ConversationDoc {
  const id = chatOf(i);
  return {
    _id: id,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      user: { id: `29:bench-${pad(i)}`, name: `利用者 ${pad(i)}`, aadObjectId: aadOf(i) },
      bot: { id: '28:daicho', name: 'Daicho' },
      conversation: { id, conversationType: 'personal', tenantId: TENANT },
    },
    kind: 'personal',
    tenantId: TENANT,
    name: null,
    alertChannel: false,
    locale: i % 2 === 0 ? 'ja' : 'en',
    installedAt: now,
    updatedAt: now,
  };
}

/** Writes the company: people, personal chats, devices. Returns how many devices. */
export async function seedCompany(
  c: Collections,
  users: number,
  serviceUrl: string,
): Promise<number> {
  const now = new Date();
  const serialKey = serialMatcher();
  const people: Person[] = [];
  const chats: ConversationDoc[] = [];
  const devices: StoredDevice[] = [];
  for (let i = 0; i < users; i++) {
    people.push(person(i, now));
    chats.push(chat(i, serviceUrl, now));
    for (let k = 0; k < devicesOf(i); k++) {
      const n = devices.length + 1;
      const serialNumber = `SN${String(n * 7919).padStart(9, '0')}`;
      devices.push({
        assetNumber: `PC-${String(n).padStart(6, '0')}`,
        serialNumber,
        serialKey: serialKey(serialNumber),
        os: 'Windows (10.0.22631.4460)',
        manufacturer: 'LENOVO',
        model: k === 0 ? 'ThinkPad X1 Carbon' : k === 1 ? 'iPhone 15' : 'iPad Air',
        deviceType: k === 0 ? 'PC' : k === 1 ? 'Phone' : 'Tablet',
        status: '利用中',
        user: upnOf(i),
        procurementDate: '2024-04-01',
        disposalDate: null,
        uuid: null,
        source: 'ledger',
        mdm: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  const batches = <T>(docs: T[], insert: (batch: T[]) => Promise<unknown>) =>
    (async () => {
      for (let i = 0; i < docs.length; i += 1000) await insert(docs.slice(i, i + 1000));
    })();
  await batches(people, (b) => c.people.insertMany(b));
  await batches(chats, (b) => c.conversations.insertMany(b));
  await batches(devices, (b) => c.devices.insertMany(b));
  return devices.length;
}

/**
 * A seeded PRNG (mulberry32) and the helpers the fixture generators share. Same seed, same
 * devices, on every machine: tests assert exact values, so Math.random is never used here.
 */
export interface Random {
  /** [0, 1) */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Upper-case letters and digits, as in serial numbers. */
  alnum(length: number, alphabet?: string): string;
  hex(length: number): string;
  uuid(): string;
  /** An ISO date-time between the two dates (ms precision, UTC). */
  dateBetween(from: string, to: string): string;
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, maxInclusive: number) =>
    min + Math.floor(next() * (maxInclusive - min + 1));
  const alnum = (length: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') =>
    Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  const hex = (length: number) => alnum(length, '0123456789abcdef');
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    chance: (probability) => next() < probability,
    alnum,
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
    dateBetween: (from, to) => {
      const start = Date.parse(from);
      return new Date(start + Math.floor(next() * (Date.parse(to) - start))).toISOString();
    },
  };
}

/** Serial numbers that BIOSes and VMs report when the real one is missing. */
export const PLACEHOLDER_SERIALS = [
  '0',
  '',
  'Default string',
  'To be filled by O.E.M.',
  'System Serial Number',
];

/** Half-width ASCII to full-width (Ａ-Ｚ, ０-９, －), as some Japanese users type device names. */
export function toFullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

export interface FixtureUser {
  /** Romanized login, e.g. "taro.yamada". */
  login: string;
  displayName: string;
  realName: string;
  department: string;
}

const FAMILY = [
  ['yamada', '山田'],
  ['sato', '佐藤'],
  ['suzuki', '鈴木'],
  ['takahashi', '高橋'],
  ['tanaka', '田中'],
  ['ito', '伊藤'],
  ['watanabe', '渡辺'],
  ['nakamura', '中村'],
  ['kobayashi', '小林'],
  ['kato', '加藤'],
] as const;
const GIVEN = [
  ['taro', '太郎'],
  ['hanako', '花子'],
  ['kenji', '健二'],
  ['yuki', '由紀'],
  ['akira', '明'],
  ['mei', '芽衣'],
  ['sho', '翔'],
  ['aoi', '葵'],
] as const;
const DEPARTMENTS = ['営業部', '総務部', '情報システム部', '開発部', '経理部'];

/** A user drawn from a small pool, so several devices share a user as in real fleets. */
export function pickUser(random: Random): FixtureUser {
  const [familyLogin, familyKanji] = random.pick(FAMILY);
  const [givenLogin, givenKanji] = random.pick(GIVEN);
  return {
    login: `${givenLogin}.${familyLogin}`,
    displayName: `${familyKanji} ${givenKanji}`,
    realName: `${familyKanji} ${givenKanji}`,
    department: random.pick(DEPARTMENTS),
  };
}

export function macAddress(random: Random): string {
  return Array.from({ length: 6 }, () => random.hex(2).toUpperCase()).join(':');
}

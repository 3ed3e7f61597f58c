import type { Random } from './fixtures-random';

/** What the Intune fixtures draw from: one entry per OS, weighted like a Japanese office fleet. */
export interface Platform {
  operatingSystem: string;
  weight: number;
  makes: { manufacturer: string; models: string[]; serial: (r: Random) => string }[];
  versions: string[];
  storageGb: number[];
  name: (r: Random, familyName: string) => string;
}

const appleSerial = (r: Random) => r.alnum(r.chance(0.5) ? 10 : 12);
export const PLATFORMS: Platform[] = [
  {
    operatingSystem: 'Windows',
    weight: 0.55,
    makes: [
      {
        manufacturer: 'Dell Inc.',
        models: ['Latitude 5440', 'OptiPlex 7010'],
        serial: (r) => r.alnum(7),
      },
      {
        manufacturer: 'HP',
        models: ['HP EliteBook 840 G10', 'HP ProBook 450 G9'],
        serial: (r) => `5CG${r.alnum(7)}`,
      },
      {
        manufacturer: 'LENOVO',
        models: ['21HM0034JP', '21CBCTO1WW'],
        serial: (r) => `PF${r.alnum(6)}`,
      },
      {
        manufacturer: 'Microsoft Corporation',
        models: ['Surface Laptop 5', 'Surface Pro 9'],
        serial: (r) => r.alnum(12, '0123456789'),
      },
      {
        manufacturer: 'Panasonic Corporation',
        models: ['CF-SV2RDGCR'],
        serial: (r) => `3${r.alnum(2, '0123456789')}KA${r.alnum(5, '0123456789')}`,
      },
    ],
    versions: ['10.0.22631.4460', '10.0.19045.5131', '10.0.26100.2314'],
    storageGb: [256, 512],
    name: (r) =>
      r.chance(0.5) ? `DESKTOP-${r.alnum(7)}` : `CT-PC-${String(r.int(1, 9999)).padStart(4, '0')}`,
  },
  {
    operatingSystem: 'macOS',
    weight: 0.1,
    makes: [
      {
        manufacturer: 'Apple',
        models: ['MacBook Pro (14-inch, 2023)', 'MacBook Air (M2, 2022)'],
        serial: appleSerial,
      },
    ],
    versions: ['14.6.1', '15.1', '13.6.9'],
    storageGb: [512, 1000],
    name: (_r, family) => `${family}のMacBook Pro`,
  },
  {
    operatingSystem: 'iOS',
    weight: 0.2,
    makes: [
      {
        manufacturer: 'Apple',
        models: ['iPhone 15', 'iPhone 14', 'iPhone SE (3rd generation)'],
        serial: appleSerial,
      },
    ],
    versions: ['17.5.1', '18.1', '16.7.10'],
    storageGb: [128, 256],
    name: (r, family) => (r.chance(0.6) ? 'iPhone' : `${family}のiPhone`),
  },
  {
    operatingSystem: 'Android',
    weight: 0.15,
    makes: [
      {
        manufacturer: 'samsung',
        models: ['SM-S918B', 'SM-A546E'],
        serial: (r) => `R5C${r.alnum(8)}`,
      },
      {
        manufacturer: 'Google',
        models: ['Pixel 8', 'Pixel 7a'],
        serial: (r) => r.alnum(12, '0123456789ABCDEF'),
      },
    ],
    versions: ['14', '13', '15'],
    storageGb: [128],
    name: (r) =>
      `Android_${r.int(1, 12)}/${r.int(1, 28)}/2024_${r.int(1, 12)}:${String(r.int(0, 59)).padStart(2, '0')} AM`,
  },
];

import path from 'node:path';
import { isMessageKey, t, type Locale } from '../i18n/messages';
import type { ProvisioningConfig } from '../config/provisioning-config';
import { PERSON_LABELS_JA } from '../people/person-fields';
import { isDirectoryAttribute } from '../people/person';
import { FIXED_TARGETS, type AttributeMapping } from '../provisioning/mapping';
import { bounded, clip, count, type Fact } from './format';

/** Seed 001's table has 43 properties; a mapping cannot name more (each target once). */
export const MAPPING_ROWS_MAX = 50;
const PROFILES_SHOWN = 10;

/** Where the shipped mapping lives, as docs/provisioning.md names it. */
export const DEFAULT_MAPPING_FILE = 'src/provisioning/default-mapping.json';

export interface ProvisionMappingCardData {
  title: string;
  intro: string;
  fileText: string;
  headers: { source: string; target: string; note: string };
  rows: { source: string; target: string; label: string; note: string; fixed: boolean }[];
  rowsMore: string;
  switchesTitle: string;
  switches: Fact[];
}

/** What the mapping card shows of the provisioning config. */
type MappingConfig = Pick<
  ProvisioningConfig,
  | 'accounts'
  | 'licences'
  | 'groups'
  | 'accountRemoval'
  | 'groupRemoval'
  | 'safetyLimit'
  | 'mappingFile'
  | 'licenceProfiles'
> & { mapping: AttributeMapping };

/**
 * The attribute mapping (seed 001 属性マッピング) as a table — directory attribute → Microsoft 365
 * property with the admin center's display name, required and fixed ones marked — and the
 * switches. Read-only: the mapping is edited in its file and checked at start.
 */
export function provisionMappingCardData(
  provisioning: MappingConfig,
  locale: Locale,
  options: { root?: string } = {},
): ProvisionMappingCardData {
  const fixed = new Set<string>(FIXED_TARGETS);
  const rows = bounded(provisioning.mapping.entries, MAPPING_ROWS_MAX, locale);
  return {
    title: t(locale, 'card.mapping.title'),
    intro: t(locale, 'card.mapping.intro'),
    fileText: provisioning.mappingFile
      ? t(locale, 'card.mapping.file', {
          file: clip(shownPath(provisioning.mappingFile, options.root), 150),
        })
      : t(locale, 'card.mapping.defaultFile', { file: DEFAULT_MAPPING_FILE }),
    headers: {
      source: t(locale, 'card.mapping.source'),
      target: t(locale, 'card.mapping.target'),
      note: t(locale, 'card.mapping.note'),
    },
    rows: rows.shown.map((e) => ({
      source: sourceLabel(e.source, locale),
      target: clip(e.target, 80),
      // The admin center's name under the property, unless it is the property itself.
      label:
        targetDisplayName(e.target, locale) === e.target ? '' : targetDisplayName(e.target, locale),
      note: fixed.has(e.target)
        ? t(locale, 'card.mapping.fixed')
        : e.target === 'businessPhones'
          ? t(locale, 'card.mapping.oneValue')
          : e.target === 'otherMails'
            ? t(locale, 'card.mapping.severalValues')
            : '',
      fixed: fixed.has(e.target),
    })),
    rowsMore: rows.more,
    switchesTitle: t(locale, 'card.mapping.switches'),
    switches: mappingSwitches(provisioning, locale),
  };
}

/** The provisioning switches, each as the card names it. */
function mappingSwitches(provisioning: MappingConfig, locale: Locale) {
  const onOff = (on: boolean) => t(locale, on ? 'card.provision.on' : 'card.provision.off');
  const profiles = Object.keys(provisioning.licenceProfiles);
  const profileList = bounded(profiles, PROFILES_SHOWN, locale);
  return [
    { title: t(locale, 'card.mapping.accounts'), value: onOff(provisioning.accounts) },
    {
      title: t(locale, 'card.mapping.accountRemoval'),
      value: t(locale, `card.provision.removal.${provisioning.accountRemoval}`),
    },
    {
      title: t(locale, 'card.mapping.passwordSync'),
      value: t(locale, 'card.mapping.passwordSyncOff'),
    },
    { title: t(locale, 'card.mapping.licences'), value: onOff(provisioning.licences) },
    {
      title: t(locale, 'card.mapping.profiles'),
      value: profiles.length
        ? clip(`${profileList.shown.join(', ')} ${profileList.more}`.trim(), 200)
        : t(locale, 'card.none'),
    },
    { title: t(locale, 'card.mapping.groups'), value: onOff(provisioning.groups) },
    {
      title: t(locale, 'card.mapping.members'),
      value: t(locale, provisioning.groups ? 'card.mapping.membersOn' : 'card.mapping.membersOff'),
    },
    {
      title: t(locale, 'card.mapping.groupRemoval'),
      value: t(locale, `card.mapping.groupRemoval.${provisioning.groupRemoval}`),
    },
    {
      title: t(locale, 'card.mapping.safetyLimit'),
      value: t(locale, 'card.mapping.safetyLimitValue', {
        count: count(provisioning.safetyLimit, locale),
      }),
    },
  ];
}

/** Seed 001's "Microsoft 365 管理センター上の表示名" of a property, or "" for one it does not list. */
export function targetDisplayName(property: string, locale: Locale): string {
  const key = `card.m365.${property}`;
  return isMessageKey(key) ? t(locale, key) : '';
}

/** "表示名 (displayName)": the admin center's name and the Graph property. */
export function targetLabel(property: string, locale: Locale): string {
  const name = targetDisplayName(property, locale);
  return name && name !== property ? `${name} (${clip(property, 60)})` : clip(property, 80);
}

/** A directory attribute in the user's words ("部署 (department)"), or a custom field. */
export function sourceLabel(source: string, locale: Locale): string {
  if (source.startsWith('custom.'))
    return t(locale, 'card.mapping.custom', { name: clip(source.slice(7), 64) });
  if (locale === 'ja' && isDirectoryAttribute(source)) {
    const label = PERSON_LABELS_JA[source]?.[0];
    if (label && label !== source) return `${label} (${source})`;
  }
  return clip(source, 80);
}

function shownPath(file: string, root: string | undefined): string {
  if (!root) return file;
  const relative = path.relative(root, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

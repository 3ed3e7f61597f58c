import type { Locale } from '../../src/i18n/messages';
import { personCardData } from '../../src/cards/person';
import { provisionMappingCardData } from '../../src/cards/provision-mapping';
import { provisionPreviewCardData, type ProvisionRunView } from '../../src/cards/provision-preview';
import { provisionResultCardData, type ProvisionLogView } from '../../src/cards/provision-result';
import { provisionWhyCardData } from '../../src/cards/provision-why';
import { renderCard, type AdaptiveCard } from '../../src/cards/render';
import type { Person } from '../../src/people/person';
import { mapPerson } from '../../src/provisioning/map-person';
import { defaultMapping, type AttributeMapping } from '../../src/provisioning/mapping';
import { planProvisioning, type ProvisioningPlan } from '../../src/provisioning/plan';
import {
  ALL_ON,
  directoryGroup,
  person,
  planInput,
  PROFILES,
  securityGroup,
  userFor,
} from './provisioning-fixtures';

const AT = new Date('2025-04-01T03:00:00Z');
const RUN = '665f1c2e9b1d4a00000000b1';
const SWITCHES = { ...ALL_ON };
const uid = (i: number) => `0b0a0000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const gid = (i: number) => `0c0c0000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The shipped mapping plus custom fields into all 15 extension attributes (43 targets: the most). */
export function fullMapping(): AttributeMapping {
  const entries = [...defaultMapping().entries];
  for (let i = 1; i <= 15; i++)
    entries.push({
      source: `custom.ext${i}`,
      target: `onPremisesExtensionAttributes.extensionAttribute${i}`,
    });
  return { entries };
}

/** A person with every attribute and 15 custom fields set to `name` (clipped where Graph would). */
export function bigPerson(id: string, name: string, over: Partial<Person> = {}): Person {
  const custom = Object.fromEntries(
    Array.from({ length: 15 }, (_, i) => [`ext${i + 1}`, `${name}${i}`]),
  );
  return person(id, {
    displayName: name,
    givenName: name,
    surname: name,
    department: name,
    jobTitle: name,
    city: name,
    companyName: name,
    streetAddress: name,
    officeLocation: name,
    division: name,
    costCenter: name,
    mobilePhone: '+81 90-1234-5678',
    businessPhones: ['+81 3-1234-5678'],
    otherMails: [`${id}@example.jp`, `${id}.2@example.jp`],
    licenceProfile: '標準',
    groups: [name.slice(0, 64), '全社員'],
    custom,
    ...over,
  });
}

/**
 * A plan over `n` people: half new (created with every attribute), half existing with changed
 * attributes and licences, a fifth removed and linked (stops: over the safety limit), every one
 * in a group of `n` members, problems for some.
 */
export function bigPlan(n: number, name: string): ProvisioningPlan {
  const people: Person[] = [];
  const users = [];
  for (let i = 0; i < n; i++) {
    const id = `E${String(i).padStart(5, '0')}`;
    const p = bigPerson(id, name, {
      removed: i % 5 === 4,
      businessPhones: i % 50 === 7 ? ['+81 3-1', '+81 3-2'] : ['+81 3-1234-5678'],
      usageLocation: i % 40 === 3 ? null : 'JP',
    });
    if (i % 2 === 1) {
      p.m365AccountId = uid(i);
      users.push(
        userFor(p, uid(i), { department: '旧部署', jobTitle: null, accountEnabled: true }),
      );
    }
    people.push(p);
  }
  return planProvisioning(
    planInput({
      people,
      groups: [
        directoryGroup(name.slice(0, 64)),
        directoryGroup('全社員', { m365GroupId: gid(1) }),
      ],
      mapping: fullMapping(),
      licenceProfiles: PROFILES,
      switches: SWITCHES,
      tenant: {
        users,
        groups: [securityGroup(gid(1), '全社員', [uid(9_999)])],
      },
    }),
  );
}

function run(status: ProvisionRunView['status'], plan: ProvisioningPlan): ProvisionRunView {
  return { id: RUN, status, plan, createdAt: AT, by: 'teams:aad-admin' };
}

function failures(n: number, name: string): ProvisionLogView[] {
  return Array.from({ length: n }, (_, i) => ({
    runId: RUN,
    subject:
      i % 3 ? { kind: 'person', personId: name.slice(0, 64) } : { kind: 'group', groupName: name },
    operation: i % 2 ? 'createUser' : 'assignLicenses',
    result: i % 4 === 3 ? 'skipped' : 'failed',
    detail: i % 2 ? 'conflict' : name,
    changes: Array.from({ length: 10 }, (_, j) => ({
      property: `onPremisesExtensionAttributes.extensionAttribute${j + 1}`,
      old: name,
      new: [name, name],
    })),
    error: {
      status: 400,
      code: 'Request_BadRequest',
      message: `Another object with the same value for property userPrincipalName already exists. ${name}`,
      requestId: `req-${i}-${name}`,
    },
    at: new Date(AT.getTime() + i * 1000),
  }));
}

/** The provisioning and people cards: typical, and the largest data an admin can produce. */
export function provisioningCards(locale: Locale, name: string): [string, AdaptiveCard][] {
  const big = name.length > 100;
  const n = big ? 1000 : 6;
  const plan = bigPlan(n, name);
  const empty = planProvisioning(planInput({ switches: SWITCHES }));
  const options = { isAdmin: true, switches: SWITCHES, names: { E00000: name } };
  const who = bigPerson(big ? name.slice(0, 64) : 'E00012', name, {
    m365AccountId: uid(12),
    releasedAccountIds: [uid(13), uid(14)],
  });
  const mapping = fullMapping();
  const log = failures(big ? 200 : 3, name);
  const result = (
    status: ProvisionRunView['status'],
    counts = { ok: 1995, failed: log.length, skipped: 12 },
  ) => ({
    ...run(status, plan),
    decidedBy: null,
    endedAt: AT,
    counts,
    requests: 4321,
    error: status === 'failed' ? name : null,
  });
  const config = {
    ...SWITCHES,
    mapping,
    mappingFile: big ? `/etc/daicho/${name}.json` : null,
    licenceProfiles: big
      ? Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`${name}${i}`, []]))
      : PROFILES,
  };
  return [
    [
      'provision preview',
      renderCard(
        'provision-preview',
        provisionPreviewCardData(run('planned', plan), locale, options),
      ),
    ],
    [
      'provision preview, held',
      renderCard('provision-preview', provisionPreviewCardData(run('held', plan), locale, options)),
    ],
    [
      'provision preview, nothing to do (non-admin view)',
      renderCard(
        'provision-preview',
        provisionPreviewCardData(run('planned', empty), locale, {
          isAdmin: false,
          switches: SWITCHES,
          notice: name,
        }),
      ),
    ],
    [
      'provision result, partial',
      renderCard(
        'provision-result',
        provisionResultCardData(result('partial'), log, locale, { isAdmin: true }),
      ),
    ],
    [
      'provision result, applied',
      renderCard(
        'provision-result',
        provisionResultCardData(result('applied', { ok: 3, failed: 0, skipped: 0 }), [], locale, {
          isAdmin: false,
        }),
      ),
    ],
    [
      'provision result, failed',
      renderCard(
        'provision-result',
        provisionResultCardData(result('failed'), log, locale, { isAdmin: true }),
      ),
    ],
    [
      'provision why',
      renderCard(
        'provision-why',
        provisionWhyCardData(
          {
            person: who,
            mapped: mapPerson(who, mapping).values,
            problems: plan.problems.slice(0, big ? 100 : 2),
            entries: log,
          },
          locale,
        ),
      ),
    ],
    [
      'provision why, nothing yet',
      renderCard(
        'provision-why',
        provisionWhyCardData(
          {
            person: person('E00001'),
            mapped: mapPerson(person('E00001'), defaultMapping()).values,
            problems: [],
            entries: [],
          },
          locale,
        ),
      ),
    ],
    [
      'provision mapping',
      renderCard('provision-mapping', provisionMappingCardData(config, locale)),
    ],
    [
      'person (admin, linked)',
      renderCard(
        'person',
        personCardData(who, locale, {
          isAdmin: true,
          accountRemoval: 'stop',
          profiles: Object.keys(config.licenceProfiles),
          notice: { text: name },
        }),
      ),
    ],
    [
      'person (admin, removed, not linked)',
      renderCard(
        'person',
        personCardData(bigPerson('E00002', name, { removed: true, removedAt: AT }), locale, {
          isAdmin: true,
          accountRemoval: 'delete',
          profiles: [],
        }),
      ),
    ],
    [
      'person (user)',
      renderCard(
        'person',
        personCardData(who, locale, { isAdmin: false, accountRemoval: 'stop', profiles: [] }),
      ),
    ],
  ];
}

import type { SimRequest, SimResponse } from './sim-http';

const COMPUTER_SECTIONS: Record<string, string> = {
  GENERAL: 'general',
  HARDWARE: 'hardware',
  OPERATING_SYSTEM: 'operatingSystem',
  USER_AND_LOCATION: 'userAndLocation',
};
/** Valid in Jamf but not simulated: accepted, and left out of the answer. */
const OTHER_COMPUTER_SECTIONS = [
  'DISK_ENCRYPTION',
  'PURCHASING',
  'APPLICATIONS',
  'STORAGE',
  'CONFIGURATION_PROFILES',
  'PRINTERS',
  'SERVICES',
  'LOCAL_USER_ACCOUNTS',
  'CERTIFICATES',
  'ATTACHMENTS',
  'PLUGINS',
  'PACKAGE_RECEIPTS',
  'FONTS',
  'SECURITY',
  'LICENSED_SOFTWARE',
  'IBEACONS',
  'SOFTWARE_UPDATES',
  'EXTENSION_ATTRIBUTES',
  'CONTENT_CACHING',
  'GROUP_MEMBERSHIPS',
];
const MOBILE_SECTIONS: Record<string, string> = {
  GENERAL: 'general',
  HARDWARE: 'hardware',
  USER_AND_LOCATION: 'userAndLocation',
};
const OTHER_MOBILE_SECTIONS = [
  'PURCHASING',
  'SECURITY',
  'APPLICATIONS',
  'EBOOKS',
  'NETWORK',
  'SERVICE_SUBSCRIPTIONS',
  'CERTIFICATES',
  'PROFILES',
  'USER_PROFILES',
  'PROVISIONING_PROFILES',
  'SHARED_USERS',
  'EXTENSION_ATTRIBUTES',
];

/** How one Jamf inventory endpoint pages, sorts and picks sections. */
interface Listing {
  sections: Record<string, string>;
  otherSections: string[];
  defaultSort: string;
  idKey: string;
}
export const COMPUTER_LISTING: Listing = {
  sections: COMPUTER_SECTIONS,
  otherSections: OTHER_COMPUTER_SECTIONS,
  defaultSort: 'general.name:asc',
  idKey: 'id',
};
export const MOBILE_LISTING: Listing = {
  sections: MOBILE_SECTIONS,
  otherSections: OTHER_MOBILE_SECTIONS,
  defaultSort: 'displayName:asc',
  idKey: 'mobileDeviceId',
};

/**
 * One page of `{totalCount, results}` with only the requested sections, as Jamf answers.
 * `withheld`: the last that many records (in sort order) count in `totalCount` but are never
 * served, a fault for tests of a short read.
 */
export function inventoryPage(
  request: SimRequest,
  records: Record<string, unknown>[],
  maxPageSize: number,
  { sections, otherSections, defaultSort, idKey }: Listing,
  withheld = 0,
): SimResponse {
  const params = request.url.searchParams;
  const page = Number(params.get('page') ?? 0);
  const pageSize = Number(params.get('page-size') ?? 100);
  if (!Number.isInteger(page) || page < 0)
    return apiError(400, 'INVALID_PARAMETER', 'page must be a non-negative integer', 'page');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    return apiError(
      400,
      'INVALID_PARAMETER',
      `page-size must be between 1 and ${maxPageSize}`,
      'page-size',
    );
  }
  const requested = params.getAll('section').flatMap((s) => s.split(','));
  const unknown = requested.find((s) => !(s in sections) && !otherSections.includes(s));
  if (unknown) return apiError(400, 'INVALID_FIELD', `Unknown section ${unknown}`, 'section');
  const keys = (requested.length > 0 ? requested : ['GENERAL'])
    .map((s) => sections[s])
    .filter(Boolean);

  const sorted = sortRecords(records, params.getAll('sort').join(',') || defaultSort, idKey);
  const served = sorted.slice(0, Math.max(0, sorted.length - withheld));
  const results = served.slice(page * pageSize, (page + 1) * pageSize).map((record) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      // Ids and top-level scalars (udid, deviceType) always come back; sections only on request.
      if (typeof value !== 'object' || value === null || keys.includes(key)) out[key] = value;
    }
    return out;
  });
  return { status: 200, body: { totalCount: records.length, results } };
}

/** `sort=general.name:asc,id:desc`; ties fall back to the record id so pages never overlap. */
function sortRecords(
  records: Record<string, unknown>[],
  sort: string,
  idKey: string,
): Record<string, unknown>[] {
  const criteria = sort.split(',').map((part) => {
    const [field, direction] = part.split(':');
    const path = field === 'displayName' ? 'general.displayName' : field === 'id' ? idKey : field;
    return { path: path.split('.'), sign: direction === 'desc' ? -1 : 1 };
  });
  const valueAt = (record: Record<string, unknown>, path: string[]) =>
    path.reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      record,
    );
  const compare = (a: unknown, b: unknown) => {
    const na = Number(a);
    const nb = Number(b);
    if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return String(a ?? '').localeCompare(String(b ?? ''));
  };
  return [...records].sort((a, b) => {
    for (const { path, sign } of criteria) {
      const diff = compare(valueAt(a, path), valueAt(b, path));
      if (diff !== 0) return diff * sign;
    }
    return compare(a[idKey], b[idKey]);
  });
}

/** Jamf's ApiError body. */
export function apiError(
  status: number,
  code: string,
  description: string,
  field = '',
): SimResponse {
  return { status, body: { httpStatus: status, errors: [{ code, field, description, id: '0' }] } };
}

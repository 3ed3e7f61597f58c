import type { DirectoryFault } from './directory-validation';
import { graphJson } from './graph-odata';
import type { SimResponse } from './sim-http';

/** What a collection accepts: which properties $select and $filter may name. */
export interface CollectionSpec {
  type: 'user' | 'group' | 'directoryObject' | 'subscribedSku';
  selectable: Set<string>;
  filterable: Set<string>;
}

export interface FilterClause {
  property: string;
  value: string | boolean | null;
}

export interface ListQuery {
  select: string[] | undefined;
  top: number;
  offset: number;
  filter: FilterClause[];
  filterText: string | undefined;
}

/** Directory collections serve at most 999 objects a page. */
const MAX_TOP = 999;

const resourceName = (type: CollectionSpec['type']) => type[0].toUpperCase() + type.slice(1);

/** $select, $top, $filter and $skiptoken of a directory listing, checked as Graph checks them. */
export function parseListQuery(
  params: URLSearchParams,
  pageSize: number,
  spec: CollectionSpec,
): ListQuery | DirectoryFault {
  if (params.has('$skip'))
    return {
      status: 400,
      code: 'Request_BadRequest',
      message: "'$skip' is not supported by the service.",
    };
  const selectText = params.get('$select');
  const select = selectText ? selectText.split(',').map((s) => s.trim()) : undefined;
  const unknown = select?.find((name) => !spec.selectable.has(name));
  if (unknown) {
    return {
      status: 400,
      code: 'BadRequest',
      message: `Could not find a property named '${unknown}' on type 'microsoft.graph.${spec.type}'.`,
    };
  }
  const topText = params.get('$top');
  const top = topText === null ? pageSize : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    return {
      status: 400,
      code: 'Request_BadRequest',
      message: `Invalid page size specified: '${topText}'. Must be between 1 and ${MAX_TOP} inclusive.`,
    };
  }
  // Like Graph's, the skip token carries the filter: a next link repeats only $select and $top.
  const token = params.get('$skiptoken');
  const position =
    token === null ? { o: 0, f: params.get('$filter') ?? undefined } : readToken(token);
  if (!position) {
    return {
      status: 400,
      code: 'Directory_ExpiredPageToken',
      message:
        'The specified page token value has expired and can no longer be included in your request.',
    };
  }
  const filter = position.f ? parseFilter(position.f, spec) : [];
  if (!Array.isArray(filter)) return filter;
  return { select, top, offset: position.o, filter, filterText: position.f };
}

/** `a eq 'x' and b eq true`: the one shape the provisioning code needs; anything else is refused. */
function parseFilter(text: string, spec: CollectionSpec): FilterClause[] | DirectoryFault {
  const clauses: FilterClause[] = [];
  for (const part of text.split(/\s+and\s+/i)) {
    const match = /^\s*(\w+)\s+eq\s+(?:'((?:[^']|'')*)'|(true|false|null))\s*$/i.exec(part);
    if (!match)
      return { status: 400, code: 'BadRequest', message: `Invalid filter clause: ${part}` };
    const [, property, quoted, literal] = match;
    if (!spec.filterable.has(property)) {
      return {
        status: 400,
        code: 'Request_UnsupportedQuery',
        message: `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resourceName(spec.type)}'.`,
      };
    }
    const value =
      quoted !== undefined
        ? quoted.replace(/''/g, "'")
        : literal === 'null'
          ? null
          : literal === 'true';
    clauses.push({ property, value });
  }
  return clauses;
}

/** Directory string comparisons ignore case (userPrincipalName eq 'A@x' finds a@x). */
export function matchesFilter(entity: Record<string, unknown>, filter: FilterClause[]): boolean {
  return filter.every(({ property, value }) => {
    const actual = entity[property] ?? null;
    if (typeof value === 'string' && typeof actual === 'string')
      return actual.toLowerCase() === value.toLowerCase();
    return actual === value;
  });
}

/** 0-based page number, for fault rules. */
export const pageOf = (query: ListQuery) => Math.floor(query.offset / query.top);

/** One page of `items` with @odata.context and, when more remain, an opaque @odata.nextLink. */
export function listPage<T>(
  base: string,
  path: string,
  contextName: string,
  query: ListQuery,
  items: T[],
  view: (item: T) => Record<string, unknown>,
): SimResponse {
  const { select, top, offset } = query;
  const body: Record<string, unknown> = {
    '@odata.context': `${base}/v1.0/$metadata#${contextName}${select ? `(${select.join(',')})` : ''}`,
  };
  body.value = items.slice(offset, offset + top).map(view);
  if (offset + top < items.length) {
    const next = [`$top=${top}`, `$skiptoken=${writeToken(offset + top, query.filterText)}`];
    if (select) next.unshift(`$select=${select.join(',')}`);
    body['@odata.nextLink'] = `${base}${path}?${next.join('&')}`;
  }
  return graphJson(body);
}

function writeToken(offset: number, filter: string | undefined): string {
  return Buffer.from(JSON.stringify({ o: offset, f: filter })).toString('base64url');
}

function readToken(token: string): { o: number; f: string | undefined } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      f?: unknown;
    };
    if (!Number.isInteger(parsed.o) || (parsed.o as number) < 0) return undefined;
    return { o: parsed.o as number, f: typeof parsed.f === 'string' ? parsed.f : undefined };
  } catch {
    return undefined;
  }
}

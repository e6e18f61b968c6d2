/**
 * Hunt planning: which tables to query for a report's indicators, with which lists, filters
 * and projected columns. Pure data; render.ts turns a plan into KQL.
 */
import type { HuntExclusions } from '../exclusion/huntExclusions.js';
import type { IocRecord, IocType } from '../ioc/types.js';
import { isHuntable } from '../ioc/validate.js';
import {
  CATALOGUE,
  matchKind,
  type MatchKind,
  type Platform,
  type TableEntry,
} from './catalogue.js';

/** A named `let` list of indicator values. */
export interface IocList {
  name: string;
  values: string[];
  comment: string;
}

/** One disjunct of the IOC filter. */
export type Clause =
  | { kind: 'in'; column: string; list: string; caseInsensitive: boolean }
  | { kind: 'has_any'; column: string; list: string }
  | { kind: 'endpoint'; column: string; portColumn: string; list: string }
  | { kind: 'range'; column: string; list: string; family: 'ipv4' | 'ipv6' };

export interface HuntPlan {
  table: string;
  description: string;
  platform: Platform;
  timeColumn: string;
  lookback: string;
  lists: IocList[];
  clauses: Clause[];
  project: string[];
  /** The indicators this hunt can match. */
  iocs: IocRecord[];
  iocTypes: IocType[];
  /** False-positive exclusions from the report's scenarios, when generation asks for them. */
  exclusions?: HuntExclusions;
}

export interface PlanOptions {
  platform: Platform;
  lookback: string;
  /** Restrict to these tables (catalogue names, any case). Empty or absent: all that apply. */
  tables?: string[];
  minConfidence?: number;
}

/** Plans one hunt per catalogue table that can match at least one of the indicators. */
export function planHunts(iocs: readonly IocRecord[], options: PlanOptions): HuntPlan[] {
  const wanted = new Set((options.tables ?? []).map((t) => t.toLowerCase()));
  // Private and reserved addresses stay in the report's problems but never reach a hunt.
  const eligible = iocs.filter(
    (ioc) =>
      isHuntable(ioc) &&
      (options.minConfidence === undefined || (ioc.confidence ?? 100) >= options.minConfidence),
  );
  const lists = buildLists(eligible);
  const plans: HuntPlan[] = [];
  for (const entry of CATALOGUE) {
    if (!entry.platforms.includes(options.platform)) continue;
    if (wanted.size > 0 && !wanted.has(entry.name.toLowerCase())) continue;
    const plan = planTable(entry, eligible, lists, options);
    if (plan) plans.push(plan);
  }
  return plans;
}

/** Value lists shared by every table, keyed by list name. */
function buildLists(iocs: readonly IocRecord[]): Map<string, IocList> {
  const lists = new Map<string, IocList>();
  // Values already listed, per list: `values.includes` made a 10,000-IOC report quadratic.
  const seen = new Map<string, Set<string>>();
  const add = (name: string, value: string, comment: string) => {
    const list = lists.get(name) ?? { name, values: [], comment };
    const listed = seen.get(name) ?? new Set<string>();
    if (!listed.has(value)) {
      listed.add(value);
      list.values.push(value);
    }
    lists.set(name, list);
    seen.set(name, listed);
  };
  for (const ioc of iocs) {
    switch (ioc.type) {
      case 'ipv4':
      case 'ipv6':
        if (ioc.port === undefined) add('ioc_ips', ioc.value, 'IP addresses, any port');
        else {
          add('ioc_endpoints', `${ioc.value}:${ioc.port}`, 'IP:port pairs (both must match)');
          add('ioc_endpoint_ips', ioc.value, 'IPs of those pairs, for tables without a port');
        }
        break;
      case 'cidr':
        if (ioc.value.includes(':')) add('ioc_ranges_v6', ioc.value, 'IPv6 ranges');
        else add('ioc_ranges_v4', ioc.value, 'IPv4 ranges');
        break;
      case 'domain':
        add('ioc_domains', ioc.value, 'domains; has_any also matches their subdomains');
        break;
      case 'url':
        add('ioc_urls', ioc.value.replace(/^[a-z]+:\/\//i, ''), 'URLs without their scheme');
        break;
      case 'email':
        add('ioc_emails', ioc.value, 'email addresses');
        break;
      default:
        add(`ioc_${ioc.type}`, ioc.value, `${ioc.type.toUpperCase()} hashes`);
    }
  }
  return lists;
}

function planTable(
  entry: TableEntry,
  iocs: readonly IocRecord[],
  lists: Map<string, IocList>,
  options: PlanOptions,
): HuntPlan | undefined {
  const clauses: Clause[] = [];
  const used = new Set<string>();
  const use = (name: string) => (lists.has(name) ? (used.add(name), name) : undefined);
  for (const [kind, columns] of Object.entries(entry.match) as [
    MatchKind,
    typeof entry.match.ip,
  ][]) {
    for (const match of columns ?? []) clauses.push(...clausesFor(kind, match, use));
  }
  if (clauses.length === 0) return undefined;
  const matched = iocs.filter((ioc) => entry.match[matchKind(ioc.type)] !== undefined);
  return {
    table: entry.name,
    description: entry.description,
    platform: options.platform,
    timeColumn: entry.timeColumn[options.platform] ?? 'TimeGenerated',
    lookback: options.lookback,
    lists: [...lists.values()].filter((list) => used.has(list.name)),
    clauses,
    project: entry.project,
    iocs: matched,
    iocTypes: [...new Set(matched.map((ioc) => ioc.type))],
  };
}

function clausesFor(
  kind: MatchKind,
  match: { column: string; portColumn?: string; operator?: 'has_any' },
  use: (list: string) => string | undefined,
): Clause[] {
  const { column } = match;
  const clauses: Clause[] = [];
  const push = (clause: Clause | undefined) => clause && clauses.push(clause);
  const listClause = (name: string, caseInsensitive: boolean): Clause | undefined => {
    const list = use(name);
    if (!list) return undefined;
    return match.operator === 'has_any'
      ? { kind: 'has_any', column, list }
      : { kind: 'in', column, list, caseInsensitive };
  };
  switch (kind) {
    case 'ip':
      push(listClause('ioc_ips', false));
      if (match.portColumn) {
        const list = use('ioc_endpoints');
        if (list) push({ kind: 'endpoint', column, portColumn: match.portColumn, list });
      } else push(listClause('ioc_endpoint_ips', false));
      break;
    case 'cidr': {
      const v4 = use('ioc_ranges_v4');
      const v6 = use('ioc_ranges_v6');
      if (v4) push({ kind: 'range', column, list: v4, family: 'ipv4' });
      if (v6) push({ kind: 'range', column, list: v6, family: 'ipv6' });
      break;
    }
    case 'domain':
    case 'url': {
      const list = use(kind === 'domain' ? 'ioc_domains' : 'ioc_urls');
      if (list) push({ kind: 'has_any', column, list });
      break;
    }
    case 'email':
      push(listClause('ioc_emails', true));
      break;
    default:
      push(listClause(`ioc_${kind}`, true));
  }
  return clauses;
}

/** Typed access to data/hunt-catalogue.json: which tables match which IOC types, and how. */
import catalogueData from '../../data/hunt-catalogue.json' with { type: 'json' };
import type { IocType } from '../ioc/types.js';

export type Platform = 'sentinel' | 'defender';
export const PLATFORMS: readonly Platform[] = ['sentinel', 'defender'];

/** IOC kinds as the catalogue groups them: IPv4 and IPv6 hunt the same columns. */
export type MatchKind = 'ip' | 'cidr' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256' | 'email';

export interface ColumnMatch {
  column: string;
  /** The port column that goes with an IP column, for `ip:port` indicators. */
  portColumn?: string;
  /** Overrides the kind's default operator (`has_any` for a column holding a list of IPs). */
  operator?: 'has_any';
}

export interface TableEntry {
  name: string;
  description: string;
  platforms: Platform[];
  timeColumn: Partial<Record<Platform, string>>;
  match: Partial<Record<MatchKind, ColumnMatch[]>>;
  project: string[];
}

type RawEntry = Omit<TableEntry, 'name'>;

/** Every table the catalogue knows, in the order hunts are generated. */
export const CATALOGUE: readonly TableEntry[] = Object.entries(
  catalogueData.tables as unknown as Record<string, RawEntry>,
).map(([name, entry]) => ({ name, ...entry }));

export function catalogueTable(name: string): TableEntry | undefined {
  const lower = name.toLowerCase();
  return CATALOGUE.find((entry) => entry.name.toLowerCase() === lower);
}

export function matchKind(type: IocType): MatchKind {
  return type === 'ipv4' || type === 'ipv6' ? 'ip' : type;
}

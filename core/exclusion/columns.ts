/**
 * Which columns of a hunted table can carry an exclusion, by role, from
 * data/exclusion-columns.json. Tables without process context say why instead.
 */
import columnsData from '../../data/exclusion-columns.json' with { type: 'json' };
import { openTables, platformTables, type Platform } from '../kusto/catalog.js';

/** What a scenario can name: the process, its parent, its publisher, its folder. */
export type ScenarioRole = 'process' | 'parent' | 'signer' | 'path';
/** Roles for excluding a value seen in results by hand. */
export type ResultRole = 'device' | 'address';
export type ExclusionRole = ScenarioRole | ResultRole;

export const SCENARIO_ROLES: readonly ScenarioRole[] = ['process', 'parent', 'signer', 'path'];
export const EXCLUSION_ROLES: readonly ExclusionRole[] = [...SCENARIO_ROLES, 'device', 'address'];

/** Why a table cannot carry scenario exclusions, and where to hunt instead. */
export interface NoExclusions {
  reason: string;
  suggest?: string;
}

export interface TableExclusionColumns {
  table: string;
  roles: Partial<Record<ExclusionRole, string[]>>;
  none?: NoExclusions;
}

type RawTable = Partial<Record<ExclusionRole, string[]>> & { none?: NoExclusions };

const TABLES: readonly TableExclusionColumns[] = Object.entries(
  columnsData.tables as Record<string, RawTable>,
).map(([table, raw]) => {
  const { none, ...roles } = raw;
  return { table, roles, ...(none ? { none } : {}) };
});

/** The exclusion columns of a table (any case), or undefined for a table the data omits. */
export function exclusionColumns(table: string): TableExclusionColumns | undefined {
  const lower = table.toLowerCase();
  return TABLES.find((entry) => entry.table.toLowerCase() === lower);
}

/** Every table the data describes. */
export function exclusionTables(): readonly TableExclusionColumns[] {
  return TABLES;
}

/** The columns of `role` in `table`; empty when the table has none. */
export function columnsFor(table: string, role: ExclusionRole): string[] {
  return exclusionColumns(table)?.roles[role] ?? [];
}

/** Why `table` takes no scenario exclusions, as one sentence; undefined when it takes some. */
export function whyNoExclusions(table: string): string | undefined {
  const entry = exclusionColumns(table);
  if (entry && SCENARIO_ROLES.some((role) => (entry.roles[role] ?? []).length > 0)) {
    return undefined;
  }
  if (!entry?.none) return `kql-hunt knows no column of ${table} that can carry an exclusion`;
  const { reason, suggest } = entry.none;
  return suggest ? `${reason}; hunt ${suggest} for process context` : reason;
}

/*
 * Column names of a table from the compiled schemas, without starting the Kusto service: the
 * language server asks this on its main thread while the service runs in a worker.
 */
const cache = new Map<string, readonly string[] | undefined>();

/**
 * The columns of `table` in `platform`'s schema; undefined for a table the schema does not
 * know, or one whose columns vary per data source (then any column may exist).
 */
export function schemaColumns(platform: Platform, table: string): readonly string[] | undefined {
  const key = `${platform}\u0000${table}`;
  if (cache.has(key)) return cache.get(key);
  const tables = platformTables(platform);
  const name =
    table in tables
      ? table
      : Object.keys(tables).find((t) => t.toLowerCase() === table.toLowerCase());
  const schema = name && !openTables(platform).has(name) ? tables[name] : undefined;
  const columns = schema
    ?.replace(/^\(|\)$/g, '')
    .split(',')
    .map(
      (part) =>
        part
          .split(':')[0]
          ?.trim()
          .replace(/^\[['"]|['"]\]$/g, '') ?? '',
    )
    .filter((column) => column !== '');
  cache.set(key, columns);
  return columns;
}

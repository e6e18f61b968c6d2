/**
 * Column names of a table from the compiled schemas, without starting the Kusto service: the
 * language server asks this on the main thread while the service runs in its worker.
 */
import { openTables, platformTables, type Platform } from '../kusto/catalog.js';

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

// Every table and column the hunt catalogue names must exist in the compiled schema of each
// platform the table claims, with a type the generated filters can use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE, PLATFORMS } from '../../core/hunt/catalogue.js';
import { createKustoService } from '../../core/kusto/index.js';

/** Columns a hunt compares as text (in, has_any, strcat) or as a port (tostring). */
const TEXT_TYPES = new Set(['string', 'dynamic']);
const PORT_TYPES = new Set(['int', 'long', 'string']);

for (const platform of PLATFORMS) {
  test(`catalogue tables and columns exist in the ${platform} schema`, () => {
    const service = createKustoService({ platform });
    const tables = CATALOGUE.filter((t) => t.platforms.includes(platform));
    assert.ok(tables.length >= 6, `only ${tables.length} tables for ${platform}`);
    for (const table of tables) {
      const columns = service.columnsOf(table.name);
      assert.ok(columns, `${table.name} is not in the ${platform} schema`);
      const types = new Map(columns.map((c) => [c.name, c.type]));
      const timeColumn = table.timeColumn[platform];
      assert.ok(timeColumn, `${table.name} has no time column for ${platform}`);
      assert.equal(types.get(timeColumn), 'datetime', `${table.name}.${timeColumn}`);
      for (const name of table.project) {
        assert.ok(types.has(name), `${table.name}.${name} (projected) is not in the schema`);
      }
      for (const [kind, matches] of Object.entries(table.match)) {
        for (const match of matches ?? []) {
          const where = `${table.name}.${match.column} (${kind})`;
          assert.ok(
            TEXT_TYPES.has(types.get(match.column) ?? ''),
            `${where}: ${types.get(match.column)}`,
          );
          if (match.portColumn) {
            const port = types.get(match.portColumn);
            assert.ok(PORT_TYPES.has(port ?? ''), `${table.name}.${match.portColumn}: ${port}`);
          }
        }
      }
    }
  });
}

test('every catalogue table names at least one platform and one match', () => {
  for (const table of CATALOGUE) {
    assert.ok(table.platforms.length > 0, table.name);
    assert.ok(Object.keys(table.match).length > 0, table.name);
    for (const platform of table.platforms) assert.ok(table.timeColumn[platform], table.name);
  }
});

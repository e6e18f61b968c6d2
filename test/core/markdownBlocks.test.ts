// The block reader's repair of tables that GFM runs together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBlocks, type TableBlock } from '../../core/report/markdownBlocks.js';

const tables = (text: string) =>
  readBlocks(text).filter((b): b is TableBlock => b.kind === 'table');

test('a second table right under the first is its own table, not more rows', () => {
  const text = [
    '| Indicator | Kind |',
    '|---|---|',
    'evil[.]com | domain',
    '| Sentinel Table | Notes |',
    '|---|---|',
    'DnsEvents | enable the connector',
    'Scenario: a note GFM would fold in',
  ].join('\n');
  const found = tables(text);
  assert.deepEqual(
    found.map((t) => [t.header.map((c) => c.text), t.rows.map((r) => r.map((c) => c.text))]),
    [
      [['Indicator', 'Kind'], [['evil[.]com', 'domain']]],
      [['Sentinel Table', 'Notes'], [['DnsEvents', 'enable the connector']]],
    ],
  );
});

test('a row of dashes with another cell count is data, not a new table', () => {
  const text = [
    '| Type | Value | Seen |',
    '|---|---|---|',
    '| ip | 1[.]2[.]3[.]4 | - |',
    '| - | - |',
  ];
  const [table, ...rest] = tables(text.join('\n'));
  assert.equal(rest.length, 0);
  assert.equal(table?.rows.length, 2);
});

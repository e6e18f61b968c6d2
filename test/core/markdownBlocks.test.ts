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

test('deeply nested quotes are read in linear time and keep their indicators', async () => {
  const { readReport } = await import('../../core/report/readReport.js');
  const time = (depth: number) => {
    const started = process.cpuUsage();
    const report = readReport(`${'>'.repeat(depth)} evil[.]com\n`);
    const used = process.cpuUsage(started);
    assert.equal(report.iocs[0]?.value, 'evil.com');
    return used.user + used.system;
  };
  time(1000);
  const small = time(10_000);
  const large = time(100_000);
  assert.ok(large < small * 40 + 200_000, `10k: ${small} µs, 100k: ${large} µs`);
});

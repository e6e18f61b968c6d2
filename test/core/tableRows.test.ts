// The fast path for long tables must read exactly what the GFM parser reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBlocks, type TableBlock } from '../../core/report/markdownBlocks.js';
import { splitRow } from '../../core/report/tableRows.js';

const cells = (line: string) => splitRow(line, 0, line.length).map((c) => c.text);

test('rows split at unescaped pipes, edge pipes optional', () => {
  assert.deepEqual(cells('| ip | 1[.]2[.]3[.]4 | 75% |'), ['ip', '1[.]2[.]3[.]4', '75%']);
  assert.deepEqual(cells('ip | 1[.]2[.]3[.]4'), ['ip', '1[.]2[.]3[.]4']);
  assert.deepEqual(cells('| a \\| b | c |'), ['a \\| b', 'c']);
  assert.deepEqual(cells('| ip |  | x |'), ['ip', '', 'x']);
  assert.deepEqual(cells('evil[.]com'), ['evil[.]com']);
});

test('a long table keeps its rows, stops where GFM would, and leaves fenced tables alone', () => {
  const rows = Array.from({ length: 50 }, (_, i) => `| ip | 45[.]9[.]74[.]${i + 1} |`);
  const fenced = ['```', '| Type | Value |', '|---|---|', ...rows.slice(0, 5), '```'];
  const text = [
    ...fenced,
    '| Type | Value |',
    '|---|---|',
    ...rows,
    'evil[.]com',
    'Scenario: folded prose ends the table',
    '| not | a row |',
  ].join('\n');
  const blocks = readBlocks(text, (cell) => cell === 'evil[.]com');
  assert.deepEqual(
    blocks.map((b) => b.kind),
    ['other', 'table', 'other'],
  );
  const table = blocks[1] as TableBlock;
  assert.equal(table.rows.length, 51);
  assert.deepEqual(
    table.rows[49]?.map((c) => c.text),
    ['ip', '45[.]9[.]74[.]50'],
  );
  assert.deepEqual(
    table.rows[50]?.map((c) => c.text),
    ['evil[.]com'],
  );
  const second = table.rows[1]![1]!;
  assert.equal(text.slice(second.start, second.end), '45[.]9[.]74[.]2');
  assert.equal(table.end, text.indexOf('Scenario:'));
});

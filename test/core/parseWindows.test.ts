// Long reports are parsed in windows (core/report/parseWindows.ts). A cut must not change
// which lines form a table or a code block, nor any cell's offsets. Each test reads the same
// text in windows and in one parse (a window larger than the text) and compares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readBlocks, type Block, type TableBlock } from '../../core/report/markdownBlocks.js';
import { WINDOW_BYTES } from '../../core/report/parseWindows.js';

const ONE_PARSE = Number.MAX_SAFE_INTEGER;
/**
 * Windows this small put the same cuts into texts a sixteenth the size: the one parse these are
 * checked against costs the square of a long paragraph's length.
 */
const SMALL_WINDOW = 1024;
const isIndicator = (cell: string) => cell.includes('[.]');
const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');

/** `unit` repeated to at least `size` characters, whole units only. */
const repeat = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length));

/**
 * What a cut may not change: tables, with every cell; code and HTML blocks by where they start
 * and end; other blocks by the text they cover (a cut may split a paragraph, list or quote in
 * two, or turn the first part of a long setext heading into a paragraph). Block ends are
 * compared without trailing white space: the parser lets indented code take a trailing blank
 * line or not depending on what came before it, and a table the fast path ends at a line it
 * counts as folded ends after that line's break.
 */
function essentials(blocks: Block[], text: string): unknown[] {
  const out: unknown[] = [];
  let covered: { start: number; end: number } | undefined;
  for (const block of blocks) {
    let end = block.end;
    while (end > block.start && /\s/.test(text[end - 1] as string)) end--;
    if (block.kind === 'table') {
      covered = undefined;
      out.push({ ...block, end });
      continue;
    }
    if (block.type === 'code' || block.type === 'html') {
      covered = undefined;
      out.push({ type: block.type, start: block.start, end });
    } else if (covered) covered.end = Math.max(covered.end, end);
    else out.push((covered = { start: block.start, end }));
  }
  return out;
}

function assertSameAsOneParse(text: string, windowBytes = SMALL_WINDOW): Block[] {
  const windowed = readBlocks(text, isIndicator, windowBytes);
  const whole = readBlocks(text, isIndicator, ONE_PARSE);
  assert.deepEqual(essentials(windowed, text), essentials(whole, text));
  return windowed;
}

test('a table right after a paragraph longer than a window keeps its exact cell offsets', () => {
  const prose = repeat('Scenario: remote support tool\n', 1.5 * WINDOW_BYTES);
  const table = '| Type | Value |\n|---|---|\n| ip | 1[.]2[.]3[.]4 |\n| domain | evil[.]com |\n';
  const text = prose + table + prose;
  const [found, ...rest] = tables(assertSameAsOneParse(text, WINDOW_BYTES));
  assert.equal(rest.length, 0);
  assert.equal(found?.start, prose.length);
  assert.deepEqual(
    found?.rows.map((row) => row.map((cell) => text.slice(cell.start, cell.end))),
    [
      ['ip', '1[.]2[.]3[.]4'],
      ['domain', 'evil[.]com'],
    ],
  );
});

test('a fenced code block longer than a window is one code block, tables inside it are not read', () => {
  const prose = repeat('Scenario: x\n', SMALL_WINDOW);
  const fenced = repeat('| a | b |\n|---|---|\n| c | d |\n\n', 3 * SMALL_WINDOW);
  const text = `${prose}\`\`\`\n${fenced}\`\`\`\n| Type | Value |\n|---|---|\n| ip | 1[.]2[.]3[.]4 |\n`;
  const blocks = assertSameAsOneParse(text);
  const code = blocks.filter((b) => b.kind === 'other' && b.type === 'code');
  const closingFenceEnd = text.indexOf('| Type') - 1;
  assert.deepEqual(
    code.map((b) => [b.start, b.end]),
    [[prose.length, closingFenceEnd]],
  );
  assert.equal(tables(blocks).length, 1);
});

test('an HTML comment longer than a window hides the table inside it', () => {
  const prose = repeat('Scenario: x\n', SMALL_WINDOW);
  const hidden = repeat('| a | b |\n|---|---|\n| c | d |\n\n', 2 * SMALL_WINDOW);
  const blocks = assertSameAsOneParse(`${prose}<!--\n${hidden}-->\n`);
  assert.equal(tables(blocks).length, 0);
});

test('lines a block quote or list item takes lazily never start a table', () => {
  const lazy = repeat('Scenario: x\n', 2 * SMALL_WINDOW);
  for (const opener of ['> a note\n', '- a point\n', '1. a step\n', '[^1]: a footnote\n']) {
    for (const tail of ['| a | b |\n|---|---|\n| c | d |\n', 'Title\n===\n', '    code\n']) {
      const blocks = assertSameAsOneParse(opener + lazy + tail + lazy);
      assert.equal(tables(blocks).length, 0, JSON.stringify(opener + tail));
    }
  }
});

test('a long list, long quote and many headings read the same in windows', () => {
  for (const unit of ['- x\n', '> x\n', '# x\n', '1. x\n   more\n', '> a\n>     code\n', '|\n']) {
    assertSameAsOneParse(repeat(unit, 3 * SMALL_WINDOW));
  }
});

test('an IOC table longer than a window keeps every row', () => {
  const prose = repeat('Scenario: x\n', SMALL_WINDOW / 2);
  const rows = Array.from({ length: 3000 }, (_, i) => `| ip | 10[.]0[.]${i >> 8}[.]${i & 255} |`);
  const text = `${prose}| Type | Value |\n|---|---|\n${rows.join('\n')}\n${prose}`;
  const [table] = tables(assertSameAsOneParse(text));
  assert.equal(table?.rows.length, 3000);
  const last = table?.rows[2999]?.[1];
  assert.equal(last && text.slice(last.start, last.end), '10[.]0[.]11[.]183');
});

test('tables that each run into the next are all read, however many there are', () => {
  const unit = (i: number) =>
    `| Type | Value |\n|---|---|\n| ip | 10[.]0[.]0[.]${i % 250} |\nScenario: note ${i}\n`;
  const text = Array.from({ length: 400 }, (_, i) => unit(i)).join('');
  const found = tables(assertSameAsOneParse(text));
  assert.equal(found.length, 400);
  assert.ok(found.every((t) => t.rows.length === 1 && t.end === text.indexOf('Scenario', t.start)));
});

test('every table is read however many tables fold, each with a table in its folded lines', () => {
  const group = (i: number) =>
    `| Type | Value |\n|---|---|\n| ip | 10[.]0[.]0[.]${i % 250} |\nnote ${i}\n` +
    `| Indicator | Kind |\n|---|---|\n| evil${i}[.]com | domain |\n\n`;
  const text = Array.from({ length: 300 }, (_, i) => group(i)).join('');
  assert.equal(tables(assertSameAsOneParse(text, WINDOW_BYTES)).length, 600);
});

test('a table cut at an indented folded row ends where the row starts, as the repair cuts it', () => {
  const text = [
    '| Type | Value |',
    '|---|---|',
    '| ip | 1[.]2[.]3[.]4 |',
    '  first note',
    '| Indicator | Kind |',
    '|---|---|',
    '| evil[.]com | domain |',
    '  second note',
  ].join('\n');
  const found = tables(readBlocks(text, isIndicator));
  assert.deepEqual(
    found.map((t) => t.end),
    [text.indexOf('first note'), text.indexOf('second note')],
  );
});

test('every report fixture reads the same in tiny windows as in one parse', () => {
  const root = 'test/fixtures/reports';
  for (const name of readdirSync(root)) {
    const text = readFileSync(join(root, name, 'report.md'), 'utf8');
    for (const size of [16, 64, 256]) assertSameAsOneParse(text, size);
  }
});

test('reports the property test once caught read the same in tiny windows', () => {
  const found = [
    // An indented fence goes on inside the list item, not at the top level.
    '1) x\n\t| a | b |\n| a | b | c |\n   ```\n| a | b | c |\n[a]: b\nScenario: x\n|---|---|\n',
    // After `>     code` the quote's paragraph goes on; at the top of a quote that is code.
    '  > x\n|---|---|\n?>\n>     code\n|---|---|---|\n|---|---|---|\n|---|---|---|\n',
    // A fence that may sit in a footnote, open past the footnote's end.
    '- a\n\n[^2]: two\n  ===\n  continued\n~~~~\n> ```\n````\n| ip | 1[.]2[.]3[.]4 |\n\n> ```\nTitle\n',
    // After lazy lines and a blank line, an indented line still belongs to the list item.
    '- x\n| Type | Value |\n| Type | Value |\n\n    [^1]: x\n',
    // A `>` line goes on with the fence in the quote, and the table after it is not lazy.
    '> ```\n> - x\n| Type | Value |\n|---|---|\n',
    // The line after a link definition goes on with its paragraph.
    '[a]: b\n\tx\n| Type | Value |\n',
    // At the top of a window a link definition would leave `===` underlining nothing.
    '| Type | Value |\n[a]: b\n===\n    code\n',
    // After indented code and a blank line the parser takes `2. x` and `-` as paragraph text.
    '    | a | b |\n\n-\n</script>\n',
    '    [^1]: x\n\n2. x\n|---|---|---|\n|---|---|---|\n',
    // Indented code after a quote, then a whitespace-only line.
    '> ```\n    code\n     \n</div>\n',
    // `<x> y` is a row to the parser (no HTML block), folded into the table above it.
    '|:-:|:-|\n|:-:|:-|\n<x> y\n    code\n',
    // Indented code takes the whitespace-only line, and `3) z` is still no list after it.
    '\t- t\n     \n3) z\n|---|---|\n|---|---|\n',
    // Each item's fence closes when the next item starts.
    '- ```\n- ```\n- ```\n\n<![CDATA[\n|:-:|:-|\n]]>\n| a | b |\n|---|---|\n',
  ];
  for (const text of found) {
    for (let size = 4; size <= 64; size += 4) assertSameAsOneParse(text, size);
  }
});

/** Lines that start, continue, end or fold blocks of every kind the reader meets. */
const LINES = [
  ...['| Type | Value |', '|---|---|', '| ip | 1[.]2[.]3[.]4 |', 'evil[.]com', '| a | b | c |'],
  ...['|---|---|---|', '  | x | y |', '    | a | b |', 'a | b', '|', 'x \\| y', '|:-:|:-|'],
  ...['Scenario: x', 'plain text', 'Title', '===', '---', '***', '', '', '', '     '],
  ...['```', '~~~', '````', '   ```', '- ```', '> ```', '    code', '\tx', '  continued'],
  ...['- x', '  - y', '2. x', '1) y', '* z', '-', '> x', '>', '  > x', '>     code', '> - x'],
  ...['# h', '#', '<div>', '</div>', '<!--', '-->', '<?php', '?>', '<![CDATA[', ']]>', '<foo>'],
  ...['<pre>', '</pre>', '<!DOCTYPE x>', '[a]: b', '[^1]: note', '    [^1]: x', '<script>'],
  ...['2. x y', '[x]: y', '    x y', '<x> y', '3) z', '10. ten', '+ p', "'title'", '[a]:', '  b'],
  ...['\t- t', '> > x', '>> y', '- > q', '   - deep', '  ~~~', '* * *', '__', 'x  ', '</script>'],
];

test('any report reads the same tables and code blocks in tiny windows as in one parse', () => {
  const report = fc.tuple(
    fc.array(fc.tuple(fc.constantFrom(...LINES), fc.nat({ max: 12 })), { maxLength: 40 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.integer({ min: 8, max: 120 }),
  );
  fc.assert(
    fc.property(report, ([runs, newline, size]) => {
      const text = runs.flatMap(([line, count]) => Array(count + 1).fill(line)).join(newline);
      assertSameAsOneParse(text, size);
    }),
    { numRuns: 300 },
  );
});

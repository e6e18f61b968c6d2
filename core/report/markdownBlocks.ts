/**
 * The report's block structure from a real GFM parser, with one repair. Real reports often
 * omit the blank line after a table, and GFM then folds every following line into the table
 * as one-cell rows (KQL, notes, scenarios). We cut a table at its first such folded row and
 * parse what follows again as its own document, so those lines are read as what they are.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Table, TableRow } from 'mdast';
import { blankFastRows, DELIMITER_ROW, findLongTables, type LongTable } from './tableRows.js';

export interface CellBlock {
  /** Cell text as written (between the pipes, trimmed), with its exact offsets. */
  text: string;
  start: number;
  end: number;
}

export interface TableBlock {
  kind: 'table';
  header: CellBlock[];
  rows: CellBlock[][];
  start: number;
  end: number;
}

export interface OtherBlock {
  kind: 'other';
  /** mdast node type: paragraph, code, list, heading … */
  type: string;
  start: number;
  end: number;
}

export type Block = TableBlock | OtherBlock;

/**
 * Past this many repairs the rest of the document is kept as one plain block: a hostile
 * report alternating tables and folded lines would otherwise cost quadratic re-parsing.
 */
const MAX_REPARSES = 200;

/**
 * The reader needs blocks and table cells, never inline markup, so every inline construct is
 * switched off. Besides saving work, this keeps parsing linear: micromark's link, emphasis and
 * footnote resolution is quadratic on runs such as `[.][.][.]…`, `]]]…` or `*a*a…` (a 30 KB
 * line of `[.]` took 3 s, 1 MB would take hours), and the GFM autolink transform recursed
 * once per nesting level, so a deep `> > > …` block quote overflowed the stack. Of GFM's
 * syntax-tree extensions only the table one is kept.
 */
const INLINE_CONSTRUCTS = [
  'attention',
  'autolink',
  'characterEscape',
  'characterReference',
  'codeText',
  'hardBreakEscape',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
  'wwwAutolink',
  'protocolAutolink',
  'emailAutolink',
  'gfmFootnoteCall',
  'gfmPotentialFootnoteCall',
  'strikethrough',
  'tasklistCheck',
];
const PARSE_OPTIONS = {
  extensions: [gfm(), { disable: { null: INLINE_CONSTRUCTS } }],
  mdastExtensions: gfmFromMarkdown().filter((extension) => 'table' in (extension.enter ?? {})),
};

/**
 * Splits a report into blocks with offsets into `text`. Never throws on any input.
 * `isDataRow` tells a genuine one-cell row (a lone indicator under a table) from folded prose.
 */
export function readBlocks(
  text: string,
  isDataRow: (cell: string) => boolean = () => false,
): Block[] {
  const blocks: Block[] = [];
  let reparses = 0;
  // Header offsets of long-table candidates the parser did not confirm as tables.
  const excluded = new Set<number>();
  const visit = (from: number, to: number): void => {
    const long = findLongTables(text, from, to, isDataRow, excluded);
    const source = flattenDeepNesting(blankFastRows(text.slice(from, to), from, long));
    const tree = fromMarkdown(source, PARSE_OPTIONS);
    const confirmed = new Map<number, LongTable>();
    for (const node of tree.children) {
      const candidate = long.find((t) => t.start === from + (node.position?.start.offset ?? -1));
      if (node.type === 'table' && candidate && node.children.length === 2) {
        confirmed.set(candidate.start, candidate);
      }
    }
    if (confirmed.size < long.length) {
      // The parser saw something else there (a fence, a list …): read those lines its way.
      for (const t of long) if (!confirmed.has(t.start)) excluded.add(t.start);
      visit(from, to);
      return;
    }
    for (const node of tree.children) {
      const start = from + (node.position?.start.offset ?? 0);
      const end = from + (node.position?.end.offset ?? source.length);
      if (node.type !== 'table') {
        blocks.push({ kind: 'other', type: node.type, start, end });
        continue;
      }
      const table = toTableBlock(node, text, from);
      const foldAt = findFoldedRow(node, text, from, isDataRow);
      const fast = confirmed.get(start);
      if (fast && foldAt === undefined) {
        blocks.push({ ...table, rows: [...table.rows, ...fast.rows], end: fast.end });
        continue;
      }
      if (foldAt === undefined) {
        blocks.push(table);
        continue;
      }
      // Never reached for a fast table (its first row passed the same test), but a fold there
      // must still re-read every row the fast path took.
      const tableEnd = fast ? fast.end : end;
      const cut = from + (node.children[foldAt]?.position?.start.offset ?? 0);
      blocks.push({ ...table, rows: table.rows.slice(0, foldAt - 1), end: cut });
      if (++reparses > MAX_REPARSES)
        blocks.push({ kind: 'other', type: 'paragraph', start: cut, end: tableEnd });
      else visit(cut, tableEnd);
    }
  };
  visit(0, text.length);
  return blocks;
}

function toTableBlock(node: Table, text: string, base: number): TableBlock {
  const [head, ...body] = node.children.map((row) => cellsOf(row, text, base));
  return {
    kind: 'table',
    header: head ?? [],
    rows: body,
    start: base + (node.position?.start.offset ?? 0),
    end: base + (node.position?.end.offset ?? 0),
  };
}

function cellsOf(row: TableRow, text: string, base: number): CellBlock[] {
  return row.children.map((cell) => {
    let start = base + (cell.position?.start.offset ?? 0);
    let end = base + (cell.position?.end.offset ?? 0);
    // mdast cell positions include the surrounding pipes and padding.
    while (start < end && /[|\s]/.test(text[start] as string)) start++;
    while (end > start && /[|\s]/.test(text[end - 1] as string)) end--;
    return { text: text.slice(start, end), start, end };
  });
}

/**
 * Index (into the table's rows, header included) of the first row GFM folded in: a row with a
 * single cell and no pipe inside it, in a table that has several columns; or the header of a
 * second table whose delimiter row GFM read as one more body row (two tables with no blank
 * line between them).
 */
function findFoldedRow(
  node: Table,
  text: string,
  base: number,
  isDataRow: (cell: string) => boolean,
): number | undefined {
  const columns = node.children[0]?.children.length ?? 0;
  if (columns < 2) return undefined;
  let previous = '';
  for (let i = 1; i < node.children.length; i++) {
    const row = node.children[i] as TableRow;
    const start = base + (row.position?.start.offset ?? 0);
    const end = base + (row.position?.end.offset ?? 0);
    const line = text.slice(start, end).trim();
    if (i >= 2 && DELIMITER_ROW.test(line) && cellCount(line) === cellCount(previous)) {
      return i - 1;
    }
    previous = line;
    if (row.children.length !== 1) continue;
    const interiorPipe = line.replace(/^\|/, '').replace(/\|$/, '').includes('|');
    if (!interiorPipe && !isDataRow(line.replace(/^\|/, '').replace(/\|$/, '').trim())) return i;
  }
  return undefined;
}

/** Cells in a row's source line, as GFM counts them (edge pipes optional). */
function cellCount(line: string): number {
  return line.replace(/^\|/, '').replace(/\|$/, '').split('|').length;
}

/** Deeper than this, block quotes and list markers are read as plain spaces. */
const MAX_NESTING = 32;
/** A line's leading run of container markers: quote `>`, bullets, ordered-list numbers. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/;

/**
 * The markdown parser's cost grows with the square of container depth: 100 KB of `>` took
 * minutes. No report nests 32 deep, so markers past that depth become spaces, which keeps every
 * offset where it was. Linear: each line's prefix is matched once.
 */
function flattenDeepNesting(source: string): string {
  if (!/(?:>|[-*+\d][.)]?[ \t]){33}/.test(source)) return source;
  return source.replace(/^.*$/gm, (line) => {
    const prefix = CONTAINER_PREFIX.exec(line)?.[0];
    if (!prefix) return line;
    let depth = 0;
    let flattened = '';
    for (const char of prefix) {
      const marker = char === '>' || char === '-' || char === '*' || char === '+';
      if (marker && ++depth > MAX_NESTING) flattened += ' ';
      else flattened += char;
    }
    return flattened + line.slice(prefix.length);
  });
}

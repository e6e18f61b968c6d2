/**
 * The report's block structure from a real GFM parser, with one repair. Real reports often
 * omit the blank line after a table, and GFM then folds every following line into the table
 * as one-cell rows (KQL, notes, scenarios). We cut a table at its first such folded row and
 * parse what follows again as its own document, so those lines are read as what they are.
 * A long report is parsed in windows (see parseWindows), which keeps the parser's cost linear.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { RootContent, Table, TableRow } from 'mdast';
import { Windows, WINDOW_BYTES, type WindowBlock } from './parseWindows.js';
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
 * Past this many repairs inside a repair's re-read, a table's folded lines are kept as one plain
 * block. A repair re-reads only its own table's folded lines, cut at every further folded row
 * the line scan finds (`findFolds`), so repairs of separate tables, or of a run of tables each
 * folding into the next, cost linear time in all. A repair inside a re-read only happens where
 * the scan and the parser disagree on a row, and this caps what those cost.
 */
const MAX_REPARSES = 200;

/**
 * A window is redone to run past a block left open at its end; each redo ends past the block
 * that stopped the last one. Few are ever needed (a footnote, then a block open beyond it), and
 * the cap keeps a hostile report from making one window start cost many parses.
 */
const MAX_REDOS = 4;

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

/** One window of the report as the parser read it, with the long tables it confirmed. */
interface ParsedWindow {
  from: number;
  nodes: RootContent[];
  confirmed: Map<number, LongTable>;
}

/**
 * Splits a report into blocks with offsets into `text`. Never throws on any input.
 * `isDataRow` tells a genuine one-cell row (a lone indicator under a table) from folded prose.
 * `windowBytes` is for tests: tiny windows put many cuts into a small report.
 */
export function readBlocks(
  text: string,
  isDataRow: (cell: string) => boolean = () => false,
  windowBytes = WINDOW_BYTES,
): Block[] {
  const blocks: Block[] = [];
  let reparses = 0;
  // Header offsets of long-table candidates the parser did not confirm as tables.
  const excluded = new Set<number>();

  /** Parses `text[from, to)` after `prime` (see PARAGRAPH_PRIME), offsets still into `text`. */
  const parse = (from: number, to: number, prime: string): ParsedWindow => {
    const base = from - prime.length;
    for (;;) {
      const long = findLongTables(text, from, to, isDataRow, excluded);
      const source = flattenDeepNesting(blankFastRows(text.slice(from, to), from, long));
      const nodes = fromMarkdown(prime + source, PARSE_OPTIONS).children;
      const first = nodes[0]?.position;
      if (prime && first && (first.start.offset ?? 0) < prime.length) {
        // The primed paragraph: gone if the window's first line did not go on with it.
        if ((first.end.offset ?? 0) < prime.length) nodes.shift();
        else first.start = { ...first.start, offset: prime.length };
      }
      const confirmed = new Map<number, LongTable>();
      for (const node of nodes) {
        const candidate = long.find((t) => t.start === base + (node.position?.start.offset ?? -1));
        if (node.type === 'table' && candidate && node.children.length === 2) {
          confirmed.set(candidate.start, candidate);
        }
      }
      if (confirmed.size === long.length) return { from: base, nodes, confirmed };
      // The parser saw something else there (a fence, a list …): read those lines its way.
      for (const t of long) if (!confirmed.has(t.start)) excluded.add(t.start);
    }
  };

  const blockOf = ({ from, nodes, confirmed }: ParsedWindow, index: number) => {
    const node = nodes[index];
    if (!node) return undefined;
    const start = from + (node.position?.start.offset ?? 0);
    const end = confirmed.get(start)?.end ?? from + (node.position?.end.offset ?? 0);
    return { node, start, end } satisfies WindowBlock;
  };

  /**
   * Blocks from the first `count` nodes of a window. `nested`: the window is in a repair's
   * re-read. `foldCut`: the window ends at a folded row, where the repair below would have cut
   * its last table.
   */
  const emit = (window: ParsedWindow, count: number, nested: boolean, foldCut?: number): void => {
    const { from, confirmed } = window;
    window.nodes.slice(0, count).forEach((node, index) => {
      const start = from + (node.position?.start.offset ?? 0);
      const end = from + (node.position?.end.offset ?? 0);
      if (node.type !== 'table') {
        blocks.push({ kind: 'other', type: node.type, start, end });
        return;
      }
      const table = toTableBlock(node, text, from);
      const foldAt = findFoldedRow(node, text, from, isDataRow);
      const fast = confirmed.get(start);
      const cutEnd = foldCut !== undefined && index === count - 1 ? foldCut : undefined;
      if (fast && foldAt === undefined) {
        blocks.push({
          ...table,
          rows: [...table.rows, ...fast.rows],
          end: cutEnd ?? fast.end,
        });
        return;
      }
      if (foldAt === undefined) {
        // As the repair cuts there: where the parser's folded row starts, past its indent.
        const rowStart = cutEnd === undefined ? undefined : cutEnd + indentAt(text, cutEnd);
        blocks.push(rowStart === undefined ? table : { ...table, end: rowStart });
        return;
      }
      // Never reached for a fast table (its first row passed the same test), but a fold there
      // must still re-read every row the fast path took.
      const tableEnd = fast ? fast.end : end;
      const cut = from + (node.children[foldAt]?.position?.start.offset ?? 0);
      blocks.push({ ...table, rows: table.rows.slice(0, foldAt - 1), end: cut });
      if (nested && ++reparses > MAX_REPARSES)
        blocks.push({ kind: 'other', type: 'paragraph', start: cut, end: tableEnd });
      else read(cut, tableEnd, true);
    });
  };

  /**
   * Reads `text[from, to)` window by window (see parseWindows). `folds`: the range is the
   * folded rows the repair re-reads, which are cut at each further fold as the repair would.
   */
  const read = (from: number, to: number, folds: boolean): void => {
    const windows = new Windows(text, from, to, isDataRow, folds, windowBytes);
    let start = from;
    let minEnd = from;
    let redos = 0;
    let prime = '';
    while (start < to) {
      const end = windows.nextCut(start, minEnd);
      const window = parse(start, end, prime);
      const last = blockOf(window, window.nodes.length - 1);
      const verdict = windows.verdict(end, last);
      const count = window.nodes.length;
      if (!verdict.clean && last) {
        const blockStart = windows.lineStartOf(last.start);
        if (blockStart > start && windows.mayStartAt(blockStart, blockOf(window, count - 2))) {
          // The blocks before the open one read the same without it: start the next window there.
          emit(window, count - 1, folds);
          start = blockStart;
          minEnd = verdict.resume ?? start;
          redos = 0;
          prime = '';
          continue;
        }
        if (redos < MAX_REDOS && verdict.resume !== undefined && verdict.resume > end) {
          minEnd = verdict.resume;
          redos++;
          continue;
        }
        // Limit: the open block's end could not be told from the text, or it took more than
        // MAX_REDOS redos. The cut stays, and the lines after it may read differently than in
        // one parse. None of the property test's reports comes here.
      }
      emit(window, count, folds, folds && windows.isFold(end) ? end : undefined);
      start = end;
      minEnd = end;
      redos = 0;
      prime = verdict.clean ? (verdict.prime ?? '') : '';
    }
  };

  read(0, text.length, false);
  return blocks;
}

/** Length of the run of spaces and tabs at `offset`. */
function indentAt(text: string, offset: number): number {
  let at = offset;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at - offset;
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
 * Each list level indents its items by at least two columns, so a marker this far in can only
 * open an item nested deeper than MAX_NESTING (one marker per line, nested by indentation).
 */
const DEEP_INDENT_COLUMNS = 2 * MAX_NESTING;
const DEEP_INDENT = /^[ \t]{16,}(?:>|[-*+][ \t])/m;

/**
 * The markdown parser's cost grows with the square of container depth: 100 KB of `>` took
 * minutes, and 1 MB of `- x` items each indented two more columns took 30 s. No report nests 32
 * deep, so markers past that depth become spaces, which keeps every offset where it was.
 * Linear: each line's prefix is matched once.
 */
function flattenDeepNesting(source: string): string {
  if (!/(?:>|[-*+\d][.)]?[ \t]){33}/.test(source) && !DEEP_INDENT.test(source)) return source;
  return source.replace(/^.*$/gm, (line) => {
    const prefix = CONTAINER_PREFIX.exec(line)?.[0];
    if (!prefix) return line;
    let depth = 0;
    let column = 0;
    let flattened = '';
    for (const char of prefix) {
      const marker = char === '>' || char === '-' || char === '*' || char === '+';
      if (marker) depth++;
      const tooDeep = depth > MAX_NESTING || column >= DEEP_INDENT_COLUMNS;
      flattened += marker && tooDeep ? ' ' : char;
      column = char === '\t' ? column + 4 - (column % 4) : column + 1;
    }
    return flattened + line.slice(prefix.length);
  });
}

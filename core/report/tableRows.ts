/**
 * A fast path for long tables. The GFM parser parses every cell as inline markdown, which costs
 * about half a millisecond a row: seconds for a 10,000-row IOC export. We only need each cell's
 * text and offsets, so the body rows past the first are cut here with GFM's own rules (split at
 * unescaped pipes, edge pipes optional), and the parser sees those lines blanked out. The parser
 * still decides what is a table: a candidate it does not confirm is parsed the slow way.
 */
import type { CellBlock } from './markdownBlocks.js';

/** A table found by scanning lines, whose body rows after the first are read here. */
export interface LongTable {
  /** Offset where the header line starts. */
  start: number;
  /** Offsets of the first body row, which the parser still reads (it confirms the table). */
  firstRowStart: number;
  firstRowEnd: number;
  /** Body rows after the first, cut here. */
  rows: CellBlock[][];
  /**
   * Where the table ends: past its last row, or at the start of the line the parser would have
   * folded into it (where the parser-based reader cuts it).
   */
  end: number;
}

/** A GFM delimiter row (`|---|:--:|`). */
export const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;

/**
 * Lines that start another block (quote, list item, heading, fence, indented code, HTML): the
 * parser ends a table there, so the fast path stops there too and leaves the line to it.
 */
const BLOCK_START =
  /^(?: {0,3}(?:>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|```|~~~|<[a-zA-Z/!?])| {4}|\t)/;

/**
 * Whether the parser surely ends a table at this line: a blank line, a block quote, heading,
 * code fence, thematic break, list item or footnote definition, an HTML block that runs to a
 * marker, or four spaces of indentation. Narrower than BLOCK_START: the parser keeps `\tx`,
 * `-\tx`, `#x` and `<x> y` as rows. (It also ends a table at other HTML blocks; leaving those
 * out only makes a window longer.)
 */
export function endsTable(line: string): boolean {
  return TABLE_END.test(line);
}
const TABLE_END =
  /^(?:[ \t]*$| {4}| {0,3}(?:>|#{1,6}(?:[ \t]|$)|`{3,}[^`]*$|~{3,}|([-*_])[ \t]*(?:\1[ \t]*){2,}$|[-*+](?: |$)|\d{1,9}[.)](?: |$)|\[\^[^\]]+\]:|<(?:script|pre|style|textarea)(?:[ \t>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[))/i;

/** Fewer rows than this are left to the parser: not worth a second code path. */
const MIN_FAST_ROWS = 2;

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < to) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 || newline >= to ? to : newline + 1;
    let end = next;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    lines.push({ start, end });
    start = next;
  }
  return lines;
}

/**
 * Splits a row line into cells as GFM does: at pipes not escaped by a backslash, dropping an
 * empty first and last segment when the row has edge pipes. Cell text is trimmed of white space
 * and pipes, exactly as the parser-based reader trims it.
 */
export function splitRow(text: string, start: number, end: number): CellBlock[] {
  const bounds: number[] = [start];
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '|' || text[i + 1] === '\\')) i++;
    else if (c === '|') bounds.push(i);
  }
  bounds.push(end);
  const cells: CellBlock[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    let s = (bounds[k] as number) + (k === 0 ? 0 : 1);
    let e = bounds[k + 1] as number;
    const edge = k === 0 || k + 2 === bounds.length;
    if (edge && text.slice(s, e).trim() === '' && bounds.length > 2) continue;
    while (s < e && /[|\s]/.test(text[s] as string)) s++;
    while (e > s && /[|\s]/.test(text[e - 1] as string)) e--;
    cells.push({ text: text.slice(s, e), start: s, end: e });
  }
  return cells;
}

/** Line tests shared by the fast path and the fold finder, with GFM's rules for rows. */
function tableLineTests(text: string, isDataRow: (cell: string) => boolean) {
  const slice = (line: Line | undefined) => (line ? text.slice(line.start, line.end).trim() : '');
  const isDelimiterFor = (line: Line | undefined, header: string) => {
    const s = slice(line);
    return s !== '' && DELIMITER_ROW.test(s) && cellCount(s) === cellCount(header);
  };
  /** A row of one cell (or a lone pipe) is folded prose unless it holds an indicator. */
  const isProse = (line: Line): boolean => {
    const cells = splitRow(text, line.start, line.end);
    const lone = cells.length <= 1 ? (cells[0]?.text ?? '') : undefined;
    return lone !== undefined && !lone.includes('|') && !isDataRow(lone);
  };
  /** The line's cells when the parser would keep it as a table row, else undefined. */
  const isRow = (line: Line): CellBlock[] | undefined => {
    if (slice(line) === '' || BLOCK_START.test(text.slice(line.start, line.end))) return undefined;
    return isProse(line) ? undefined : splitRow(text, line.start, line.end);
  };
  return { slice, isDelimiterFor, isRow, isProse };
}

/** Cells in a row's source line, as GFM counts them (edge pipes optional). */
function cellCount(line: string): number {
  return line.replace(/^\|/, '').replace(/\|$/, '').split('|').length;
}

/**
 * Tables in `text[from, to)` with at least MIN_FAST_ROWS body rows after the first, and those
 * rows. A row ends the run where the parser-based reader would cut the table: a one-cell row
 * that is no indicator, a blank line, or the header of a second table.
 */
export function findLongTables(
  text: string,
  from: number,
  to: number,
  isDataRow: (cell: string) => boolean,
  excluded: ReadonlySet<number>,
): LongTable[] {
  const lines = linesOf(text, from, to);
  const { slice, isDelimiterFor, isRow } = tableLineTests(text, isDataRow);
  const tables: LongTable[] = [];
  for (let i = 0; i + 2 < lines.length; i++) {
    const header = lines[i] as Line;
    const headerText = slice(header);
    if (!headerText.includes('|') || excluded.has(header.start)) continue;
    if (!isDelimiterFor(lines[i + 1], headerText)) continue;
    const first = lines[i + 2] as Line;
    if (!isRow(first)) continue;
    const rows: CellBlock[][] = [];
    // Whether the parser would have run the table on into the line that stopped us (folded
    // prose, a second table's header), so that the reader cuts the table at that line's start.
    let folded = false;
    let j = i + 3;
    for (; j < lines.length; j++) {
      const line = lines[j] as Line;
      const own = slice(line);
      const secondHeader =
        isDelimiterFor(lines[j + 1], own) ||
        (DELIMITER_ROW.test(own) && cellCount(own) === cellCount(slice(lines[j - 1])));
      const cells = secondHeader ? undefined : isRow(line);
      if (!cells) {
        folded = own !== '' && !BLOCK_START.test(text.slice(line.start, line.end));
        break;
      }
      rows.push(cells);
    }
    if (rows.length >= MIN_FAST_ROWS) {
      const last = lines[j - 1] as Line;
      tables.push({
        start: header.start,
        firstRowStart: first.start,
        firstRowEnd: first.end,
        rows,
        end: folded ? (lines[j] as Line).start : last.end,
      });
    }
    i = j - 1;
  }
  return tables;
}

/**
 * Where the parser-based reader cuts tables in `text[from, to)` at a folded row: the start of
 * the first body line that is prose rather than a row (one cell, no indicator) or that heads a
 * second table. The same rules as the reader's repair, found by scanning lines, so that a run
 * of tables each folding into the next can be read table by table instead of re-reading the
 * rest of the run once per table.
 */
export function findFolds(
  text: string,
  from: number,
  to: number,
  isDataRow: (cell: string) => boolean,
): number[] {
  const lines = linesOf(text, from, to);
  const { slice, isDelimiterFor, isProse } = tableLineTests(text, isDataRow);
  const folds: number[] = [];
  for (let i = 0; i + 2 < lines.length; i++) {
    const headerText = slice(lines[i]);
    // The repair leaves one-column tables alone: every row of those has one cell.
    if (!headerText.includes('|') || cellCount(headerText) < 2) continue;
    if (!isDelimiterFor(lines[i + 1], headerText)) continue;
    let j = i + 2;
    for (; j < lines.length; j++) {
      const line = lines[j] as Line;
      const own = slice(line);
      if (endsTable(text.slice(line.start, line.end))) break;
      if (isDelimiterFor(lines[j + 1], own) || isProse(line)) {
        folds.push(line.start);
        break;
      }
    }
    i = j - 1;
  }
  return folds;
}

/** `source` (which starts at `from` in the report) with the tables' fast rows blanked out. */
export function blankFastRows(source: string, from: number, tables: LongTable[]): string {
  let out = '';
  let at = 0;
  for (const table of tables) {
    const start = table.firstRowEnd - from;
    const end = table.end - from;
    // Spaces keep every offset; line breaks stay, so the lines become blank lines.
    out += source.slice(at, start) + source.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + source.slice(at);
}

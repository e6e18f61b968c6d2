/**
 * Where things are in one hunt query: the table it reads, the exclusion lines it already has,
 * commented-out suggestions, and where a new exclusion line belongs (after the IOC filter,
 * before the first operator that reshapes rows, so the excluded columns still exist).
 */
import { readExclusionLine, type ExclusionLine } from './line.js';
import { maskKql } from './kqlText.js';

/** A line of the query, by offsets into the query text (end excludes the line break). */
export interface LineRange {
  start: number;
  end: number;
}

export interface PlacedExclusionLine extends LineRange, ExclusionLine {}

export interface HuntLayout {
  /** The table the query reads, as written; undefined for queries that start otherwise. */
  table?: string;
  tableStart?: number;
  /** Where a new exclusion goes. */
  insertAt: number;
  /** True when `insertAt` is the start of a line; otherwise the new line needs line breaks. */
  atLineStart: boolean;
  /** Leading whitespace of the line at `insertAt`, reused for a new line. */
  indent: string;
  exclusionLines: PlacedExclusionLine[];
  /** `// | where …` lines: suggestions a generated hunt left commented out. */
  suggestionLines: PlacedExclusionLine[];
}

/** Operators after which an excluded column may be gone or rows already aggregated. */
const RESHAPING =
  /^(?:project(?:-away|-keep|-rename|-reorder)?|summarize|order|sort|top|take|limit|distinct|count|render|make-series)\b/;
/** Query starts that are not a single table (kql-hunt never writes exclusions for them). */
const NOT_A_TABLE = /^(?:let|union|search|find|print|datatable|range|externaldata|evaluate)$/;

/** Lays out a single query (one block of a `.kql` file). */
export function huntLayout(query: string): HuntLayout {
  const { code } = maskKql(query);
  const statementStart = lastStatementStart(code);
  const tableMatch = /^\s*([A-Za-z_]\w*)\b/.exec(code.slice(statementStart));
  const table =
    tableMatch && !NOT_A_TABLE.test(tableMatch[1] as string) ? tableMatch[1] : undefined;
  const tableStart = tableMatch ? statementStart + tableMatch[0].length - tableMatch[1]!.length : 0;
  const layout: HuntLayout = {
    ...(table ? { table, tableStart } : {}),
    insertAt: query.length,
    atLineStart: false,
    indent: '',
    exclusionLines: [],
    suggestionLines: [],
  };
  const pipe = table ? firstReshapingPipe(code, tableStart + table.length) : undefined;
  if (pipe !== undefined) {
    const lineStart = query.lastIndexOf('\n', pipe - 1) + 1;
    const before = query.slice(lineStart, pipe);
    layout.atLineStart = before.trim() === '';
    layout.insertAt = layout.atLineStart ? lineStart : pipe;
    layout.indent = layout.atLineStart ? before : '';
  } else {
    layout.insertAt = query.trimEnd().length;
    layout.indent = '';
  }
  let start = 0;
  for (const line of query.split('\n')) {
    const end = start + line.replace(/\r$/, '').length;
    if (start > tableStart) {
      const text = query.slice(start, end);
      const read = readExclusionLine(text);
      if (read) layout.exclusionLines.push({ start, end, ...read });
      const commented = /^\s*\/\/\s?(?=\s*\|)/.exec(text);
      const suggestion = commented && readExclusionLine(text.slice(commented[0].length));
      if (suggestion) layout.suggestionLines.push({ start, end, ...suggestion });
    }
    start += line.length + 1;
  }
  return layout;
}

/** Offset where the last `;`-separated statement begins (the query after its `let`s). */
function lastStatementStart(code: string): number {
  let depth = 0;
  let last = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0 && code.slice(i + 1).trim() !== '') last = i + 1;
  }
  return last;
}

/** Offset of the first top-level `|` whose operator reshapes rows. */
function firstReshapingPipe(code: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0 && RESHAPING.test(code.slice(i + 1).trimStart())) return i;
  }
  return undefined;
}

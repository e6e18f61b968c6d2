/**
 * The report reader: markdown text in, IOC records and problems out. Everything downstream
 * (hunts, hovers, diagnostics, the CLI's JSON) reads the `Report` this builds.
 */
import { classify } from '../ioc/classify.js';
import { extractFromText } from '../ioc/extract.js';
import { refang } from '../ioc/refang.js';
import { validate } from '../ioc/validate.js';
import type { IocRecord, Problem, TextSpan } from '../ioc/types.js';
import { LineIndex } from '../text/lineIndex.js';
import { hiddenCharacterFinding, iocTableLayout, readIocTable } from './iocTable.js';
import { readBlocks, type Block } from './markdownBlocks.js';
import {
  findFamily,
  findScenarios,
  headingText,
  isTableNotesHeader,
  readTableNotes,
  type Scenario,
  type TableNote,
} from './metadata.js';

export interface IocTableSpan extends TextSpan {
  /** Indexes into `Report.iocs` of the records read from this table. */
  iocIndexes: number[];
}

export interface Report {
  title?: string;
  family?: string;
  iocs: IocRecord[];
  problems: Problem[];
  iocTables: IocTableSpan[];
  tableNotes: TableNote[];
  scenarios: Scenario[];
}

export interface ReadOptions {
  /** Used as the title when the report has no heading (usually the file name). */
  fallbackTitle?: string;
  /** Indicators below this confidence get a `low-confidence` problem. */
  minConfidence?: number;
}

/** Kinds whose live spelling a markdown viewer or mail client may turn into a link. */
const LINKABLE = new Set(['url', 'domain', 'email', 'ipv4', 'ipv6']);

/** Reads a report. Never throws: whatever cannot be read becomes a problem. */
export function readReport(text: string, options: ReadOptions = {}): Report {
  const lines = new LineIndex(text);
  const blocks = readBlocks(text, isIndicator);
  const family = findFamily(text, lines);
  const report: Report = {
    iocs: [],
    problems: [],
    iocTables: [],
    tableNotes: [],
    scenarios: findScenarios(text, lines),
  };
  const title = firstHeading(blocks, text) ?? options.fallbackTitle;
  if (title) report.title = title;
  if (family) report.family = family;

  const proseBlocks: Block[] = [];
  for (const block of blocks) {
    if (block.kind !== 'table') {
      proseBlocks.push(block);
      continue;
    }
    const layout = iocTableLayout(block.header);
    if (layout) {
      const reading = readIocTable(block, layout, lines, family);
      const first = report.iocs.length;
      // Spreading 100,000 rows into push() overflows the call stack: append one by one.
      for (const ioc of reading.iocs) report.iocs.push(ioc);
      for (const problem of reading.problems) report.problems.push(problem);
      report.iocTables.push({
        start: block.start,
        end: block.end,
        line: lines.lineOf(block.start),
        iocIndexes: reading.iocs.map((_, i) => first + i),
      });
    } else {
      if (isTableNotesHeader(block)) {
        for (const note of readTableNotes(block, lines)) report.tableNotes.push(note);
      }
      proseBlocks.push(block);
    }
  }
  readProse(text, proseBlocks, lines, family, report);
  flagDuplicatesAndHygiene(report, options);
  for (const scenario of report.scenarios) {
    if (scenario.exclusion === undefined) {
      report.problems.push({
        code: 'scenario-incomplete',
        severity: 'info',
        message: `false-positive scenario "${scenario.title}" has no Filter/Exclusion line`,
        span: scenario.span,
      });
    }
  }
  report.problems.sort((a, b) => a.span.start - b.span.start);
  return report;
}

function isIndicator(cell: string): boolean {
  return classify(refang(cell).value) !== undefined;
}

function firstHeading(blocks: Block[], text: string): string | undefined {
  const heading = blocks.find((b) => b.kind === 'other' && b.type === 'heading');
  const title = heading ? headingText(text.slice(heading.start, heading.end)) : '';
  return title || undefined;
}

/** Indicators in prose, lists and code: recorded once each, without row metadata. */
function readProse(
  text: string,
  blocks: Block[],
  lines: LineIndex,
  family: string | undefined,
  report: Report,
): void {
  // A prose mention of a tabled indicator (often without its port, inside a sample query) is
  // the same indicator, not a new one.
  const known = new Set(
    report.iocs.flatMap((ioc) => [identity(ioc), identity({ ...ioc, port: undefined })]),
  );
  for (const block of blocks) {
    for (const found of extractFromText(text, block.start, block.end)) {
      const { classified, refanged } = found;
      const key = identity(classified);
      if (known.has(key) || known.has(identity({ ...classified, port: undefined }))) continue;
      known.add(key);
      const span = { start: found.start, end: found.end, line: lines.lineOf(found.start) };
      // Prose hides look-alike tricks as well as tables do: the same warning, the same code.
      const hidden = hiddenCharacterFinding(refanged);
      if (hidden) report.problems.push({ ...hidden, span });
      for (const finding of validate(classified)) report.problems.push({ ...finding, span });
      report.iocs.push({
        type: classified.type,
        value: classified.value,
        ...(classified.port !== undefined ? { port: classified.port } : {}),
        ...(classified.unicode ? { unicode: classified.unicode } : {}),
        original: found.raw,
        span,
        source: 'text',
        live: !refanged.wasDefanged,
        ...(family ? { family } : {}),
      });
    }
  }
}

function flagDuplicatesAndHygiene(report: Report, options: ReadOptions): void {
  const seen = new Map<string, IocRecord>();
  const kept: IocRecord[] = [];
  const remap = new Map<number, number>();
  report.iocs.forEach((ioc, index) => {
    const key = identity(ioc);
    const first = seen.get(key);
    if (first) {
      report.problems.push({
        code: 'duplicate',
        severity: 'warning',
        message: `duplicate of ${first.original} on line ${first.span.line}`,
        span: ioc.span,
      });
      return;
    }
    seen.set(key, ioc);
    remap.set(index, kept.length);
    kept.push(ioc);
    if (ioc.live && LINKABLE.has(ioc.type)) {
      report.problems.push({
        code: 'live-ioc',
        severity: 'warning',
        message: `${ioc.original} is not defanged: viewers may turn it into a clickable link`,
        span: ioc.span,
      });
    }
    const min = options.minConfidence;
    if (min !== undefined && ioc.confidence !== undefined && ioc.confidence < min) {
      report.problems.push({
        code: 'low-confidence',
        severity: 'info',
        message: `confidence ${ioc.confidence} is below the minimum of ${min}: not hunted`,
        span: ioc.span,
      });
    }
  });
  report.iocs = kept;
  for (const table of report.iocTables) {
    table.iocIndexes = table.iocIndexes.flatMap((i) =>
      remap.has(i) ? [remap.get(i) as number] : [],
    );
  }
}

/** Two records are the same indicator when type, value and port agree. */
function identity(ioc: { type: string; value: string; port?: number | undefined }): string {
  return `${ioc.type}\u0000${ioc.value}\u0000${ioc.port ?? ''}`;
}

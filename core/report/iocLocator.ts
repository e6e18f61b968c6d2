/**
 * Position lookups over a read report: which indicator sits at an offset, which indicators and
 * IOC tables a range touches. Built once per report; every lookup is a binary search, so a
 * hover over a 10,000-row report costs microseconds rather than a scan of every record.
 */
import { classify } from '../ioc/classify.js';
import { extractFromText } from '../ioc/extract.js';
import { refang } from '../ioc/refang.js';
import type { IocRecord, TextSpan } from '../ioc/types.js';
import type { IocTableSpan, Report } from './readReport.js';

/** An indicator found at a position, with the span the position hit. */
export interface LocatedIoc {
  /** Index into `Report.iocs`. */
  index: number;
  ioc: IocRecord;
  /** The span under the position: the record's own, a duplicate row's or a later mention's. */
  span: TextSpan;
  /**
   * `record`: the span the record was read from. `duplicate`: a repeated row the reader folded
   * into the record. `mention`: the same indicator named again in prose or a sample query,
   * which the reader does not record twice.
   */
  kind: 'record' | 'duplicate' | 'mention';
}

interface Entry {
  start: number;
  end: number;
  line: number;
  index: number;
  kind: LocatedIoc['kind'];
}

export class IocLocator {
  /** Spans sorted by start; the reader's spans never overlap, so ends are sorted too. */
  private readonly entries: Entry[];

  constructor(
    readonly report: Report,
    text: string,
  ) {
    const entries: Entry[] = report.iocs.map((ioc, index) => ({
      ...ioc.span,
      index,
      kind: 'record',
    }));
    const byIdentity = new Map<string, number>();
    report.iocs.forEach((ioc, index) => {
      if (!byIdentity.has(identity(ioc))) byIdentity.set(identity(ioc), index);
      const portless = identity({ ...ioc, port: undefined });
      if (!byIdentity.has(portless)) byIdentity.set(portless, index);
    });
    // The reader drops duplicate rows from `iocs` and keeps only a problem for them. Hovering
    // such a row should still explain the indicator, so map it back to the record it repeats.
    for (const problem of report.problems) {
      if (problem.code !== 'duplicate') continue;
      const classified = classify(refang(text.slice(problem.span.start, problem.span.end)).value);
      const index = classified ? byIdentity.get(identity(classified)) : undefined;
      if (index !== undefined) entries.push({ ...problem.span, index, kind: 'duplicate' });
    }
    for (const mention of mentions(report, text, byIdentity)) entries.push(mention);
    this.entries = entries.sort((a, b) => a.start - b.start);
  }

  /** The indicator whose span contains `offset` (its end included, where the cursor rests). */
  iocAt(offset: number): LocatedIoc | undefined {
    const entry = this.entries[this.lastStartingAtOrBefore(offset)];
    if (!entry || offset > entry.end) return undefined;
    const ioc = this.report.iocs[entry.index];
    if (!ioc) return undefined;
    const span = { start: entry.start, end: entry.end, line: entry.line };
    return { index: entry.index, ioc, span, kind: entry.kind };
  }

  /** Indexes into `Report.iocs` of the indicators whose spans meet `[start, end]`, in order. */
  iocIndexesIn(start: number, end: number): number[] {
    const indexes = new Set<number>();
    let i = this.firstEndingAtOrAfter(start);
    for (; i < this.entries.length; i++) {
      const entry = this.entries[i] as Entry;
      if (entry.start > end) break;
      indexes.add(entry.index);
    }
    return [...indexes].sort((a, b) => a - b);
  }

  /** The IOC tables whose text meets `[start, end]`. */
  tablesIn(start: number, end: number): IocTableSpan[] {
    return this.report.iocTables.filter((table) => table.start <= end && table.end >= start);
  }

  private lastStartingAtOrBefore(offset: number): number {
    let lo = 0;
    let hi = this.entries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.entries[mid] as Entry).start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private firstEndingAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.entries[mid] as Entry).end < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Indicators named again outside the IOC tables (`dynamic(["172.245.4.229"])` in a sample hunt):
 * the reader skips them as already known, but a hover there should still explain them. Only the
 * text between tables is scanned, so the cost does not grow with the table's rows.
 */
function mentions(report: Report, text: string, byIdentity: Map<string, number>): Entry[] {
  const recorded = new Set(report.iocs.map((ioc) => ioc.span.start));
  const tables = [...report.iocTables].sort((a, b) => a.start - b.start);
  const gaps: [number, number][] = [];
  let from = 0;
  for (const table of tables) {
    if (table.start > from) gaps.push([from, table.start]);
    from = Math.max(from, table.end);
  }
  gaps.push([from, text.length]);
  const found: Entry[] = [];
  let line = 1;
  let lineScanned = 0;
  for (const [start, end] of gaps) {
    for (const candidate of extractFromText(text, start, end)) {
      if (recorded.has(candidate.start)) continue;
      const { classified } = candidate;
      const index =
        byIdentity.get(identity(classified)) ??
        byIdentity.get(identity({ ...classified, port: undefined }));
      if (index === undefined) continue;
      // Candidates come in text order, so lines are counted incrementally.
      for (; lineScanned < candidate.start; lineScanned++) {
        const c = text.charCodeAt(lineScanned);
        if (c === 10 || (c === 13 && text.charCodeAt(lineScanned + 1) !== 10)) line++;
      }
      found.push({ start: candidate.start, end: candidate.end, line, index, kind: 'mention' });
    }
  }
  return found;
}

/** The reader's notion of "the same indicator": type, value and port agree. */
export function identity(ioc: { type: string; value: string; port?: number | undefined }): string {
  return `${ioc.type}\u0000${ioc.value}\u0000${ioc.port ?? ''}`;
}

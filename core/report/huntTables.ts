/**
 * Which tables would get a hunt, without rendering the hunts. Code actions ask this on every
 * cursor move; generating the hunts for a 10,000-row table only to read their table names
 * would take a second. A table's applicability depends only on which kinds of indicator are
 * present, so one representative per kind gives the same answer through the same code path.
 */
import { matchKind } from '../hunt/catalogue.js';
import { huntsFor, type HuntOptions } from '../hunt/generate.js';
import type { Report } from './readReport.js';

/** The tables `huntsFor(report, options)` would return hunts for, in the same order. */
export function huntTables(report: Report, options: HuntOptions = {}): string[] {
  const candidates = options.iocIndexes ?? report.iocs.map((_, index) => index);
  const min = options.minConfidence;
  const representatives = new Map<string, number>();
  for (const index of candidates) {
    const ioc = report.iocs[index];
    if (!ioc) continue;
    // The same eligibility rule the planner applies: no confidence counts as full confidence.
    if (min !== undefined && (ioc.confidence ?? 100) < min) continue;
    const kind = `${matchKind(ioc.type)}:${ioc.port === undefined ? '' : 'port'}:${ioc.value.includes(':') ? 6 : 4}`;
    if (!representatives.has(kind)) representatives.set(kind, index);
  }
  if (representatives.size === 0) return [];
  return huntsFor(report, { ...options, iocIndexes: [...representatives.values()] }).map(
    (hunt) => hunt.table,
  );
}

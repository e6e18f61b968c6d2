/**
 * The main job as one call: report text in, hunts out. The CLI, the language server's code
 * actions and the tests all go through here, so they cannot drift apart.
 */
import type { ExclusionCatalogue } from '../exclusion/catalogue.js';
import { huntExclusions, type ExclusionMode } from '../exclusion/huntExclusions.js';
import type { IocType } from '../ioc/types.js';
import { readReport, type ReadOptions, type Report } from '../report/readReport.js';
import { planHunts, type HuntPlan, type PlanOptions } from './plan.js';
import { renderHunt } from './render.js';

export interface Hunt {
  table: string;
  iocTypes: IocType[];
  query: string;
  /** The same query with each IOC list cut short, when `listSample` asks for it. */
  sampleQuery?: string;
}

export interface HuntOptions extends Partial<PlanOptions> {
  /** ISO date for the comment header; today (UTC) when absent. */
  generated?: string;
  /** Only these indicators, by index into `report.iocs` (a selection of table rows). */
  iocIndexes?: number[];
  /** How the report's false-positive scenarios enter the hunts; `suggested` when absent. */
  exclusions?: ExclusionMode;
  /** The tool catalogue, with the user's additions; the built-in one when absent. */
  exclusionCatalogue?: ExclusionCatalogue;
  /**
   * Also render each hunt as `sampleQuery`, with only the first `n` values (n >= 1) of each IOC
   * list: not for running, but the same query at a bounded size, to check its structure
   * cheaply. Done here so that the indicators are planned once for both.
   */
  listSample?: number;
}

export interface HuntResult {
  report: Report;
  hunts: Hunt[];
}

/** Default lookback window for generated hunts. */
export const DEFAULT_LOOKBACK = '14d';

/** Reads a report and generates its hunts. */
export function huntReport(text: string, options: HuntOptions & ReadOptions = {}): HuntResult {
  const report = readReport(text, options);
  return { report, hunts: huntsFor(report, options) };
}

/**
 * Hunts for an already-read report. Without an explicit table list, the tables the report
 * itself recommends (its "Sentinel Table" notes) are hunted when the catalogue knows any.
 */
export function huntsFor(report: Report, options: HuntOptions = {}): Hunt[] {
  const iocs = options.iocIndexes
    ? options.iocIndexes.flatMap((i) => (report.iocs[i] ? [report.iocs[i]] : []))
    : report.iocs;
  const suggested = report.tableNotes.map((note) => note.table);
  const plans = planHunts(iocs, {
    platform: options.platform ?? 'sentinel',
    lookback: options.lookback ?? DEFAULT_LOOKBACK,
    tables: options.tables && options.tables.length > 0 ? options.tables : suggested,
    ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
  });
  // A report may only suggest tables of the other platform; then hunt everything that applies.
  const chosen =
    plans.length === 0 && !(options.tables && options.tables.length > 0) && suggested.length > 0
      ? planHunts(iocs, {
          platform: options.platform ?? 'sentinel',
          lookback: options.lookback ?? DEFAULT_LOOKBACK,
          ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
        })
      : plans;
  const source = {
    ...(report.title ? { title: report.title } : {}),
    ...(report.family ? { family: report.family } : {}),
    generated: options.generated ?? new Date().toISOString().slice(0, 10),
    reportIocCount: report.iocs.length,
  };
  const mode = options.exclusions ?? 'suggested';
  return chosen.map((plan) => {
    const exclusions = huntExclusions(
      report.scenarios,
      plan.table,
      mode,
      options.exclusionCatalogue,
    );
    const full = exclusions ? { ...plan, exclusions } : plan;
    return {
      table: plan.table,
      iocTypes: plan.iocTypes,
      query: renderHunt(full, source),
      ...(options.listSample
        ? { sampleQuery: renderHunt(sampleLists(full, options.listSample), source) }
        : {}),
    };
  });
}

/** The plan with every list cut to its first `n` values; a list is never left empty. */
function sampleLists(plan: HuntPlan, n: number): HuntPlan {
  const keep = Math.max(1, Math.floor(n));
  return {
    ...plan,
    lists: plan.lists.map((list) => ({ ...list, values: list.values.slice(0, keep) })),
  };
}

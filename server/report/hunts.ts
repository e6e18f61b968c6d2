/**
 * Hunts for a report or a part of it, with the folder's settings: the one path behind the
 * `kqlHunt/generateHunts` request, the "Generate hunt" code actions and the CodeLenses, so the
 * menu, the lightbulb and the lens cannot disagree about which tables apply.
 */
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { huntsFor, type Hunt, type HuntOptions } from '../../core/hunt/generate.js';
import { huntTables } from '../../core/report/huntTables.js';
import type { ReportAnalysis } from './analysis.js';
import type { ReportSettings } from './settings.js';

/** Indexes of the indicators inside `range`, or undefined for "the whole report". */
export function indexesInRange(
  document: TextDocument,
  analysis: ReportAnalysis,
  range: Range | undefined,
): number[] | undefined {
  if (!range) return undefined;
  return analysis.locator.iocIndexesIn(
    document.offsetAt(range.start),
    document.offsetAt(range.end),
  );
}

/** The hunts for the chosen indicators, optionally only the one for `table`. */
export function huntsForSelection(
  analysis: ReportAnalysis,
  settings: ReportSettings,
  indexes: number[] | undefined,
  table?: string,
): Hunt[] {
  if (indexes && indexes.length === 0) return [];
  return huntsFor(analysis.report, {
    ...huntOptions(settings),
    // A code action for one table asks for that table even when the settings list others.
    ...(table ? { tables: [table] } : {}),
    ...(indexes ? { iocIndexes: indexes } : {}),
  });
}

function huntOptions(settings: ReportSettings): HuntOptions {
  return {
    platform: settings.platform,
    lookback: settings.lookback,
    minConfidence: settings.minConfidence,
    tables: settings.tables,
    exclusions: settings.exclusions,
    exclusionCatalogue: settings.exclusionCatalogue,
  };
}

/** All hunts as one `.kql` text: one query block per table, separated by a blank line. */
export function joinHunts(hunts: readonly Hunt[]): string {
  return hunts.map((hunt) => hunt.query.trimEnd()).join('\n\n') + (hunts.length > 0 ? '\n' : '');
}

/**
 * The line after the IOC table the range touches (the last one, or the first table of the
 * report when there is no range): where an inserted hunt block belongs. Falls back to the end
 * of the range, then to the end of the document.
 */
export function insertPositionFor(
  document: TextDocument,
  analysis: ReportAnalysis,
  range: Range | undefined,
): Position {
  const tables = range
    ? analysis.locator.tablesIn(document.offsetAt(range.start), document.offsetAt(range.end))
    : analysis.report.iocTables.slice(0, 1);
  const table = tables[tables.length - 1];
  if (table) {
    // The table's end may sit just past its last line break; the last character decides.
    const last = document.positionAt(Math.max(table.start, table.end - 1));
    return { line: last.line + 1, character: 0 };
  }
  if (range) return { line: range.end.line + 1, character: 0 };
  return { line: document.lineCount, character: 0 };
}

/**
 * Which tables have a hunt for the chosen indicators. Code actions are asked for on every
 * cursor move, so answers are remembered per document version, settings and selection.
 */
export class TableCache {
  private readonly entries = new Map<string, string[]>();

  constructor(private readonly capacity = 32) {}

  tables(
    analysis: ReportAnalysis,
    settings: ReportSettings,
    /** Names the selection within this document version (its offsets, or its table). */
    selectionKey: string,
    indexes: number[] | undefined,
  ): string[] {
    // Only what decides the tables: exclusions change a hunt's text, never whether it exists.
    const { platform, minConfidence } = settings;
    const key = [
      analysis.uri,
      analysis.version,
      JSON.stringify({ platform, tables: settings.tables, minConfidence }),
      selectionKey,
    ].join('|');
    const cached = this.entries.get(key);
    if (cached) return cached;
    const tables = huntTables(analysis.report, {
      ...huntOptions(settings),
      exclusions: 'none',
      ...(indexes ? { iocIndexes: indexes } : {}),
    });
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, tables);
    return tables;
  }
}

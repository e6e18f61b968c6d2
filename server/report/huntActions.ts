/**
 * The "Generate hunt" code actions and CodeLenses. Both only carry a command: the client runs
 * `kqlHunt.generateHunt`, which asks the server for the hunts, so the palette, the context
 * menu, the lightbulb and the lens all end in the same `kqlHunt/generateHunts` request.
 */
import type {
  CancellationToken,
  CodeAction,
  CodeLens,
  Command,
  Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { GENERATE_HUNT_COMMAND, type GenerateHuntCommandArgs } from '../protocol.js';
import type { ReportAnalysis } from './analysis.js';
import { rangeOf } from './diagnostics.js';
import type { TableCache } from './hunts.js';
import type { ReportSettings } from './settings.js';

/**
 * Actions for the range. A cursor, or a range on one line, inside an IOC table covers the
 * whole table: that is where the lightbulb sits for the row under the cursor. A selection
 * over several lines covers the indicators it holds (table rows or prose), like the context
 * menu's "Generate hunt from IOCs" on a selection. One action for all tables, then one per
 * table that has a hunt for those indicators.
 */
export function huntCodeActions(
  document: TextDocument,
  analysis: ReportAnalysis,
  settings: ReportSettings,
  tableCache: TableCache,
  range: Range,
  token: CancellationToken,
): CodeAction[] {
  if (!analysis.isReport) return [];
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const { locator } = analysis;
  let target: Range;
  let indexes: number[];
  let selectionKey: string;
  const table = range.start.line === range.end.line ? locator.tablesIn(start, end)[0] : undefined;
  if (table) {
    target = rangeOf(document, table.start, table.end);
    // The table's own indexes: no search over its rows on every cursor move.
    indexes = table.iocIndexes;
    selectionKey = `table@${table.start}`;
  } else if (start === end) {
    return [];
  } else {
    target = range;
    indexes = locator.iocIndexesIn(start, end);
    selectionKey = `${start}-${end}`;
  }
  if (indexes.length === 0 || token.isCancellationRequested) return [];
  const tables = tableCache.tables(analysis, settings, selectionKey, indexes);
  if (tables.length === 0) return [];
  const action = (title: string, table?: string): CodeAction => ({
    title,
    command: command(title, { uri: document.uri, range: target, ...(table ? { table } : {}) }),
  });
  return [
    action('Generate hunts for all tables'),
    ...tables.map((table) => action(`Generate hunt for ${table}`, table)),
  ];
}

/** A lens above each IOC table that yielded indicators. */
export function huntCodeLenses(document: TextDocument, analysis: ReportAnalysis): CodeLens[] {
  if (!analysis.isReport) return [];
  return analysis.report.iocTables
    .filter((table) => table.iocIndexes.length > 0)
    .map((table) => {
      const range = rangeOf(document, table.start, table.end);
      const count = table.iocIndexes.length;
      const title = `Generate hunt from IOCs (${count} IOC${count === 1 ? '' : 's'})`;
      return {
        range: { start: range.start, end: range.start },
        command: command(title, { uri: document.uri, range }),
      };
    });
}

function command(title: string, args: GenerateHuntCommandArgs): Command {
  return { title, command: GENERATE_HUNT_COMMAND, arguments: [args] };
}

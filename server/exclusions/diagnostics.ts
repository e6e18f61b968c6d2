/**
 * Exclusion diagnostics. In a `.kql` file: an exclusion on a column the hunt's table lacks, and
 * on a table no scenario can fit (DnsEvents), a note saying why and where to hunt instead. In
 * a report: a scenario that names nothing excludable or fits none of the hunted tables.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  canonicalTable,
  huntExclusionProblems,
  huntLayout,
  scenarioProblems,
  schemaColumns,
  whyNoExclusions,
  type ExclusionCatalogue,
  type ExclusionProblem,
} from '../../core/exclusion/index.js';
import type { Platform } from '../../core/hunt/catalogue.js';
import { splitQueries } from '../../core/kusto/split.js';
import { huntTables } from '../../core/report/huntTables.js';
import type { Report } from '../../core/report/readReport.js';

/** Diagnostic `source`, so users can tell these from the Kusto service's. */
export const SOURCE = 'kql-hunt';

/** Code of the note on a hunt whose table can carry no scenario. */
export const UNAVAILABLE_CODE = 'exclusions-unavailable';

export function kqlExclusionDiagnostics(
  document: TextDocument,
  platform: Platform,
  /** How many scenarios the reports behind a hunt hold (0 when none is known). */
  scenarioCount: (hunt: string) => number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const block of splitQueries(document.getText())) {
    const problems = huntExclusionProblems(block.text, (t) => schemaColumns(platform, t));
    out.push(...problems.map((p) => toDiagnostic(document, block.start, p)));
    const layout = huntLayout(block.text);
    if (!layout.table || layout.tableStart === undefined) continue;
    const why = whyNoExclusions(canonicalTable(layout.table));
    const count = why ? scenarioCount(block.text) : 0;
    if (!why || count === 0) continue;
    const start = block.start + layout.tableStart;
    out.push({
      range: {
        start: document.positionAt(start),
        end: document.positionAt(start + layout.table.length),
      },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: UNAVAILABLE_CODE,
      message: `None of the report's ${count} false-positive scenario${count === 1 ? '' : 's'} can be excluded here: ${why}.`,
    });
  }
  return out;
}

export function reportExclusionDiagnostics(
  document: TextDocument,
  report: Report,
  options: { platform: Platform; tables: string[]; catalogue: ExclusionCatalogue },
): Diagnostic[] {
  if (report.scenarios.length === 0) return [];
  const hunted = huntTables(report, { platform: options.platform, tables: options.tables });
  return scenarioProblems(report.scenarios, hunted, options.catalogue).map((p) =>
    toDiagnostic(document, 0, p),
  );
}

function toDiagnostic(document: TextDocument, base: number, p: ExclusionProblem): Diagnostic {
  return {
    range: { start: document.positionAt(base + p.start), end: document.positionAt(base + p.end) },
    severity:
      p.severity === 'error'
        ? DiagnosticSeverity.Error
        : p.severity === 'warning'
          ? DiagnosticSeverity.Warning
          : DiagnosticSeverity.Information,
    source: SOURCE,
    code: p.code,
    message: p.message,
  };
}

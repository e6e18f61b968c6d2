/**
 * The report's false-positive scenarios that the hunts cannot act on (a refused LOLbin, a
 * scenario no hunted table has a column for), in the CLI's problem shape. VS Code shows the
 * same findings as diagnostics; without them here a pipeline would apply fewer exclusions than
 * the report asks for and never learn why.
 */
import { scenarioProblems, type ExclusionCatalogue } from '../core/exclusion/index.js';
import type { Hunt } from '../core/hunt/generate.js';
import type { Severity } from '../core/ioc/types.js';
import type { Report } from '../core/report/readReport.js';
import { LineIndex } from '../core/text/lineIndex.js';

export interface CliProblem {
  line: number;
  severity: Severity;
  code: string;
  message: string;
}

export function scenarioNotes(
  text: string,
  report: Report,
  hunts: readonly Hunt[],
  catalogue: ExclusionCatalogue,
): CliProblem[] {
  if (report.scenarios.length === 0) return [];
  const lines = new LineIndex(text);
  const hunted = hunts.map((hunt) => hunt.table);
  return scenarioProblems(report.scenarios, hunted, catalogue).map((p) => ({
    line: lines.lineOf(p.start),
    severity: p.severity,
    code: p.code,
    message: p.message,
  }));
}

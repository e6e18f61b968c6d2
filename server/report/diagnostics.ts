/**
 * Report hygiene as LSP diagnostics: one per problem the reader found, each carrying the
 * problem's stable code (quick fixes key on it), plus the confidence check, which depends on
 * the folder's `kqlHunt.minConfidence` setting and so is applied here rather than cached.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, Severity } from '../../core/ioc/types.js';
import type { ReportAnalysis } from './analysis.js';

export const DIAGNOSTIC_SOURCE = 'kql-hunt';

/**
 * A 10,000-row report with a bad column could yield tens of thousands of problems; past this
 * many, the editor's problem list stops being useful and slows down, so the rest are counted.
 */
export const MAX_DIAGNOSTICS = 1000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Diagnostics for one reading; none for a markdown document that is not a report. */
export function reportDiagnostics(
  document: TextDocument,
  analysis: ReportAnalysis,
  minConfidence: number,
): Diagnostic[] {
  if (!analysis.isReport) return [];
  const problems = [...analysis.report.problems, ...lowConfidence(analysis, minConfidence)];
  problems.sort((a, b) => a.span.start - b.span.start);
  const shown = problems.slice(0, MAX_DIAGNOSTICS).map((p) => toDiagnostic(document, p));
  if (problems.length > MAX_DIAGNOSTICS) {
    const last = problems[MAX_DIAGNOSTICS] as Problem;
    shown.push({
      range: rangeOf(document, last.span.start, last.span.end),
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: 'too-many-problems',
      message: `${problems.length - MAX_DIAGNOSTICS} more problems are not shown (the first ${MAX_DIAGNOSTICS} are)`,
    });
  }
  return shown;
}

/** Indicators the hunts will leave out because of the configured minimum. */
function lowConfidence(analysis: ReportAnalysis, min: number): Problem[] {
  if (min <= 0) return [];
  return analysis.report.iocs.flatMap((ioc): Problem[] =>
    ioc.confidence !== undefined && ioc.confidence < min
      ? [
          {
            code: 'low-confidence',
            severity: 'info',
            message:
              `confidence ${ioc.confidence}% is below the minimum of ${min}% ` +
              '(kqlHunt.minConfidence): not hunted',
            span: ioc.span,
          },
        ]
      : [],
  );
}

function toDiagnostic(document: TextDocument, problem: Problem): Diagnostic {
  return {
    range: rangeOf(document, problem.span.start, problem.span.end),
    severity: SEVERITY[problem.severity],
    source: DIAGNOSTIC_SOURCE,
    code: problem.code,
    message: problem.message,
  };
}

export function rangeOf(document: TextDocument, start: number, end: number) {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/**
 * Runs `analyze(uri)` once typing pauses. Each document has its own timer, so editing one
 * report never delays another's diagnostics.
 */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string) => void,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri);
      }, delayMs),
    );
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

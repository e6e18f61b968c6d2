/**
 * The per-document cache of report readings. A markdown document is read once per version;
 * diagnostics, hovers, code actions, lenses and the custom requests all read the same result.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IocLocator } from '../../core/report/iocLocator.js';
import { readReport, type Report } from '../../core/report/readReport.js';
import { tooLargeMessage, tooLargeToRead } from '../documentLimits.js';

/** One reading of one version of a markdown document. */
export interface ReportAnalysis {
  uri: string;
  version: number;
  report: Report;
  locator: IocLocator;
  /** True when the document holds an IOC table or any indicator: only those get features. */
  isReport: boolean;
  /** Milliseconds the reading took, for trace logging. */
  elapsedMs: number;
}

export class ReportCache {
  private readonly byUri = new Map<string, ReportAnalysis>();

  /** The reading of the document's current version, made now if it is not cached yet. */
  get(document: TextDocument): ReportAnalysis {
    const cached = this.byUri.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const analysis = analyzeText(document.uri, document.version, document.getText());
    this.byUri.set(document.uri, analysis);
    return analysis;
  }

  /**
   * The reading of the current version if it is cached or cheap to make now; undefined while
   * a slow report (one whose last reading took longer than `slowMs`) waits for its debounced
   * re-read. Hovers, code actions and lenses use this, so typing in a 10,000-row report does
   * not make every cursor move read the whole report again.
   */
  ifReady(document: TextDocument, slowMs: number): ReportAnalysis | undefined {
    const cached = this.byUri.get(document.uri);
    if (cached && cached.version !== document.version && cached.elapsedMs > slowMs) {
      return undefined;
    }
    return this.get(document);
  }

  /** How long the last reading of `uri` took, 0 when it was never read. */
  lastElapsedMs(uri: string): number {
    return this.byUri.get(uri)?.elapsedMs ?? 0;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** Reads report text; the workspace index uses this for files that are not open. */
export function analyzeText(uri: string, version: number, text: string): ReportAnalysis {
  const started = performance.now();
  if (tooLargeToRead(text)) return tooLarge(uri, version, text, started);
  // The confidence minimum is a setting and may differ per folder; the low-confidence problem
  // is derived from it at diagnostic time, so the cached reading does not depend on settings.
  const report = readReport(text, { fallbackTitle: fileName(uri) });
  const locator = new IocLocator(report, text);
  return {
    uri,
    version,
    report,
    locator,
    isReport: report.iocTables.length > 0 || report.iocs.length > 0,
    elapsedMs: performance.now() - started,
  };
}

/** A reading that is one notice: the document is too large to read in the editor. */
function tooLarge(uri: string, version: number, text: string, started: number): ReportAnalysis {
  const firstLine = text.indexOf('\n');
  const report: Report = {
    iocs: [],
    iocTables: [],
    tableNotes: [],
    scenarios: [],
    problems: [
      {
        code: 'too-large',
        severity: 'info',
        message: tooLargeMessage(text),
        span: { start: 0, end: firstLine < 0 ? Math.min(text.length, 200) : firstLine, line: 1 },
      },
    ],
  };
  return {
    uri,
    version,
    report,
    locator: new IocLocator(report, ''),
    // So the notice is published, though nothing else is.
    isReport: true,
    elapsedMs: performance.now() - started,
  };
}

/** The last path segment of a URI, decoded: how a report is named in hovers. */
export function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

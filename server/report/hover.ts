/**
 * IOC hovers: on an indicator in a report, and on a string literal in a `.kql` file whose
 * value is an indicator some report names. Both render the same card from core/report.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { classify } from '../../core/ioc/classify.js';
import { refang } from '../../core/ioc/refang.js';
import { iocHoverMarkdown } from '../../core/report/iocHover.js';
import { kqlStringAt } from '../../core/report/kqlStringAt.js';
import type { IocIndex } from '../iocIndex/iocIndex.js';
import { fileName, type ReportAnalysis } from './analysis.js';
import { rangeOf } from './diagnostics.js';

/** The hover for the indicator under `position` in a report, if any. */
export function reportHover(
  document: TextDocument,
  analysis: ReportAnalysis,
  position: Position,
): Hover | null {
  if (!analysis.isReport) return null;
  const hit = analysis.locator.iocAt(document.offsetAt(position));
  if (!hit) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: iocHoverMarkdown(hit.ioc, [{ kind: hit.kind }]) },
    range: rangeOf(document, hit.span.start, hit.span.end),
  };
}

/** The IOC hover for a string literal in a `.kql` document, from the reports the index holds. */
export function kqlLiteralHover(
  document: TextDocument,
  position: Position,
  index: IocIndex,
): Hover | null {
  const literal = kqlStringAt(document.getText(), document.offsetAt(position));
  if (!literal) return null;
  const classified = classify(refang(literal.value).value);
  if (!classified) return null;
  const found = index.lookup(classified);
  const first = found[0];
  if (!first) return null;
  // Each report holds the indicator on its own line: name that line, not the first report's.
  const origins = found.map((entry) => ({ reportName: fileName(entry.uri), at: entry.ioc }));
  return {
    contents: { kind: MarkupKind.Markdown, value: iocHoverMarkdown(first.ioc, origins) },
    range: rangeOf(document, literal.start, literal.end),
  };
}

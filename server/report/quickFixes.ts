/**
 * Quick fixes for report diagnostics, keyed on the problem codes. Each fix is offered only
 * where its edit is unambiguous; a problem without a safe fix keeps its diagnostic and gets
 * no action rather than a guess.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { defang, refang } from '../../core/ioc/refang.js';
import type { ReportAnalysis } from './analysis.js';
import { DIAGNOSTIC_SOURCE, rangeOf } from './diagnostics.js';

/** Quick fixes for the kql-hunt diagnostics among `diagnostics`. */
export function quickFixes(
  document: TextDocument,
  analysis: ReportAnalysis,
  diagnostics: Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const text = document.getText(diagnostic.range);
    const fix = (title: string, edits: TextEdit[], isPreferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred,
      edit: { changes: { [document.uri]: edits } },
    });
    switch (diagnostic.code) {
      case 'live-ioc': {
        // Defang what the author wrote, not the normalised value: an `ip:port` cell keeps its
        // port and a URL keeps the case of its path.
        const defanged = defang(text);
        if (defanged !== text) {
          actions.push(
            fix(`Defang ${clip(text)}`, [{ range: diagnostic.range, newText: defanged }], true),
          );
        }
        const all = defangAllEdits(document, analysis);
        if (all.length > 1)
          actions.push(fix(`Defang all ${all.length} live IOCs in this report`, all));
        break;
      }
      case 'suspicious-characters': {
        const hidden = new Set(refang(text).hiddenCharacters);
        const cleaned = [...text].filter((c) => !hidden.has(c)).join('');
        if (hidden.size > 0 && cleaned !== text) {
          actions.push(
            fix('Remove hidden characters', [{ range: diagnostic.range, newText: cleaned }], true),
          );
        }
        break;
      }
      case 'duplicate': {
        const edit = removeRowEdit(document, analysis, diagnostic);
        if (edit) actions.push(fix('Remove duplicate row', [edit]));
        break;
      }
    }
  }
  return actions;
}

/** One edit per live, linkable indicator the reader flagged. */
function defangAllEdits(document: TextDocument, analysis: ReportAnalysis): TextEdit[] {
  return analysis.report.problems
    .filter((problem) => problem.code === 'live-ioc')
    .flatMap((problem) => {
      const range = rangeOf(document, problem.span.start, problem.span.end);
      const text = document.getText(range);
      const newText = defang(text);
      return newText === text ? [] : [{ range, newText }];
    });
}

/**
 * Deletes the whole line of a duplicate table row, but only when that line is a table row
 * holding no other indicator: a cell listing several values, or a duplicate in prose, is left
 * for the author to edit by hand.
 */
function removeRowEdit(
  document: TextDocument,
  analysis: ReportAnalysis,
  diagnostic: Diagnostic,
): TextEdit | undefined {
  const line = diagnostic.range.start.line;
  if (diagnostic.range.end.line !== line) return undefined;
  const start = document.offsetAt({ line, character: 0 });
  const next = document.offsetAt({ line: line + 1, character: 0 });
  const onLine = (offset: number) => offset >= start && offset < next;
  const { report, locator } = analysis;
  if (!report.iocTables.some((table) => table.start <= start && table.end >= start))
    return undefined;
  if (!document.getText().slice(start, next).includes('|')) return undefined;
  // The spans met on this line resolve to records; a record read from this very line means
  // the row still carries an indicator of its own.
  const ownRecord = locator
    .iocIndexesIn(start, next - 1)
    .some((index) => onLine(report.iocs[index]?.span.start ?? -1));
  const duplicates = report.problems.filter((p) => p.code === 'duplicate' && onLine(p.span.start));
  if (ownRecord || duplicates.length !== 1) return undefined;
  return { range: rangeOf(document, start, next), newText: '' };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

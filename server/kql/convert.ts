// Translation between the Kusto adapter's plain types (offsets) and LSP types (positions).
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  type CompletionItem,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  COUNT_ARGUMENT_CODE,
  DEFANGED_STRING_CODE,
  INVISIBLE_CHARACTER_CODE,
  UNKNOWN_TABLE_CODE,
  type CountArgument,
  type InvisibleCharacters,
  type DefangedString,
  type KqlCompletionItem,
  type KqlCompletionKind,
  type KqlDiagnostic,
} from '../../core/kusto/index.js';

/** The `source` of every diagnostic this server publishes for KQL. */
export const KQL_SOURCE = 'kql-hunt';

/** Data carried on a diagnostic for its quick fix. */
export interface KqlDiagnosticData {
  refanged?: string;
  table?: string;
  /** The argument of a `count(x)` call. */
  countArgument?: string;
  /** A string literal's contents without its invisible characters. */
  cleaned?: string;
}

/**
 * The document as it is now, for mapping the worker's offsets once it answers: the live
 * document is updated in place by edits that arrive meanwhile.
 */
export function pin(document: TextDocument): () => TextDocument {
  const version = document.version;
  const text = document.getText();
  // Made once: a copy computes its line offsets again, and callers map many ranges.
  let copy: TextDocument | undefined;
  return () =>
    document.version === version
      ? document
      : (copy ??= TextDocument.create(document.uri, document.languageId, version, text));
}

export function rangeOf(document: TextDocument, start: number, length: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(start + length) };
}

export function toDiagnostic(document: TextDocument, d: KqlDiagnostic): Diagnostic {
  const data: KqlDiagnosticData = {};
  if (d.code === DEFANGED_STRING_CODE) data.refanged = (d as DefangedString).refanged;
  if (d.code === COUNT_ARGUMENT_CODE) data.countArgument = (d as CountArgument).argument;
  if (d.code === INVISIBLE_CHARACTER_CODE) data.cleaned = (d as InvisibleCharacters).cleaned;
  if (d.code === UNKNOWN_TABLE_CODE) {
    data.table = document.getText().slice(d.start, d.start + d.length);
  }
  return {
    range: rangeOf(document, d.start, Math.max(d.length, 1)),
    severity:
      d.severity === 'error'
        ? DiagnosticSeverity.Error
        : d.severity === 'warning'
          ? DiagnosticSeverity.Warning
          : DiagnosticSeverity.Information,
    code: d.code,
    source: KQL_SOURCE,
    message: d.message,
    data,
  };
}

const COMPLETION_KINDS: Record<KqlCompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  operator: CompletionItemKind.Operator,
  table: CompletionItemKind.Class,
  column: CompletionItemKind.Field,
  function: CompletionItemKind.Function,
  variable: CompletionItemKind.Variable,
  parameter: CompletionItemKind.TypeParameter,
  type: CompletionItemKind.TypeParameter,
  other: CompletionItemKind.Text,
};

/** An LSP completion item replacing `range`; `|` in our insert text becomes the caret stop. */
export function toCompletionItem(
  item: KqlCompletionItem,
  range: Range,
  snippets: boolean,
): CompletionItem {
  const caret = item.insertText.indexOf('|');
  const useSnippet = snippets && caret >= 0;
  const plain = item.insertText.replace('|', '');
  const newText = useSnippet
    ? `${escapeSnippet(item.insertText.slice(0, caret))}$0${escapeSnippet(item.insertText.slice(caret + 1))}`
    : plain;
  return {
    label: item.label,
    kind: COMPLETION_KINDS[item.kind],
    sortText: item.sortText,
    filterText: plain.trim(),
    insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText },
  };
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (m) => `\\${m}`);
}

// Completion from the service, in our own item type.
import { loadKusto, toArray } from './bridge.js';
import { codeServiceFor, hasCodeService } from './codeService.js';
import { completionPrefix } from './completionPrefix.js';

/** What a completion item stands for, in terms an editor maps to its own kinds. */
export type KqlCompletionKind =
  | 'keyword'
  | 'operator'
  | 'table'
  | 'column'
  | 'function'
  | 'variable'
  | 'parameter'
  | 'type'
  | 'other';

/** One completion, with the text range it replaces (offsets into the query text). */
export interface KqlCompletionItem {
  label: string;
  kind: KqlCompletionKind;
  /** Text inserted in place of the edit range; `|` marks where the caret goes when present. */
  insertText: string;
  /** Keeps the service's order: it ranks columns in scope before keywords and functions. */
  sortText: string;
}

/** Completions at `offset` with the range they replace. */
export interface KqlCompletions {
  editStart: number;
  editLength: number;
  items: KqlCompletionItem[];
}

/** Completions for one query; the operators after the caret's are analysed only if they were. */
export function complete(
  text: string,
  offset: number,
  globals: Kusto.Language.GlobalState,
): KqlCompletions {
  const analysed = hasCodeService(text, globals) ? text : completionPrefix(text, offset);
  const info = codeServiceFor(analysed, globals).GetCompletionItems(offset, null);
  if (!info) return { editStart: offset, editLength: 0, items: [] };
  const kinds = kindNames();
  const items = toArray(info.Items).map((item, index): KqlCompletionItem => {
    const { before, after } = insertTexts(item);
    return {
      label: item.DisplayText ?? before,
      kind: kinds.get(item.Kind) ?? 'other',
      insertText: after ? `${before}|${after}` : before,
      sortText: String(index).padStart(5, '0'),
    };
  });
  return { editStart: info.EditStart, editLength: info.EditLength, items };
}

let kindMap: Map<number, KqlCompletionKind> | undefined;

function kindNames(): Map<number, KqlCompletionKind> {
  if (kindMap) return kindMap;
  const Kind = loadKusto().Editor.CompletionKind;
  kindMap = new Map<number, KqlCompletionKind>([
    [Kind.Keyword, 'keyword'],
    [Kind.Syntax, 'keyword'],
    [Kind.QueryPrefix, 'operator'],
    [Kind.TabularPrefix, 'operator'],
    [Kind.TabularSuffix, 'operator'],
    [Kind.ScalarPrefix, 'operator'],
    [Kind.ScalarInfix, 'operator'],
    [Kind.Table, 'table'],
    [Kind.MaterialiedView, 'table'],
    [Kind.Column, 'column'],
    [Kind.BuiltInFunction, 'function'],
    [Kind.AggregateFunction, 'function'],
    [Kind.DatabaseFunction, 'function'],
    [Kind.LocalFunction, 'function'],
    [Kind.Variable, 'variable'],
    [Kind.Parameter, 'parameter'],
    [Kind.ScalarType, 'type'],
  ]);
  return kindMap;
}

/**
 * The text before and after the caret for an item. The service's BeforeText/AfterText getters
 * compute this through LINQ and cost more than the completion itself on a 600-item list, so
 * the parts are joined directly.
 */
function insertTexts(item: Kusto.Language.Editor.CompletionItem): {
  before: string;
  after: string;
} {
  let before = '';
  let after = '';
  let caret = false;
  for (const part of toArray(item.ApplyTexts)) {
    if (part.Caret) caret = true;
    if (caret) after += part.Text ?? '';
    else before += part.Text ?? '';
  }
  if (!before && !after) before = item.DisplayText ?? '';
  return { before, after };
}

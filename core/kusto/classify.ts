// Semantic classification of query text from the service (what each word is after binding:
// a table, a column, a function …), for semantic highlighting.
import { loadKusto, toArray } from './bridge.js';
import { codeServiceFor } from './codeService.js';
import { withBlankedStrings } from './longLists.js';

/** Token kinds we report; the order is the legend an LSP server announces. */
export const KQL_TOKEN_KINDS = [
  'comment',
  'string',
  'number',
  'keyword',
  'operator',
  'type',
  'table',
  'column',
  'function',
  'parameter',
  'variable',
] as const;

export type KqlTokenKind = (typeof KQL_TOKEN_KINDS)[number];

/** A classified range of a query, by offsets into the query text. */
export interface KqlToken {
  start: number;
  length: number;
  kind: KqlTokenKind;
}

/** The classified ranges of one query, in text order; plain text and punctuation are left out. */
export function classify(text: string, globals: Kusto.Language.GlobalState): KqlToken[] {
  const service = codeServiceFor(text, globals);
  return withBlankedStrings(tokensOf(service, text.length), service.Text ?? text, text);
}

/**
 * The same for a query already analysed (for its diagnostics): reading classifications off an
 * analysis costs about a twentieth of analysing the text again.
 */
export function classifyAnalysed(code: Kusto.Language.KustoCode): KqlToken[] {
  const service = new (loadKusto().Editor.KustoCodeService.ctor)(code);
  return tokensOf(service, code.Text?.length ?? 0);
}

function tokensOf(service: Kusto.Language.Editor.KustoCodeService, length: number): KqlToken[] {
  const info = service.GetClassifications(0, length, false, true);
  const kinds = kindNames();
  const tokens: KqlToken[] = [];
  for (const range of toArray(info?.Classifications)) {
    const kind = kinds.get(range.Kind);
    if (kind && range.Length > 0) tokens.push({ start: range.Start, length: range.Length, kind });
  }
  return tokens.sort((a, b) => a.start - b.start);
}

let kindMap: Map<number, KqlTokenKind> | undefined;

function kindNames(): Map<number, KqlTokenKind> {
  if (kindMap) return kindMap;
  const Kind = loadKusto().Editor.ClassificationKind;
  kindMap = new Map<number, KqlTokenKind>([
    [Kind.Comment, 'comment'],
    [Kind.StringLiteral, 'string'],
    [Kind.Literal, 'number'],
    [Kind.Keyword, 'keyword'],
    [Kind.QueryOperator, 'keyword'],
    [Kind.Command, 'keyword'],
    [Kind.Directive, 'keyword'],
    [Kind.Option, 'keyword'],
    [Kind.ScalarOperator, 'operator'],
    [Kind.MathOperator, 'operator'],
    [Kind.Type, 'type'],
    [Kind.Table, 'table'],
    [Kind.MaterializedView, 'table'],
    [Kind.Database, 'table'],
    [Kind.Column, 'column'],
    [Kind.SchemaMember, 'column'],
    [Kind.Function, 'function'],
    [Kind.Parameter, 'parameter'],
    [Kind.SignatureParameter, 'parameter'],
    [Kind.QueryParameter, 'parameter'],
    [Kind.ClientParameter, 'parameter'],
    [Kind.Variable, 'variable'],
  ]);
  return kindMap;
}

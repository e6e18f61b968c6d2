// String literals as the Kusto parser reads them. Used to prove that text we put into KQL comes
// back out of the parser exactly as we meant it: the check on kqlString's escaping is the real
// parser, not a second hand-written unescaper that could share its bugs.
import { loadKusto } from './bridge.js';

/** One string literal token of a query and the value the parser gives it. */
export interface StringLiteral {
  /** Offset of the literal (its opening quote or `@`/`h` prefix) in the text. */
  start: number;
  /** Length of the literal as written, quotes included. */
  length: number;
  /** The literal's value after the parser undid its escapes. */
  value: string;
}

/**
 * Every string literal in `text`, in order, as parsed (no schema needed: this is syntax only).
 * Adjacent literals that KQL concatenates (`"a" "b"`) are listed one by one, so a value whose
 * escaping broke into two literals shows up as two entries rather than as one joined value.
 */
export function stringLiteralValues(text: string): StringLiteral[] {
  const K = loadKusto();
  const root = K.KustoCode.Parse(text, null)?.Syntax;
  const stringToken = Kusto.Language.Syntax.SyntaxKind.StringLiteralToken;
  const out: StringLiteral[] = [];
  // Walk tokens rather than literal expressions: a compound literal holds several tokens but
  // is one expression, and each token must be checked on its own.
  for (let token = root?.GetFirstToken() ?? null; token; token = token.GetNextToken()) {
    if (token.Kind !== stringToken) continue;
    out.push({ start: token.TextStart, length: token.Width, value: String(token.Value ?? '') });
  }
  return out;
}

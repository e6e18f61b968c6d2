// `let` statements of a query: the outline (document symbols) and, through the service's
// related-elements analysis, the declaration and uses of a let name.
import { toArray } from './bridge.js';
import { blankStringsAndComments } from './lexical.js';
import { codeServiceFor } from './codeService.js';

/** A `let` statement: its name, what it binds, and where it is. */
export interface KqlLetSymbol {
  name: string;
  kind: 'function' | 'tabular' | 'scalar';
  /** The whole statement, from `let` to its `;` (or the end of the query). */
  start: number;
  end: number;
  nameStart: number;
}

/** Where a name is declared and used in a query, by offsets. */
export interface KqlNameUses {
  declaration?: { start: number; length: number };
  references: { start: number; length: number }[];
}

const LET = /\blet\s+([A-Za-z_]\w*)\s*=\s*/g;

/** The top-level `let` statements of one query. */
export function letSymbols(text: string): KqlLetSymbol[] {
  const code = blankStringsAndComments(text);
  const symbols: KqlLetSymbol[] = [];
  for (const match of code.matchAll(LET)) {
    const name = match[1]!;
    const valueStart = match.index + match[0].length;
    const end = statementEnd(code, valueStart);
    const value = code.slice(valueStart, end);
    const kind = /^\(\s*([A-Za-z_]\w*\s*:|\))[^)]*\)\s*\{/.test(value)
      ? 'function'
      : /^\s*(materialize\s*\(|\(?\s*[A-Z_]\w*\s*(\||\(|$))|\|/.test(value)
        ? 'tabular'
        : 'scalar';
    symbols.push({ name, kind, start: match.index, end, nameStart: match.index + 4 });
  }
  return symbols;
}

/** The declaration and references of the name at `offset`, from the service's binding. */
export function nameUses(
  text: string,
  offset: number,
  globals: Kusto.Language.GlobalState,
): KqlNameUses {
  const info = codeServiceFor(text, globals).GetRelatedElements(offset, null as never);
  const uses: KqlNameUses = { references: [] };
  for (const element of toArray(info?.Elements)) {
    const range = { start: element.Start, length: element.Length };
    // RelatedElementKind: 2 = declaration, 1 = reference, 0 = matching syntax (brackets).
    if (element.Kind === 2) uses.declaration = range;
    else if (element.Kind === 1) uses.references.push(range);
  }
  return uses;
}

function statementEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ';' && depth <= 0) return i + 1;
  }
  return code.length;
}

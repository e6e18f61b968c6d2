// Signature help: which function call the caret is in, its signatures and the active argument.
// The call is found by scanning back over balanced brackets (strings and comments skipped by
// blanking them first), then the signatures come from the service's symbols.
import { toArray } from './bridge.js';
import { blankStringsAndComments } from './lexical.js';

/** One signature of a function, with each parameter's label. */
export interface KqlSignature {
  label: string;
  parameters: string[];
}

/** Signature help for a call around the caret. */
export interface KqlSignatureHelp {
  name: string;
  signatures: KqlSignature[];
  activeParameter: number;
}

/** Signature help at `offset` in one query, or undefined outside a known function call. */
export function signatureHelp(
  text: string,
  offset: number,
  globals: Kusto.Language.GlobalState,
): KqlSignatureHelp | undefined {
  const code = blankStringsAndComments(text.slice(0, offset));
  let depth = 0;
  let commas = 0;
  for (let i = code.length - 1; i >= 0; i--) {
    const ch = code[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '[' || ch === '{') depth = Math.max(0, depth - 1);
    else if (ch === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const name = /([A-Za-z_][\w]*)\s*$/.exec(code.slice(0, i))?.[1];
      if (!name) return undefined;
      const symbol =
        globals.GetFunction(name) ?? globals.GetAggregate(name) ?? globals.GetPlugIn(name);
      const signatures = toArray(symbol?.Signatures).map((s) => describe(name, s));
      if (signatures.length === 0) return undefined;
      return { name, signatures, activeParameter: commas };
    } else if (ch === ',' && depth === 0) commas++;
  }
  return undefined;
}

function describe(name: string, signature: Kusto.Language.Symbols.Signature): KqlSignature {
  const parameters = toArray(signature.Parameters).map((p) => {
    const declared = toArray(p.DeclaredTypes).map((t) => t.Name ?? '');
    const type = declared.length > 0 ? declared.join(' | ') : p.IsTabular ? 'table' : 'scalar';
    return `${p.Name}${p.IsOptional ? '?' : ''}: ${type}`;
  });
  return { label: `${name}(${parameters.join(', ')})`, parameters };
}

/** Replaces string contents and comments with spaces so brackets inside them are ignored. */

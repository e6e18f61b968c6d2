// Declaring a name a query uses as a query parameter. The body of a saved function names its
// parameters (`query_period`, `domain`) without declaring them: they belong to the function's
// definition, outside the text, so the text alone is full of unknown names. A
// `declare query_parameters(...)` statement makes it checkable on its own.
import type { KqlDiagnostic } from './diagnostics.js';
import type { KqlTextEdit } from './documentFeatures.js';
import { blankStringsAndComments } from './lexical.js';

/** Types tried, in the order preferred when several fit equally well. */
const CANDIDATE_TYPES = ['string', 'timespan', 'datetime', 'long', 'real', 'bool', 'dynamic'];

/**
 * Parameters are named like variables, starting in lower case. Table columns start in upper
 * case, and a misspelt column is the likelier cause of an unknown PascalCase name: declaring it
 * as a parameter would hide the typo.
 */
const PARAMETER_NAME = /^[a-z_][A-Za-z0-9_]*$/;

/** A declaration of `name` for `query`, with the type that leaves the fewest errors. */
export interface ParameterDeclaration {
  type: string;
  edit: KqlTextEdit;
}

/**
 * How to declare `name` as a parameter of `query`, trying each type with `check` (the
 * diagnostics of one query); undefined for a name that does not look like a parameter, or when
 * no type leaves fewer errors than declaring nothing.
 */
export function parameterDeclaration(
  query: string,
  name: string,
  check: (query: string) => KqlDiagnostic[],
): ParameterDeclaration | undefined {
  if (!PARAMETER_NAME.test(name)) return undefined;
  const errorsIn = (text: string) => check(text).filter((d) => d.severity === 'error').length;
  let best: (ParameterDeclaration & { errors: number }) | undefined;
  let fewest = errorsIn(query);
  for (const type of CANDIDATE_TYPES) {
    const edit = declarationEdit(query, name, type);
    const errors = errorsIn(query.slice(0, edit.start) + edit.text + query.slice(edit.end));
    if (errors < fewest) {
      best = { type, edit, errors };
      fewest = errors;
    }
    if (errors === 0) break;
  }
  return best && { type: best.type, edit: best.edit };
}

/**
 * Adds `name:type` at the end of the query's parameter declaration, or declares it in a new one
 * after the comment lines that open the query (its title and notes stay on top).
 */
export function declarationEdit(query: string, name: string, type: string): KqlTextEdit {
  const code = blankStringsAndComments(query);
  const existing = /\bdeclare\s+query_parameters\s*\(/i.exec(code);
  if (existing) {
    const open = existing.index + existing[0].length;
    const close = closingParenthesis(code, open);
    if (close !== undefined) {
      const empty = code.slice(open, close).trim() === '';
      return { start: close, end: close, text: empty ? `${name}:${type}` : `, ${name}:${type}` };
    }
  }
  // Blank in `code`, and starting with `//` in the query: the comment lines on top.
  const opening = /^(?:[ \t]*(?:\/\/[^\n]*)?\r?\n)*/.exec(query)![0];
  const at = opening.length;
  return { start: at, end: at, text: `declare query_parameters(${name}:${type});\n` };
}

/** The `)` closing the parenthesis opened just before `from`, in text without strings. */
function closingParenthesis(code: string, from: number): number | undefined {
  let depth = 1;
  for (let i = from; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return undefined;
}

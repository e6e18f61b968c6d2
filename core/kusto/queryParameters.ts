// Declaring a name a query uses as a query parameter. The body of a saved function names its
// parameters (`query_period`, `domain`) without declaring them: they belong to the function's
// definition, outside the text, so the text alone is full of unknown names. A
// `declare query_parameters(...)` statement makes it checkable on its own.
import { UNKNOWN_NAME_CODE, type KqlDiagnostic } from './diagnostics.js';
import type { KqlTextEdit } from './documentFeatures.js';
import { blankStringsAndComments } from './lexical.js';

/** Types tried, in the order preferred when several fit equally well. */
const CANDIDATE_TYPES = ['string', 'datetime', 'timespan', 'long', 'real', 'bool', 'dynamic'];

/**
 * Parameters are named like variables, starting in lower case. Table columns start in upper
 * case (or `_`, as `_ResourceId`), and a misspelt column is the likelier cause of such an unknown
 * name: declaring it as a parameter would hide the typo.
 */
const PARAMETER_NAME = /^[a-z][A-Za-z0-9_]*$/;
/** Longer queries are not tried: seven analyses of one would hold up completion for seconds. */
const MAX_QUERY_LENGTH = 16_000;

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
  if (!PARAMETER_NAME.test(name) || query.length > MAX_QUERY_LENGTH) return undefined;
  const baseline = check(query);
  // Other unknown names used beside this one (`between (starttime .. endtime)`) are declared
  // `dynamic` while a type is tried, and errors at them are not counted: left unknown, they
  // would make a lenient `dynamic` look best, or ask this one for the wrong type.
  const unknownOthers = baseline.filter(
    (d) => d.code === UNKNOWN_NAME_CODE && unknownName(d) !== name,
  );
  const others = unknownOthers.map((d) => [d.start, d.start + d.length] as const);
  const otherNames = [...new Set(unknownOthers.map((d) => unknownName(d)!))].filter((n) =>
    PARAMETER_NAME.test(n),
  );
  const errorsIn = (diagnostics: KqlDiagnostic[], shift: number) =>
    diagnostics.filter(
      (d) =>
        d.severity === 'error' &&
        !others.some(([start, end]) => d.start < end + shift && start + shift < d.start + d.length),
    ).length;
  const othersAsDynamic = otherNames.map((other) => `, ${other}:dynamic`).join('');
  let best: string | undefined;
  let fewest = errorsIn(baseline, 0);
  for (const type of CANDIDATE_TYPES) {
    const trial = parametersEdit(query, `${name}:${type}${othersAsDynamic}`);
    const text = query.slice(0, trial.start) + trial.text + query.slice(trial.end);
    const errors = errorsIn(check(text), trial.text.length);
    if (errors < fewest) {
      best = type;
      fewest = errors;
    }
    if (errors === 0) break;
  }
  return best === undefined ? undefined : { type: best, edit: declarationEdit(query, name, best) };
}

/** The name an unknown-name diagnostic is about. */
export function unknownName(diagnostic: Pick<KqlDiagnostic, 'message'>): string | undefined {
  return /^The name '([^']+)' does not refer/.exec(diagnostic.message)?.[1];
}

/**
 * Adds `name:type` at the end of the query's parameter declaration, or declares it in a new one
 * after the comment lines that open the query (its title and notes stay on top).
 */
export function declarationEdit(query: string, name: string, type: string): KqlTextEdit {
  return parametersEdit(query, `${name}:${type}`);
}

/** {@link declarationEdit} of a parameter list `a:long, b:string`. */
function parametersEdit(query: string, parameters: string): KqlTextEdit {
  const code = blankStringsAndComments(query);
  const existing = /\bdeclare\s+query_parameters\s*\(/i.exec(code);
  if (existing) {
    const open = existing.index + existing[0].length;
    const close = closingParenthesis(code, open);
    if (close !== undefined) {
      const empty = code.slice(open, close).trim() === '';
      return { start: close, end: close, text: empty ? parameters : `, ${parameters}` };
    }
  }
  // Blank in `code`, and starting with `//` in the query: the comment lines on top.
  const opening = /^(?:[ \t]*(?:\/\/[^\n]*)?\r?\n)*/.exec(query)![0];
  const at = opening.length;
  // The line's own indentation (a fence in a list item) and line ending.
  const indent = /^[ \t]*/.exec(query.slice(at))![0];
  const newline = query.includes('\r\n') ? '\r\n' : '\n';
  return {
    start: at,
    end: at,
    text: `${indent}declare query_parameters(${parameters});${newline}`,
  };
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

/**
 * Whether `name` reads as a misspelling of one of `inScope` (columns and `let` names at the
 * caret): the same letters in another case, or, for names of five letters or more, at most two
 * edits away (`threshol`, `lookbak`). Declaring such a name would hide the typo.
 */
export function resemblesNameInScope(name: string, inScope: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return inScope.some((other) => {
    const candidate = other.toLowerCase();
    if (candidate === lower) return true;
    return lower.length >= 5 && Math.abs(candidate.length - lower.length) <= 2
      ? editDistance(lower, candidate, 2) <= 2
      : false;
  });
}

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

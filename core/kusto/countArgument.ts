// `count(Column)`. The documented aggregate is `count()`; the engine still runs `count(x)` as
// `countif(isnotnull(x))`, an alias its reference no longer lists. The service reads the
// argument as countif's predicate and rejects any column that is not bool, so a query that runs
// in production lights up red. The error becomes a warning that says what the form means, with
// the two rewrites offered as quick fixes.
import type { KqlDiagnostic } from './diagnostics.js';

/** Our code for `count(x)` with a non-bool argument. */
export const COUNT_ARGUMENT_CODE = 'KQLH002';

/** A `count(x)` call: the diagnostic covers the whole call. */
export interface CountArgument extends KqlDiagnostic {
  /** The argument's text. */
  argument: string;
}

/** The service's code for an argument of the wrong type. */
const WRONG_TYPE_CODE = 'KS107';
const CALL_OPENING = /\bcount\s*\(\s*$/;
const CALL_CLOSING = /^\s*\)/;
/** Longer arguments are cut in the message; the quick fix keeps them whole. */
const SHOWN_ARGUMENT = 60;

/** Replaces the service's type error on each `count(x)` by our warning. */
export function explainCountArguments(diagnostics: KqlDiagnostic[], text: string): KqlDiagnostic[] {
  return diagnostics.map((d) => {
    if (d.code !== WRONG_TYPE_CODE || !/type bool expected/.test(d.message)) return d;
    const opening = CALL_OPENING.exec(text.slice(Math.max(0, d.start - 40), d.start));
    const closing = CALL_CLOSING.exec(text.slice(d.start + d.length));
    if (!opening || !closing) return d;
    const argument = text.slice(d.start, d.start + d.length);
    const shown =
      argument.length > SHOWN_ARGUMENT ? `${argument.slice(0, SHOWN_ARGUMENT)}…` : argument;
    const start = d.start - opening[0].length;
    const explained: CountArgument = {
      start,
      length: d.start + d.length + closing[0].length - start,
      severity: 'warning',
      code: COUNT_ARGUMENT_CODE,
      message:
        `count(${shown}) counts the rows where ${shown} is not null: the engine runs it as ` +
        `countif(isnotnull(…)), a form no longer documented. Write count() to count every ` +
        `row, or countif(isnotnull(…)) to keep this meaning.`,
      argument,
    };
    return explained;
  });
}

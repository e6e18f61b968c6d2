// User declarations compiled the way a query would use them. The service builds a table from a
// schema string with a column declared twice by dropping the second, and a function from a
// body that does not compile without a word (a body is bound only where it is called): every
// query using them would then be checked against something other than what the user wrote.
import type { KqlDiagnostic } from './diagnostics.js';
import {
  functionSource,
  tableColumns,
  type DeclarationProblem,
  type SchemaDeclarations,
} from './globals.js';

/** The service's code for an unknown type name, which buildGlobals reports in its own words. */
const UNKNOWN_TYPE_CODE = 'KS160';
/** A name no declaration can use, for the function under test. */
const PROBE = '__kqlhunt_declaration';

/**
 * Problems found by compiling each declaration, given a check of one query under the same
 * declarations; names in `reported` already have a problem and are not compiled again.
 */
export function compileDeclarations(
  declarations: SchemaDeclarations,
  check: (query: string) => KqlDiagnostic[],
  reported: ReadonlySet<string>,
): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const errorsOf = (query: string) => check(query).filter((d) => d.severity === 'error');
  for (const [name, schema] of Object.entries(declarations.customTables ?? {})) {
    if (reported.has(name)) continue;
    const errors = errorsOf(`datatable${tableColumns(schema).listed}[]`).filter(
      (d) => d.code !== UNKNOWN_TYPE_CODE,
    );
    if (errors.length > 0) problems.push({ name, message: summary('table schema', errors) });
  }
  for (const [name, declaration] of Object.entries(declarations.customFunctions ?? {})) {
    if (reported.has(name)) continue;
    const { parameters, body } = functionSource(declaration);
    const errors = errorsOf(`let ${PROBE} = ${parameters} ${body};\nprint 0`);
    if (errors.length > 0) problems.push({ name, message: summary('function', errors) });
  }
  return problems;
}

function summary(subject: string, errors: KqlDiagnostic[]): string {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${subject} does not compile: ${errors[0]!.message}${more}`;
}

// User declarations compiled the way a query would use them. The service builds a table from a
// schema string with a column declared twice by dropping the second, and a function from a
// body that does not compile without a word (a body is bound only where it is called): every
// query using them would then be checked against something other than what the user wrote.
import { loadKusto } from './bridge.js';
import type { KqlDiagnostic } from './diagnostics.js';
import {
  functionSource,
  tableColumns,
  type DeclarationProblem,
  type SchemaDeclarations,
} from './globals.js';

/** A name no declaration can use, for the function under test. */
const PROBE = '__kqlhunt_declaration';

/**
 * Problems found by compiling each declaration, given a check of one query under the same
 * declarations (`globals`); declarations `reported` already have a problem of their own.
 */
export function compileDeclarations(
  declarations: SchemaDeclarations,
  globals: Kusto.Language.GlobalState,
  check: (query: string) => KqlDiagnostic[],
  reported: readonly DeclarationProblem[],
): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const skip = (name: string, kind: DeclarationProblem['kind']) =>
    reported.some((p) => p.name === name && p.kind === kind);
  const errorsOf = (query: string) => check(query).filter((d) => d.severity === 'error');
  const K = loadKusto();
  const S = K.Syntax;
  for (const [name, schema] of Object.entries(declarations.customTables ?? {})) {
    if (skip(name, 'table')) continue;
    // A line break before `[]`: a `//` in the schema must not swallow the rest.
    const probe = `datatable${tableColumns(schema).listed}\n[]`;
    const [statement, ...more] = statementsOf(probe, globals);
    const isList =
      more.length === 0 &&
      statement instanceof S.ExpressionStatement &&
      statement.Expression instanceof S.DataTableExpression;
    if (!isList) {
      const message = 'the schema must be one column list like "(Name:string, Count:long)"';
      problems.push({ name, kind: 'table', message });
      continue;
    }
    const errors = errorsOf(probe);
    if (errors.length > 0) {
      problems.push({ name, kind: 'table', message: summary('table schema', errors) });
    }
  }
  for (const [name, declaration] of Object.entries(declarations.customFunctions ?? {})) {
    if (skip(name, 'function')) continue;
    const { parameters, body } = functionSource(declaration);
    const probe = `let ${PROBE} = ${parameters}\n${body};\nprint 0`;
    // Parameters or a body holding more than a list or a body (`() { x }; //`) would make the
    // probe compile something other than the function the service builds.
    const [statement, ...more] = statementsOf(probe, globals);
    const isFunction =
      more.length === 1 &&
      statement instanceof S.LetStatement &&
      statement.Expression instanceof S.FunctionDeclaration;
    if (!isFunction) {
      const message =
        'the parameters must be one list like "(since:timespan=1d)" and the body one query';
      problems.push({ name, kind: 'function', message });
      continue;
    }
    const errors = errorsOf(probe);
    if (errors.length > 0) {
      problems.push({ name, kind: 'function', message: summary('function', errors) });
    }
  }
  return problems;
}

function statementsOf(
  text: string,
  globals: Kusto.Language.GlobalState,
): Kusto.Language.Syntax.Statement[] {
  const K = loadKusto();
  const root = K.KustoCode.Parse(text, globals)?.Syntax;
  if (!(root instanceof K.Syntax.QueryBlock) || !root.Statements) return [];
  const statements: Kusto.Language.Syntax.Statement[] = [];
  for (let i = 0; i < root.Statements.Count; i++) {
    const statement = root.Statements.getItem$1(i)?.Element;
    if (statement instanceof K.Syntax.Statement) statements.push(statement);
  }
  return statements;
}

function summary(subject: string, errors: KqlDiagnostic[]): string {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${subject} does not compile: ${errors[0]!.message}${more}`;
}

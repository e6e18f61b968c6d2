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
  const S = loadKusto().Syntax;
  /** Compiles one declaration's probe: first its shape, then its errors. */
  const compile = (
    name: string,
    kind: 'table' | 'function',
    probe: string,
    hasShape: (statements: Kusto.Language.Syntax.Statement[]) => boolean,
    shapeMessage: string,
  ): void => {
    if (reported.some((p) => p.name === name && p.kind === kind)) return;
    if (!hasShape(statementsOf(probe, globals))) {
      problems.push({ name, kind, message: shapeMessage });
      return;
    }
    const errors = check(probe).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const subject = kind === 'table' ? 'table schema' : 'function';
      problems.push({ name, kind, message: summary(subject, errors) });
    }
  };
  for (const [name, schema] of Object.entries(declarations.customTables ?? {})) {
    // A line break before `[]`: a `//` in the schema must not swallow the rest.
    compile(
      name,
      'table',
      `datatable${tableColumns(schema).listed}\n[]`,
      ([statement, ...more]) =>
        more.length === 0 &&
        statement instanceof S.ExpressionStatement &&
        statement.Expression instanceof S.DataTableExpression,
      'the schema must be one column list like "(Name:string, Count:long)"',
    );
  }
  for (const [name, declaration] of Object.entries(declarations.customFunctions ?? {})) {
    const { parameters, body } = functionSource(declaration);
    // Parameters or a body holding more than a list or a body (`() { x }; //`) would make the
    // probe compile something other than the function the service builds.
    compile(
      name,
      'function',
      `let ${PROBE} = ${parameters}\n${body};\nprint 0`,
      ([statement, ...more]) =>
        more.length === 1 &&
        statement instanceof S.LetStatement &&
        statement.Expression instanceof S.FunctionDeclaration,
      'the parameters must be one list like "(since:timespan=1d)" and the body one query',
    );
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

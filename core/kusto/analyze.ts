// Analyses one query. Unknown tables and saved functions are the commonest cause of false
// alarms (a custom `*_CL` table, a parser saved in the workspace): the first analysis finds
// them, a second one binds them to stand-ins that accept any column, so the user sees one
// warning per unknown name instead of an error on every column read from it.
import { describeError, loadKusto, must } from './bridge.js';
import { openTables, type Platform } from './catalog.js';
import {
  UNKNOWN_FUNCTION_CODE,
  UNKNOWN_TABLE_CODE,
  collectDiagnostics,
  type KqlDiagnostic,
} from './diagnostics.js';
import { globalsFor, type SchemaDeclarations } from './globals.js';
import { forgiveServiceGaps } from './serviceGaps.js';
import { shortenLiteralLists } from './longLists.js';
import { explainCountArguments } from './countArgument.js';

/** A saved function or parser is named like a table; built-in functions are all lower case. */
const SAVED_FUNCTION_NAME = /^[A-Z_]/;

/**
 * Diagnostics for one query under these declarations. `columnArgumentFunctions` are platform
 * functions whose arguments may name input columns (see collectDiagnostics). `analysed` is
 * given the analysis under the declarations as they are, for callers that read more from it
 * (of the text with long literal lists shortened: see longLists.ts).
 */
export function analyzeQuery(
  text: string,
  declarations: SchemaDeclarations,
  columnArgumentFunctions: readonly string[],
  analysed?: (code: Kusto.Language.KustoCode, text: string) => void,
): KqlDiagnostic[] {
  // Same offsets as `text`: only the tail of long literal lists is blanked.
  const query = { text, shortened: shortenLiteralLists(text) };
  const first = run(query, declarations, columnArgumentFunctions, false, analysed);
  const tables = namesWith(first, text, UNKNOWN_TABLE_CODE);
  const functions = namesWith(first, text, UNKNOWN_FUNCTION_CODE).filter((name) =>
    SAVED_FUNCTION_NAME.test(name),
  );
  if (tables.length === 0 && functions.length === 0) return first;

  const unknown = new Set([...tables, ...functions]);
  const notices = first
    .filter((d) => isUnknownName(d, text, unknown))
    .map((d) => notice(d, text, declarations.platform));
  const exempt = [...columnArgumentFunctions, ...functions];
  const attempt = (scalar: string[]): KqlDiagnostic[] => {
    const placeholders = {
      tables,
      tabularFunctions: functions.filter((name) => !scalar.includes(name)),
      scalarFunctions: scalar,
    };
    return run(query, { ...declarations, placeholders }, exempt, tables.length > 0);
  };
  // Whether a saved function returns a table or a value is unknown: each one is bound as a
  // table first, and as a value when that leaves fewer errors (one more analysis per name).
  let scalar: string[] = [];
  let second = attempt(scalar);
  for (const name of functions) {
    const alternative = attempt([...scalar, name]);
    if (errorCount(alternative) < errorCount(second)) {
      scalar = [...scalar, name];
      second = alternative;
    }
  }
  return [...notices, ...second].sort((a, b) => a.start - b.start);
}

/** `shortened` is what the service analyses; diagnostics are read against `text`. */
function run(
  { text, shortened }: { text: string; shortened: string },
  declarations: SchemaDeclarations,
  columnArgumentFunctions: readonly string[],
  readsUnknownTable: boolean,
  analysed?: (code: Kusto.Language.KustoCode, text: string) => void,
): KqlDiagnostic[] {
  const K = loadKusto();
  const { globals } = globalsFor(declarations);
  try {
    const code = must(K.KustoCode.ParseAndAnalyze(shortened, globals), 'analysis');
    analysed?.(code, text);
    const readsOpenTable =
      readsUnknownTable || [...openTables(declarations.platform)].some((t) => text.includes(t));
    const found = collectDiagnostics(code, columnArgumentFunctions);
    const diagnostics = forgiveServiceGaps(found, text, { readsOpenTable });
    return explainCountArguments(diagnostics, text);
  } catch (error) {
    // A failure inside the service becomes one diagnostic on the query, not a crash.
    return [
      {
        start: 0,
        length: Math.min(text.length, 1),
        severity: 'warning',
        code: 'KQLH-internal',
        message: `The Kusto service failed on this query: ${describeError(error)}`,
      },
    ];
  }
}

function namesWith(diagnostics: KqlDiagnostic[], text: string, code: string): string[] {
  const names = diagnostics
    .filter((d) => d.code === code)
    .map((d) => text.slice(d.start, d.start + d.length));
  return [...new Set(names)].filter((name) => /^[A-Za-z_][\w]*$/.test(name));
}

function isUnknownName(d: KqlDiagnostic, text: string, names: Set<string>): boolean {
  return (
    (d.code === UNKNOWN_TABLE_CODE || d.code === UNKNOWN_FUNCTION_CODE) &&
    names.has(text.slice(d.start, d.start + d.length))
  );
}

function notice(d: KqlDiagnostic, text: string, platform: Platform): KqlDiagnostic {
  const name = text.slice(d.start, d.start + d.length);
  const where = platform === 'sentinel' ? 'Sentinel' : 'Defender XDR';
  const message =
    d.code === UNKNOWN_TABLE_CODE
      ? `Unknown table '${name}': not in the ${where} schema. ` +
        'Declare it as a custom table to check its columns.'
      : `Unknown function '${name}': not built in. ` +
        'Declare it as a custom function (saved function or parser) to check its use.';
  return { ...d, severity: 'warning', message };
}

function errorCount(diagnostics: KqlDiagnostic[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

// Builds the service's GlobalState (the schema it binds names against) for a platform plus the
// user's own declarations, and caches it: building costs tens of milliseconds and every
// analysis of every query needs it.
import { describeError, loadKusto, must, toArray, type KustoLanguage } from './bridge.js';
import {
  platformFunctions,
  platformTables,
  type Platform,
  type PlatformFunction,
} from './catalog.js';

/** A user-declared function: its parameters and either a body or its output columns. */
export interface CustomFunction {
  /** Kusto parameter list, e.g. `(since:timespan=1d)`; `()` when omitted. */
  parameters?: string;
  /** A Kusto body such as `{ SigninLogs | where ... }`; takes precedence over `columns`. */
  body?: string;
  /** Output columns `(a:string, b:long)` when the body is not known. */
  columns?: string;
  description?: string;
}

/** What a GlobalState is built from. */
export interface SchemaDeclarations {
  platform: Platform;
  /** Table name → schema string `(a:string, b:long)`. */
  customTables?: Record<string, string>;
  /** Function name → declaration; a plain string is shorthand for its output columns. */
  customFunctions?: Record<string, CustomFunction | string>;
}

/** A problem with a user declaration, reported instead of failing the whole schema. */
export interface DeclarationProblem {
  name: string;
  message: string;
}

/** A GlobalState with the problems met while building it. */
export interface BuiltGlobals {
  globals: Kusto.Language.GlobalState;
  problems: DeclarationProblem[];
}

const DATABASE = 'workspace';
const cache = new Map<string, BuiltGlobals>();

/** The GlobalState for these declarations, built once and then served from a cache. */
export function globalsFor(declarations: SchemaDeclarations): BuiltGlobals {
  const key = JSON.stringify([
    declarations.platform,
    declarations.customTables ?? {},
    declarations.customFunctions ?? {},
  ]);
  let built = cache.get(key);
  if (!built) {
    built = buildGlobals(declarations);
    // A handful of settings combinations exist per session; keep the cache from growing
    // without bound when a user edits declarations live.
    if (cache.size > 8) cache.delete(cache.keys().next().value as string);
    cache.set(key, built);
  }
  return built;
}

function buildGlobals(declarations: SchemaDeclarations): BuiltGlobals {
  const K = loadKusto();
  const S = K.Symbols;
  const problems: DeclarationProblem[] = [];
  const members: Kusto.Language.Symbols.Symbol[] = [];
  // Functions of kind 'database' return the workspace itself, which exists only afterwards.
  const holder: { database?: Kusto.Language.Symbols.DatabaseSymbol } = {};

  const tables = { ...platformTables(declarations.platform), ...declarations.customTables };
  for (const [name, schema] of Object.entries(tables)) {
    try {
      members.push(new S.TableSymbol.$ctor7(name, schema, null));
    } catch (error) {
      problems.push({ name, message: `bad table schema: ${describeError(error)}` });
    }
  }
  for (const fn of platformFunctions(declarations.platform)) {
    members.push(platformFunction(K, fn, holder));
  }
  for (const [name, declaration] of Object.entries(declarations.customFunctions ?? {})) {
    try {
      members.push(customFunction(K, name, declaration));
    } catch (error) {
      problems.push({ name, message: `bad function declaration: ${describeError(error)}` });
    }
  }

  const database = new S.DatabaseSymbol.ctor(DATABASE, members);
  holder.database = database;
  const cluster = new S.ClusterSymbol.ctor('kql-hunt', [database]);
  const globals = must(
    must(must(K.GlobalState.Default).WithClusterList([cluster])).WithCluster(cluster),
  ).WithDatabase(database);
  return { globals: must(globals, 'global state'), problems };
}

/** Parses a parameter list by letting the service read a throwaway declaration. */
function parseParameters(K: KustoLanguage, parameters: string): Kusto.Language.Symbols.Parameter[] {
  const probe = new K.Symbols.FunctionSymbol.$ctor16('probe', parameters, '{ print 0 }', null);
  const signature = toArray(probe.Signatures)[0];
  return signature ? toArray(signature.Parameters) : [];
}

function platformFunction(
  K: KustoLanguage,
  fn: PlatformFunction,
  holder: { database?: Kusto.Language.Symbols.DatabaseSymbol },
): Kusto.Language.Symbols.FunctionSymbol {
  const S = K.Symbols;
  const parameters = parseParameters(K, fn.parameters);
  let output: Kusto.Language.Symbols.TableSymbol | undefined;
  const columns = (): Kusto.Language.Symbols.TableSymbol => {
    output ??= must(
      new S.TableSymbol.$ctor7(fn.name, fn.columns ?? '()', null).WithIsOpen(!!fn.open),
    );
    return output;
  };
  let result: (
    context: Kusto.Language.Symbols.CustomReturnTypeContext,
  ) => Kusto.Language.Symbols.TypeSymbol;
  let tabularity = S.Tabularity.Tabular;
  switch (fn.kind) {
    case 'database':
      // Path access like workspace("x").SecurityEvent resolves members on the returned symbol.
      result = () => holder.database ?? S.DatabaseSymbol.Unknown!;
      tabularity = S.Tabularity.Scalar;
      break;
    case 'invoke':
      result = (context) => {
        const input = toArray(context.ArgumentTypes)[0];
        const base = input instanceof S.TableSymbol ? input : S.TableSymbol.Empty!;
        return base.AddColumns(toArray(columns().Columns))!;
      };
      break;
    default:
      result = () => columns();
  }
  const symbol = new S.FunctionSymbol.ctor(fn.name, result, tabularity, parameters);
  return symbol.WithDescription(fn.description) ?? symbol;
}

function customFunction(
  K: KustoLanguage,
  name: string,
  declaration: CustomFunction | string,
): Kusto.Language.Symbols.FunctionSymbol {
  const fn = typeof declaration === 'string' ? { columns: declaration } : declaration;
  const body = fn.body ?? `{ datatable${fn.columns ?? '(Value:string)'}[] }`;
  return new K.Symbols.FunctionSymbol.$ctor16(
    name,
    fn.parameters ?? '()',
    body.trim().startsWith('{') ? body : `{ ${body} }`,
    fn.description ?? null,
  );
}

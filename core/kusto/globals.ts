// Builds the service's GlobalState (the schema it binds names against) for a platform plus the
// user's own declarations. Table and function symbols of a platform are built once per process;
// a GlobalState over them costs a few milliseconds and is cached per set of declarations.
import { describeError, loadKusto, must, toArray, type KustoLanguage } from './bridge.js';
import {
  openTables,
  platformFunctions,
  platformTables,
  type Platform,
  type PlatformFunction,
} from './catalog.js';
import { LruCache } from './lruCache.js';

type Symbol = Kusto.Language.Symbols.Symbol;

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
  /** Unknown names bound as stand-ins (open tables, or functions accepting anything). */
  placeholders?: { tables: string[]; tabularFunctions: string[]; scalarFunctions: string[] };
}

/** A problem with a user declaration, reported instead of failing the whole schema. */
export interface DeclarationProblem {
  name: string;
  /** Which declaration of the name (a table and a function may share one); absent: the name. */
  kind?: 'table' | 'function';
  message: string;
}

/** A GlobalState with the problems met while building it. */
export interface BuiltGlobals {
  globals: Kusto.Language.GlobalState;
  problems: DeclarationProblem[];
}

/** The user's own symbols, built from their declarations. */
interface CustomSymbols {
  symbols: Symbol[];
  names: Set<string>;
  problems: DeclarationProblem[];
}

const cache = new LruCache<BuiltGlobals>(64);
const customCache = new LruCache<CustomSymbols>(16);
const platformSymbolCache = new Map<Platform, Symbol[]>();
const declarationIds = new WeakMap<object, number>();
let nextDeclarationId = 1;

/**
 * Declarations are keyed by the identity of their objects, not their text: every check asks for
 * its GlobalState, and serialising a workspace file of thousands of tables each time made the
 * check cost grow with the file. So declared objects must never change: createKustoService, the
 * one caller, hands over frozen copies.
 */
function idOf(declared: object | undefined): number {
  if (!declared) return 0;
  let id = declarationIds.get(declared);
  if (id === undefined) {
    id = nextDeclarationId++;
    declarationIds.set(declared, id);
  }
  return id;
}

/** The GlobalState for these declarations, built once and then served from a cache. */
export function globalsFor(declarations: SchemaDeclarations): BuiltGlobals {
  const customKey = `${idOf(declarations.customTables)}|${idOf(declarations.customFunctions)}`;
  const key = `${declarations.platform}|${customKey}|${JSON.stringify(declarations.placeholders ?? {})}`;
  const built = cache.get(key, () =>
    buildGlobals(
      declarations,
      customCache.get(customKey, () => customSymbols(declarations)),
    ),
  );
  return built;
}

function customSymbols(declarations: SchemaDeclarations): CustomSymbols {
  const K = loadKusto();
  const S = K.Symbols;
  const problems: DeclarationProblem[] = [];
  const custom: Symbol[] = [];
  const customNames = new Set<string>();
  for (const [name, schema] of Object.entries(declarations.customTables ?? {})) {
    try {
      // A trailing `*` in the column list, `(TimeGenerated:datetime, *)`, declares a table whose
      // other columns are not listed: it accepts any column name.
      const { open, listed } = tableColumns(schema);
      const table = new S.TableSymbol.$ctor7(name, listed, null);
      // The service reads a misspelt type (`x:strng`) as unknown without a word, and then
      // accepts anything for the column: say so, or the user never learns the check is off.
      const untyped = toArray(table.Columns).filter((c) => c.Type === S.ScalarTypes.Unknown);
      if (untyped.length > 0) {
        const names = untyped.map((c) => c.Name).join(', ');
        problems.push({ name, kind: 'table', message: `unknown column type for ${names}` });
      }
      custom.push(open ? must(table.WithIsOpen(true)) : table);
      customNames.add(name);
    } catch (error) {
      const message = `bad table schema: ${describeError(error)}`;
      problems.push({ name, kind: 'table', message });
    }
  }
  for (const [name, declaration] of Object.entries(declarations.customFunctions ?? {})) {
    if (Object.hasOwn(declarations.customTables ?? {}, name)) {
      // Queries would bind the name to one of the two, and not always the one meant.
      problems.push({ name, message: 'declared both as a table and as a function; rename one' });
    }
    try {
      custom.push(customFunction(K, name, declaration));
      customNames.add(name);
    } catch (error) {
      const message = `bad function declaration: ${describeError(error)}`;
      problems.push({ name, kind: 'function', message });
    }
  }
  return { symbols: custom, names: customNames, problems };
}

function buildGlobals(declarations: SchemaDeclarations, custom: CustomSymbols): BuiltGlobals {
  const K = loadKusto();
  const S = K.Symbols;
  const placeholderSymbols: Symbol[] = [];
  const {
    tables = [],
    tabularFunctions = [],
    scalarFunctions = [],
  } = declarations.placeholders ?? {};
  const anyTable = must(must(S.TableSymbol.Empty).WithIsOpen(true));
  for (const name of tables) placeholderSymbols.push(must(anyTable.WithName(name)));
  for (const name of tabularFunctions) {
    placeholderSymbols.push(placeholderFunction(K, name, anyTable));
  }
  for (const name of scalarFunctions) {
    placeholderSymbols.push(placeholderFunction(K, name, must(S.ScalarTypes.Unknown)));
  }

  // A user's declaration replaces a built-in table or function of the same name.
  const members = platformSymbols(K, declarations.platform).filter(
    (s) => !custom.names.has(s.Name ?? ''),
  );
  const database = new S.DatabaseSymbol.ctor('workspace', [
    ...members,
    ...custom.symbols,
    ...placeholderSymbols,
  ]);
  const cluster = new S.ClusterSymbol.ctor('kql-hunt', [database]);
  const globals = must(
    must(must(K.GlobalState.Default).WithClusterList([cluster])).WithCluster(cluster),
  ).WithDatabase(database);
  return { globals: must(globals, 'global state'), problems: custom.problems };
}

/** The platform's tables and functions, built once per process. */
function platformSymbols(K: KustoLanguage, platform: Platform): Symbol[] {
  let symbols = platformSymbolCache.get(platform);
  if (symbols) return symbols;
  const open = openTables(platform);
  symbols = Object.entries(platformTables(platform)).map(([name, schema]) => {
    const table = tableSymbol(K, name, schema);
    return open.has(name) ? must(table.WithIsOpen(true)) : table;
  });
  for (const fn of platformFunctions(platform)) symbols.push(platformFunction(K, fn));
  platformSymbolCache.set(platform, symbols);
  return symbols;
}

/**
 * A table from a compiled schema string. Building columns directly is ten times faster than
 * letting the service parse the string, which matters for 700 tables at start-up; quoted names
 * (`['a b']`) fall back to the service's parser.
 */
function tableSymbol(K: KustoLanguage, name: string, schema: string) {
  const S = K.Symbols;
  if (schema.includes('[')) return new S.TableSymbol.$ctor7(name, schema, null);
  const inner = schema.slice(1, -1).trim();
  const columns = (inner ? inner.split(/,\s*/) : []).map((part) => {
    const colon = part.lastIndexOf(':');
    const type = S.ScalarTypes.GetSymbol(part.slice(colon + 1).trim()) ?? S.ScalarTypes.Dynamic;
    return new S.ColumnSymbol(part.slice(0, colon).trim(), type, null, null, null, null);
  });
  return new S.TableSymbol.$ctor4(name, columns);
}

const parameterCache = new Map<string, Kusto.Language.Symbols.Parameter[]>();

/**
 * Parses a parameter list by letting the service read a throwaway declaration. The ASIM parsers
 * share a few lists, and each parse costs milliseconds, so results are kept.
 */
function parseParameters(K: KustoLanguage, parameters: string): Kusto.Language.Symbols.Parameter[] {
  let parsed = parameterCache.get(parameters);
  if (!parsed) {
    const probe = new K.Symbols.FunctionSymbol.$ctor16('probe', parameters, '{ print 0 }', null);
    const signature = toArray(probe.Signatures)[0];
    parsed = signature ? toArray(signature.Parameters) : [];
    parameterCache.set(parameters, parsed);
  }
  return parsed;
}

function platformFunction(K: KustoLanguage, fn: PlatformFunction) {
  const S = K.Symbols;
  const parameters = parseParameters(K, fn.parameters);
  const output = must(tableSymbol(K, fn.name, fn.columns ?? '()').WithIsOpen(!!fn.open));
  let result: (context: Kusto.Language.Symbols.CustomReturnTypeContext) => Symbol;
  let tabularity = S.Tabularity.Tabular;
  switch (fn.kind) {
    case 'database':
      // workspace("x").SecurityEvent: the path resolves members of the returned database,
      // which is checked against this workspace's schema as the best available guess.
      result = (context) => must(context.Globals?.Database ?? S.DatabaseSymbol.Unknown);
      tabularity = S.Tabularity.Scalar;
      break;
    case 'invoke':
      result = (context) => {
        const input = toArray(context.ArgumentTypes)[0];
        const base = input instanceof S.TableSymbol ? input : must(S.TableSymbol.Empty);
        return must(base.AddColumns(toArray(output.Columns)));
      };
      break;
    default:
      result = () => output;
  }
  const symbol = new S.FunctionSymbol.ctor(fn.name, result as never, tabularity, parameters);
  return symbol.WithDescription(fn.description) ?? symbol;
}

/** A stand-in for an unknown saved function: any arguments, an open table or a dynamic value. */
function placeholderFunction(K: KustoLanguage, name: string, result: Symbol) {
  const S = K.Symbols;
  const anything = new S.Parameter.ctor(
    'arguments',
    S.ParameterTypeKind.Any,
    S.ArgumentKind.Expression,
    null,
    null,
    false,
    null,
    0,
    64,
    null,
    null,
  );
  const tabularity = result instanceof S.TableSymbol ? S.Tabularity.Tabular : S.Tabularity.Scalar;
  return new S.FunctionSymbol.ctor(name, (() => result) as never, tabularity, [anything]);
}

/** A table schema's listed columns, and whether a trailing `*` leaves the table open. */
export function tableColumns(schema: string): { open: boolean; listed: string } {
  const open = /(^\(|,)\s*\*\s*\)$/.test(schema.trim());
  return { open, listed: open ? schema.trim().replace(/,?\s*\*\s*\)$/, ')') : schema };
}

/** A function declaration as Kusto source: its parameter list and its braced body. */
export function functionSource(declaration: CustomFunction | string): {
  parameters: string;
  body: string;
} {
  const fn = typeof declaration === 'string' ? { columns: declaration } : declaration;
  // Line breaks, not spaces, around what the user wrote: it may end in a `//` comment.
  const body = fn.body ?? `{\ndatatable${fn.columns ?? '(Value:string)'}\n[]\n}`;
  return {
    parameters: fn.parameters ?? '()',
    body: body.trim().startsWith('{') ? body : `{\n${body}\n}`,
  };
}

function customFunction(K: KustoLanguage, name: string, declaration: CustomFunction | string) {
  const { parameters, body } = functionSource(declaration);
  const description = typeof declaration === 'string' ? null : (declaration.description ?? null);
  return new K.Symbols.FunctionSymbol.$ctor16(name, parameters, body, description);
}

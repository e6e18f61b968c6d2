// The facade the rest of the product uses: one object per schema (platform + declarations)
// answering questions about KQL text in our own plain types.
import { must, toArray } from './bridge.js';
import { platformFunctions, type Platform } from './catalog.js';
import { analyzeQuery } from './analyze.js';
import { LruCache } from './lruCache.js';
import { compileDeclarations } from './declarationCheck.js';
import { classifyAnalysed, type KqlToken } from './classify.js';
import { findDefangedStrings } from './defang.js';
import { findInvisibleCharacters } from './invisibles.js';
import { withBlankedStrings } from './longLists.js';
import { blockAt, documentFeatures, type DocumentFeatures } from './documentFeatures.js';
import { letSymbols } from './letSymbols.js';
import {
  parameterDeclaration,
  resemblesNameInScope,
  type ParameterDeclaration,
} from './queryParameters.js';
import type { KqlDiagnostic } from './diagnostics.js';
import {
  globalsFor,
  type CustomFunction,
  type DeclarationProblem,
  type SchemaDeclarations,
} from './globals.js';
import { splitQueries, type QueryBlock } from './split.js';

/** What a service is built for. */
export interface KustoServiceOptions {
  platform: Platform;
  /** Table name → schema string `(a:string, b:long)`. */
  customTables?: Record<string, string>;
  /** Function name → declaration; a plain string is shorthand for its output columns. */
  customFunctions?: Record<string, CustomFunction | string>;
}

/** A column of a table. */
export interface KqlColumn {
  name: string;
  type: string;
}

/** KQL analysis against one schema. */
export interface KustoService extends DocumentFeatures {
  readonly platform: Platform;
  /** Problems in the user's declarations (a schema string the service cannot read …). */
  readonly declarationProblems: readonly DeclarationProblem[];
  /**
   * Diagnostics for every query in the text, by offsets into the whole text: the service's,
   * and defanged indicators left in string literals.
   */
  diagnose(text: string): KqlDiagnostic[];
  /** Diagnostics for text known to be one query (no splitting at blank lines). */
  diagnoseQuery(text: string): KqlDiagnostic[];
  /** The queries of a multi-query text. */
  splitQueries(text: string): QueryBlock[];
  /** Names of the tables in the schema, sorted. */
  tableNames(): string[];
  /** Columns of a table, or undefined when the table is unknown. */
  columnsOf(table: string): KqlColumn[] | undefined;
  /**
   * How to declare `name`, unknown in the query at `offset`, as a query parameter, by document
   * offsets; undefined when it does not look like one (queryParameters.ts).
   */
  parameterDeclaration(
    text: string,
    offset: number,
    name: string,
  ): ParameterDeclaration | undefined;
  /** Pays the service's first-use costs (about 1 s) now rather than on the first requests. */
  warmUp(): void;
}

/** A small query touching what the first real requests will: a table, a filter, a call. */
const WARM_UP_QUERY =
  'SecurityEvent\n| where TimeGenerated > ago(1d)\n| extend y = strcat(Account, "a")\n| summarize count() by Computer';

/** Queries whose diagnostics and highlighting are kept, so an edit re-analyses only its query. */
const BLOCK_CACHE_SIZE = 500;
/** Parameter declarations kept: the few names a user is looking at. */
const DECLARED_CACHE_SIZE = 16;

/** A copy of a declarations map that nothing can change, its function objects included. */
function frozenCopy<T>(declared: Record<string, T>): Record<string, T> {
  const copy = structuredClone(declared);
  for (const value of Object.values(copy)) {
    if (typeof value === 'object' && value !== null) Object.freeze(value);
  }
  return Object.freeze(copy);
}

/** Creates a service for a platform and the user's declarations. */
export function createKustoService(options: KustoServiceOptions): KustoService {
  // Frozen copies: the GlobalState cache knows declarations by object identity (globals.ts).
  const declarations: SchemaDeclarations = {
    platform: options.platform,
    customTables: options.customTables && frozenCopy(options.customTables),
    customFunctions: options.customFunctions && frozenCopy(options.customFunctions),
  };
  const { globals, problems } = globalsFor(declarations);
  const columnArgumentFunctions = platformFunctions(options.platform)
    .filter((f) => f.columnArguments)
    .map((f) => f.name);
  const diagnosed = new LruCache<KqlDiagnostic[]>(BLOCK_CACHE_SIZE);
  const classified = new LruCache<KqlToken[]>(BLOCK_CACHE_SIZE);
  // The editor asks for a file's highlighting right after each edit: the analysis made for the
  // diagnostics answers it, so the edited query is analysed once, not twice.
  const keepClassification = (code: Kusto.Language.KustoCode, text: string) =>
    classified.set(text, withBlankedStrings(classifyAnalysed(code), code.Text ?? '', text));
  const diagnoseQuery = (text: string): KqlDiagnostic[] =>
    diagnosed.get(text, () =>
      [
        ...analyzeQuery(text, declarations, columnArgumentFunctions, keepClassification),
        ...findDefangedStrings(text),
        ...findInvisibleCharacters(text),
      ].sort((a, b) => a.start - b.start),
    );

  const tableCache = new Map<string, Kusto.Language.Symbols.TableSymbol>();
  const database = must(globals.Database, 'database');
  for (const table of toArray(database.Tables)) tableCache.set(table.Name ?? '', table);

  const features = documentFeatures(globals, classified);
  // Compiling every declaration costs about a millisecond each: paid when first asked, by the
  // CLI before a check and by the editor's warm-up, and not by services never asked.
  let declarationProblems: DeclarationProblem[] | undefined;
  const check = (query: string) => analyzeQuery(query, declarations, columnArgumentFunctions);
  // Editors ask for code actions again on every caret move over the diagnostic; trying seven
  // types on a long query takes most of a second.
  const declared = new LruCache<{ value: ParameterDeclaration | undefined }>(DECLARED_CACHE_SIZE);
  return {
    ...features,
    platform: options.platform,
    get declarationProblems() {
      declarationProblems ??= [
        ...problems,
        ...compileDeclarations(declarations, globals, check, problems),
      ];
      return declarationProblems;
    },
    diagnoseQuery,
    diagnose(text) {
      return splitQueries(text).flatMap((block) =>
        diagnoseQuery(block.text).map((d) => ({ ...d, start: d.start + block.start })),
      );
    },
    splitQueries,
    tableNames() {
      return [...tableCache.keys()].sort((a, b) => a.localeCompare(b));
    },
    columnsOf(table) {
      const symbol = tableCache.get(table);
      if (!symbol) return undefined;
      return toArray(symbol.Columns).map((c) => ({
        name: c.Name ?? '',
        type: c.Type?.Name ?? 'dynamic',
      }));
    },
    parameterDeclaration(text, offset, name) {
      const block = blockAt(text, offset);
      const { value } = declared.get(`${name}\u0000${block.text}`, () => {
        // Columns and variables completion offers there, and the query's `let` names (which
        // completion leaves out in some places, such as a `print`).
        const inScope = [
          ...features
            .complete(text, offset)
            .items.filter((i) => i.kind === 'column' || i.kind === 'variable')
            .map((i) => i.label),
          ...letSymbols(block.text).map((symbol) => symbol.name),
        ];
        const misspelt = resemblesNameInScope(name, inScope);
        return { value: misspelt ? undefined : parameterDeclaration(block.text, name, check) };
      });
      if (!value) return undefined;
      const shift = block.start;
      return {
        ...value,
        edit: { ...value.edit, start: value.edit.start + shift, end: value.edit.end + shift },
      };
    },
    warmUp() {
      // Each feature runs its own part of the service for the first time (about 0.2 s for the
      // first completion alone), so the first keystroke's completion or hover is not the one
      // that pays for it.
      diagnoseQuery(WARM_UP_QUERY);
      features.complete(WARM_UP_QUERY, WARM_UP_QUERY.indexOf('| where') + 8);
      features.quickInfo(WARM_UP_QUERY, WARM_UP_QUERY.indexOf('strcat'));
      features.signatureHelp(WARM_UP_QUERY, WARM_UP_QUERY.indexOf('strcat') + 7);
    },
  };
}

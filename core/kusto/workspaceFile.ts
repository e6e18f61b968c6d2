// The workspace schema file, `.kql-hunt.json` or `.kql-hunt.yaml` at the workspace root: the
// user's own tables and functions (custom `*_CL` tables, watchlist-backed functions, saved
// parsers) and the default platform. The editor and `kql-hunt check` read the same file.
// Its format is documented in docs/custom-schema.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Platform } from './catalog.js';
import type { CustomFunction } from './globals.js';

/** File names looked for at the workspace root, in order. */
export const WORKSPACE_FILE_NAMES = ['.kql-hunt.json', '.kql-hunt.yaml', '.kql-hunt.yml'] as const;

const FILE_KEYS = ['platform', 'tables', 'functions'] as const;
const FUNCTION_KEYS = ['parameters', 'body', 'columns', 'description'] as const;

/** What a workspace file declares. */
export interface WorkspaceSchema {
  /** The file read, or undefined when the workspace has none. */
  path?: string;
  platform?: Platform;
  tables: Record<string, string>;
  functions: Record<string, CustomFunction | string>;
  /** Why parts of the file were ignored. */
  problems: string[];
}

/** Reads the workspace file in `root`; an absent file is an empty schema, not an error. */
export function readWorkspaceSchema(root: string): WorkspaceSchema {
  const found = WORKSPACE_FILE_NAMES.filter((name) => existsSync(join(root, name)));
  for (const name of found.slice(0, 1)) {
    const path = join(root, name);
    // A second file would be read by nobody: say so rather than leave its tables unknown.
    const ignored = found
      .slice(1)
      .map((other) => `${other} is ignored: ${name} is read first; keep one workspace file`);
    try {
      const text = readFileSync(path, 'utf8');
      const schema = parseWorkspaceSchema(text, name.endsWith('.json') ? 'json' : 'yaml');
      return { ...schema, path, problems: [...ignored, ...schema.problems] };
    } catch (error) {
      // Parser messages go on to quote the offending lines: the first line says what is wrong.
      const message = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0];
      const problems = [...ignored, `cannot read ${name}: ${message}`];
      return { path, tables: {}, functions: {}, problems };
    }
  }
  return { tables: {}, functions: {}, problems: [] };
}

/** Parses the text of a workspace file; unknown or malformed entries become problems. */
export function parseWorkspaceSchema(text: string, format: 'json' | 'yaml'): WorkspaceSchema {
  const raw: unknown = format === 'json' ? JSON.parse(text) : parseYaml(text);
  const problems: string[] = [];
  const result: WorkspaceSchema = { tables: {}, functions: {}, problems };
  if (!isRecord(raw)) {
    problems.push('the file must hold an object with "tables" and/or "functions"');
    return result;
  }
  problems.push(...unknownKeys('the file', raw, FILE_KEYS));
  if (raw.platform === 'sentinel' || raw.platform === 'defender') result.platform = raw.platform;
  else if (raw.platform !== undefined) problems.push('"platform" must be "sentinel" or "defender"');
  result.tables = readTables(raw.tables, problems);
  result.functions = readFunctions(raw.functions, problems);
  return result;
}

/** Validates a `tables` object: name → schema string `(a:string, b:long)`. */
export function readTables(value: unknown, problems: string[]): Record<string, string> {
  const tables: Record<string, string> = {};
  if (value === undefined) return tables;
  if (!isRecord(value)) {
    problems.push('"tables" must map table names to schemas like "(Name:string, Count:long)"');
    return tables;
  }
  for (const [name, schema] of Object.entries(value)) {
    const badName = nameProblem(name);
    if (badName) problems.push(`table ${JSON.stringify(name)}: ${badName}`);
    else if (typeof schema === 'string' && /^\(.*\)$/s.test(schema.trim()))
      declare(tables, name, schema.trim());
    else problems.push(`table ${name}: the schema must be a string like "(Name:string)"`);
  }
  return tables;
}

/** Validates a `functions` object: name → declaration or output-columns string. */
export function readFunctions(
  value: unknown,
  problems: string[],
): Record<string, CustomFunction | string> {
  const functions: Record<string, CustomFunction | string> = {};
  if (value === undefined) return functions;
  if (!isRecord(value)) {
    problems.push('"functions" must map function names to declarations');
    return functions;
  }
  for (const [name, declaration] of Object.entries(value)) {
    const badName = nameProblem(name);
    if (badName) {
      problems.push(`function ${JSON.stringify(name)}: ${badName}`);
      continue;
    }
    if (typeof declaration === 'string') {
      declare(functions, name, declaration);
      continue;
    }
    if (!isRecord(declaration)) {
      problems.push(`function ${name}: expected an object or an output schema string`);
      continue;
    }
    const fn: CustomFunction = {};
    problems.push(...unknownKeys(`function ${name}`, declaration, FUNCTION_KEYS));
    for (const key of FUNCTION_KEYS) {
      const field = declaration[key];
      if (typeof field === 'string') fn[key] = field;
      else if (field !== undefined) problems.push(`function ${name}: "${key}" must be a string`);
    }
    declare(functions, name, fn);
  }
  return functions;
}

/**
 * Adds a declaration as an own entry. Plain assignment would make a name such as `__proto__`
 * replace the object's prototype, or do nothing, instead of declaring it.
 */
function declare<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Why a declared name cannot be what queries use, if it cannot. Names are declared bare: a
 * query writes `['my table']` for the table declared as `my table`.
 */
function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'the name is empty';
  if (name.trim() !== name) return 'the name starts or ends with a space';
  const quoted = /^\[\s*(['"]?)(.*?)\1\s*\]$/s.exec(name);
  if (quoted) return `declare it as ${JSON.stringify(quoted[2])}, without brackets and quotes`;
  return undefined;
}

/** A misspelt key (`tabels`) would otherwise drop what it holds without a word. */
function unknownKeys(where: string, value: Record<string, unknown>, known: readonly string[]) {
  return Object.keys(value)
    .filter((key) => !known.includes(key) && key !== '$schema')
    .map((key) => `${where}: unknown key "${key}" (expected ${known.join(', ')})`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `kql-hunt check FILE...`: the editor's KQL diagnostics, headless, for detection-as-code
 * pipelines. Text output is one `file:line:col severity code message` line per finding; JSON
 * output is a documented contract: `[{file, diagnostics: [{line, column, severity, code,
 * message}]}]`, one entry per file (lines and columns 1-based). Exit code 1 when any error is
 * found. Custom tables and functions come from the workspace file the editor reads.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  createKustoService,
  fencedKql,
  readWorkspaceSchema,
  type KqlDiagnostic,
  type Platform,
} from '../core/kusto/index.js';
import { CliError, EXIT } from './errors.js';
import { escapeForTerminal, jsonText } from './terminalText.js';

/** One finding in the JSON output. */
export interface CheckDiagnostic {
  line: number;
  column: number;
  severity: KqlDiagnostic['severity'];
  code: string;
  message: string;
}

/** One file in the JSON output. */
export interface CheckFileResult {
  file: string;
  diagnostics: CheckDiagnostic[];
}

interface CheckOptions {
  platform?: string;
  format: string;
  workspace: string;
}

const KQL_FILE = /\.(kql|kusto|csl)$/i;
const MARKDOWN_FILE = /\.(md|markdown)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Registers `check` on the program. */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Check KQL files (and fenced KQL in markdown) with the Kusto language service.')
    .argument('<files...>', 'files or directories (.kql, .kusto, .csl, .md)')
    .option(
      '--platform <platform>',
      'sentinel or defender (default: workspace file, else sentinel)',
    )
    .option('--format <format>', 'text or json', 'text')
    .option('--workspace <dir>', 'where .kql-hunt.json or .kql-hunt.yaml is read from', '.')
    .action((files: string[], options: CheckOptions) => {
      process.exitCode = runCheck(files, options);
    });
}

/** Runs the check and writes its report to stdout; returns the exit code. */
export function runCheck(inputs: string[], options: CheckOptions): number {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new CliError(`--format must be text or json, not ${options.format}`, EXIT.usage);
  }
  if (options.platform !== undefined && !isPlatform(options.platform)) {
    throw new CliError(
      `--platform must be sentinel or defender, not ${options.platform}`,
      EXIT.usage,
    );
  }
  const workspace = readWorkspace(options.workspace);
  const platform = options.platform ?? workspace.platform ?? 'sentinel';
  const service = createKustoService({
    platform: platform as Platform,
    customTables: workspace.tables,
    customFunctions: workspace.functions,
  });
  // A declaration the Kusto service cannot compile is as broken as a file that does not parse;
  // both kinds are listed at once.
  failOnWorkspaceProblems(workspace.path, [
    ...workspace.problems,
    ...service.declarationProblems.map((p) => `${p.name}: ${p.message}`),
  ]);

  const results = expand(inputs).map((file) => checkFile(file, service.diagnose));
  if (options.format === 'json') {
    process.stdout.write(`${jsonText(results)}\n`);
  } else {
    for (const { file, diagnostics } of results) {
      // Messages quote the query, and file names come from directories: escaped for the terminal.
      for (const d of diagnostics) {
        const line = `${file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
        process.stdout.write(`${escapeForTerminal(line)}\n`);
      }
    }
  }
  const failed = results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  return failed ? EXIT.findings : EXIT.ok;
}

function isPlatform(value: string): value is Platform {
  return value === 'sentinel' || value === 'defender';
}

/** The workspace file in `dir`, with the problems found reading it. */
function readWorkspace(dir: string): ReturnType<typeof readWorkspaceSchema> {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new CliError(`--workspace ${dir}: no such directory`, EXIT.usage);
  }
  if (!isDirectory) throw new CliError(`--workspace ${dir}: not a directory`, EXIT.usage);
  return readWorkspaceSchema(dir);
}

/**
 * The editor reads past a broken workspace file and says so; a pipeline must not, or a check
 * that ignores the custom tables passes for the wrong reason: every problem is printed with the
 * file's full path and the run stops with exit 3.
 */
function failOnWorkspaceProblems(path: string | undefined, problems: readonly string[]): void {
  if (path === undefined || problems.length === 0) return;
  const file = resolve(path);
  for (const problem of problems) {
    process.stderr.write(`kql-hunt: ${escapeForTerminal(`${file}: ${problem}`)}\n`);
  }
  throw new CliError(
    `${file}: the workspace file has ${problems.length} problem(s); fix it to check with its tables and functions`,
    EXIT.input,
  );
}

/** The diagnostics of one file, with 1-based lines and columns. */
export function checkFile(
  file: string,
  diagnose: (text: string) => KqlDiagnostic[],
): CheckFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, EXIT.input);
  }
  const kql = MARKDOWN_FILE.test(file) ? fencedKql(text)?.text : text;
  if (kql === undefined) return { file, diagnostics: [] };
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const diagnostics = diagnose(kql).map((d): CheckDiagnostic => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= d.start) line++;
    return {
      line: line + 1,
      column: d.start - lineStarts[line]! + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
    };
  });
  return { file, diagnostics };
}

/**
 * Files as given, and the KQL and markdown files under directories, sorted. Dependencies and
 * git's own files are not the user's KQL: their many READMEs would only slow a check down.
 */
function expand(inputs: string[]): string[] {
  return inputs.flatMap((input) => {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new CliError(`cannot read ${input}: no such file or directory`, EXIT.input);
    }
    if (!stats.isDirectory()) return [input];
    const files = walk(input);
    // In a pipeline, a mistyped or emptied folder must not pass as "no errors".
    if (files.length === 0) {
      throw new CliError(`${input}: no .kql, .kusto, .csl or markdown files in it`, EXIT.input);
    }
    return files;
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : walk(path);
      return KQL_FILE.test(entry.name) || MARKDOWN_FILE.test(entry.name) ? [path] : [];
    });
}

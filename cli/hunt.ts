/** `kql-hunt hunt REPORT`: the main job, from a report file to KQL hunts or JSON. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Option, type Command } from 'commander';
import {
  EXCLUSION_MODES,
  exclusionCatalogue,
  readUserTools,
  type ExclusionCatalogue,
  type ExclusionMode,
} from '../core/exclusion/index.js';
import { CATALOGUE, PLATFORMS, type Platform } from '../core/hunt/catalogue.js';
import { DEFAULT_LOOKBACK, huntsFor, type Hunt } from '../core/hunt/generate.js';
import { isLookback } from '../core/hunt/kqlLiteral.js';
import { readReport, type Report } from '../core/report/readReport.js';
import { reportDroppedTables } from './droppedTables.js';
import { CliError, EXIT } from './errors.js';
import {
  checkOutDir,
  outNotDirectory,
  parseDate,
  parseMinConfidence,
  parseTables,
} from './huntFlags.js';
import { toJsonContract } from './huntJson.js';
import { readTextInput } from './readInput.js';
import { scenarioNotes, type CliProblem } from './scenarioNotes.js';
import { escapeForTerminal, jsonText } from './terminalText.js';
import { VALIDATION_LIST_SAMPLE, validateHunts } from './validateHunts.js';

interface HuntFlags {
  platform: Platform;
  tables?: string;
  lookback: string;
  minConfidence?: string;
  format: 'kql' | 'json';
  out?: string;
  validate: boolean;
  date?: string;
  exclusions: ExclusionMode;
  exclusionTools?: string;
}

export function registerHuntCommand(program: Command): void {
  program
    .command('hunt')
    .description('read an IOC report and print KQL hunts for the tables that can match its IOCs')
    .argument('<report>', 'markdown report file, or - for standard input')
    .addOption(
      new Option('--platform <platform>', 'query dialect').choices(PLATFORMS).default('sentinel'),
    )
    .option(
      '--tables <list>',
      `comma-separated tables to hunt (known: ${CATALOGUE.map((t) => t.name).join(', ')})`,
    )
    .option('--lookback <window>', 'how far back each hunt looks, e.g. 14d, 36h', DEFAULT_LOOKBACK)
    .option('--min-confidence <n>', 'skip IOCs whose confidence (0-100) is below n')
    .addOption(
      new Option('--format <format>', 'output format').choices(['kql', 'json']).default('kql'),
    )
    .option('--out <dir>', 'write one .kql file per table (or hunts.json) into dir')
    .option('--no-validate', 'skip checking each hunt with the Kusto language service')
    .option('--date <yyyy-mm-dd>', 'generation date written in the hunt headers (default: today)')
    .addOption(
      new Option(
        '--exclusions <mode>',
        "the report's false-positive scenarios: none, as comments, or applied",
      )
        .choices(EXCLUSION_MODES)
        .default('suggested'),
    )
    .option(
      '--exclusion-tools <file>',
      'JSON file of extra tools for exclusions: {"Tool": ["proc.exe"]}',
    )
    .action(async (path: string, flags: HuntFlags) => runHunt(path, flags));
}

async function runHunt(path: string, flags: HuntFlags): Promise<void> {
  const tables = parseTables(flags.tables, flags.platform);
  if (!isLookback(flags.lookback)) {
    throw new CliError(
      `--lookback must look like 14d, 36h or 90m, not "${flags.lookback}"`,
      EXIT.usage,
    );
  }
  const minConfidence = parseMinConfidence(flags.minConfidence);
  const date = parseDate(flags.date);
  await checkOutDir(flags.out);
  const text = await readTextInput(path);
  const report = readReport(text, {
    fallbackTitle: path === '-' ? 'standard input' : basename(path),
    ...(minConfidence !== undefined ? { minConfidence } : {}),
  });
  if (report.iocs.length === 0) {
    printProblems(path, report);
    throw new CliError(`${path}: no IOCs found, nothing to hunt`, EXIT.noIocs);
  }
  const catalogue = await readExclusionTools(flags.exclusionTools);
  const hunts = huntsFor(report, {
    platform: flags.platform,
    lookback: flags.lookback,
    ...(tables ? { tables } : {}),
    ...(minConfidence !== undefined ? { minConfidence } : {}),
    ...(date ? { generated: date } : {}),
    exclusions: flags.exclusions,
    exclusionCatalogue: catalogue,
    ...(flags.validate ? { listSample: VALIDATION_LIST_SAMPLE } : {}),
  });
  if (hunts.length === 0) {
    printProblems(path, report);
    const among = tables ? ` among ${tables.join(', ')}` : '';
    throw new CliError(
      `${path}: nothing to hunt: none of the report's ${report.iocs.length} IOC(s) passes the ` +
        `confidence and address checks and can be matched by a ${flags.platform} table${among}`,
      EXIT.noIocs,
    );
  }
  reportDroppedTables(tables, report, hunts, flags.platform);
  if (flags.validate) validateHunts(hunts, flags.platform);
  await emit(path, report, hunts, flags, scenarioNotes(text, report, hunts, catalogue));
}

/**
 * The tool catalogue extended by the user's file. As for every input file, one that cannot be
 * read is exit 3; one that reads but is not a valid tool list is a bad argument, exit 2.
 */
async function readExclusionTools(path: string | undefined): Promise<ExclusionCatalogue> {
  if (path === undefined) return exclusionCatalogue();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read --exclusion-tools ${path}: ${readFailure(error)}`, EXIT.input);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--exclusion-tools ${path}: ${(error as Error).message}`, EXIT.usage);
  }
  const { tools, problems } = readUserTools(json);
  if (problems.length > 0) {
    throw new CliError(`--exclusion-tools ${path}: ${problems.join('; ')}`, EXIT.usage);
  }
  return exclusionCatalogue(tools);
}

async function emit(
  path: string,
  report: Report,
  hunts: Hunt[],
  flags: HuntFlags,
  notes: CliProblem[],
): Promise<void> {
  if (flags.format === 'json') {
    const json = `${jsonText(toJsonContract(report, hunts, notes))}\n`;
    if (flags.out) await writeInto(flags.out, 'hunts.json', json);
    else process.stdout.write(json);
    return;
  }
  printProblems(path, report, notes);
  if (flags.out) {
    for (const hunt of hunts) await writeInto(flags.out, `${hunt.table}.kql`, `${hunt.query}\n`);
    process.stderr.write(`kql-hunt: wrote ${hunts.length} hunt file(s) to ${flags.out}\n`);
  } else {
    process.stdout.write(hunts.map((hunt) => hunt.query).join('\n\n') + '\n');
  }
}

async function writeInto(dir: string, name: string, content: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), content, 'utf8');
  } catch (error) {
    // checkOutDir saw no file there, but a file may stand in its path or have appeared since.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw outNotDirectory(dir, code === 'ENOTDIR');
    throw new CliError(`cannot write ${join(dir, name)}: ${(error as Error).message}`, EXIT.input);
  }
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (error as Error).message;
}

/**
 * Problems go to stderr as `file:line: severity code: message`, like a compiler's. Messages
 * quote the report, so each line is escaped for the terminal.
 */
function printProblems(path: string, report: Report, notes: CliProblem[] = []): void {
  const problems = [...report.problems.map((p) => ({ ...p, line: p.span.line })), ...notes].sort(
    (a, b) => a.line - b.line,
  );
  for (const problem of problems) {
    const line = `${path}:${problem.line}: ${problem.severity} ${problem.code}: ${problem.message}`;
    process.stderr.write(`${escapeForTerminal(line)}\n`);
  }
}

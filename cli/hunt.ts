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
import { CATALOGUE, catalogueTable, PLATFORMS, type Platform } from '../core/hunt/catalogue.js';
import { DEFAULT_LOOKBACK, huntsFor, type Hunt } from '../core/hunt/generate.js';
import { isLookback } from '../core/hunt/kqlLiteral.js';
import { createKustoService } from '../core/kusto/index.js';
import { readReport, type Report } from '../core/report/readReport.js';
import { CliError, EXIT } from './errors.js';
import { toJsonContract } from './huntJson.js';
import { readTextInput } from './readInput.js';
import { scenarioNotes, type CliProblem } from './scenarioNotes.js';

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
  const tables = parseTables(flags.tables);
  if (!isLookback(flags.lookback)) {
    throw new CliError(
      `--lookback must look like 14d, 36h or 90m, not "${flags.lookback}"`,
      EXIT.usage,
    );
  }
  const minConfidence = parseMinConfidence(flags.minConfidence);
  if (flags.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date)) {
    throw new CliError('--date must be YYYY-MM-DD', EXIT.usage);
  }
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
    ...(flags.date ? { generated: flags.date } : {}),
    exclusions: flags.exclusions,
    exclusionCatalogue: catalogue,
  });
  if (hunts.length === 0) {
    printProblems(path, report);
    throw new CliError(
      `${path}: nothing to hunt: none of the report's ${report.iocs.length} IOC(s) passes the confidence and address checks and can be matched by a ${flags.platform} table${tables ? ` among ${tables.join(', ')}` : ''}`,
      EXIT.noIocs,
    );
  }
  reportDroppedTables(tables, hunts, flags.platform);
  if (flags.validate) validateHunts(hunts, flags.platform);
  await emit(path, report, hunts, flags, scenarioNotes(text, report, hunts, catalogue));
}

/** The tool catalogue extended by the user's file; a malformed file is a usage error. */
async function readExclusionTools(path: string | undefined): Promise<ExclusionCatalogue> {
  if (path === undefined) return exclusionCatalogue();
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--exclusion-tools ${path}: ${(error as Error).message}`, EXIT.usage);
  }
  const { tools, problems } = readUserTools(json);
  if (problems.length > 0) {
    throw new CliError(`--exclusion-tools ${path}: ${problems.join('; ')}`, EXIT.usage);
  }
  return exclusionCatalogue(tools);
}

function parseTables(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !catalogueTable(name));
  if (unknown.length > 0) {
    throw new CliError(
      `unknown table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${CATALOGUE.map((t) => t.name).join(', ')}`,
      EXIT.usage,
    );
  }
  return names;
}

function parseMinConfidence(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d{1,3}$/.test(value) || n > 100) {
    throw new CliError(
      `--min-confidence must be a whole number from 0 to 100, not "${value}"`,
      EXIT.usage,
    );
  }
  return n;
}

/** Says why a table the user asked for got no hunt, instead of leaving it out silently. */
function reportDroppedTables(
  tables: string[] | undefined,
  hunts: Hunt[],
  platform: Platform,
): void {
  for (const name of tables ?? []) {
    const entry = catalogueTable(name);
    if (!entry || hunts.some((hunt) => hunt.table === entry.name)) continue;
    const why = entry.platforms.includes(platform)
      ? 'none of the hunted IOCs is of a type it can match'
      : `it is not available on ${platform}`;
    process.stderr.write(`kql-hunt: no hunt for ${entry.name}: ${why}\n`);
  }
}

/** A generated hunt the Kusto service rejects is our bug: fail loudly instead of printing it. */
function validateHunts(hunts: Hunt[], platform: Platform): void {
  const service = createKustoService({ platform });
  for (const hunt of hunts) {
    const errors = service.diagnoseQuery(hunt.query).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new CliError(
        `generated ${hunt.table} hunt fails Kusto validation (${first.code} ${first.message}); please report this`,
        EXIT.invalidHunt,
      );
    }
  }
}

async function emit(
  path: string,
  report: Report,
  hunts: Hunt[],
  flags: HuntFlags,
  notes: CliProblem[],
): Promise<void> {
  if (flags.format === 'json') {
    const json = `${JSON.stringify(toJsonContract(report, hunts, notes), null, 2)}\n`;
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
    throw new CliError(`cannot write ${join(dir, name)}: ${(error as Error).message}`, EXIT.input);
  }
}

/** Problems go to stderr as `file:line: severity code: message`, like a compiler's. */
function printProblems(path: string, report: Report, notes: CliProblem[] = []): void {
  const problems = [...report.problems.map((p) => ({ ...p, line: p.span.line })), ...notes].sort(
    (a, b) => a.line - b.line,
  );
  for (const problem of problems) {
    process.stderr.write(
      `${path}:${problem.line}: ${problem.severity} ${problem.code}: ${problem.message}\n`,
    );
  }
}

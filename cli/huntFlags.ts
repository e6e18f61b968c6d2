/**
 * The `hunt` flags that need more checking than commander's choices: each bad value is a usage
 * error (exit 2) found before the report is read, so a typo never costs a long run.
 */
import { stat } from 'node:fs/promises';
import { CATALOGUE, catalogueTable, type Platform } from '../core/hunt/catalogue.js';
import { CliError, EXIT } from './errors.js';

/** The `--tables` names, checked against the catalogue and the platform. */
export function parseTables(list: string | undefined, platform: Platform): string[] | undefined {
  if (list === undefined) return undefined;
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !catalogueTable(name));
  if (unknown.length > 0) {
    const known = CATALOGUE.map((t) => t.name).join(', ');
    const plural = unknown.length > 1 ? 's' : '';
    throw new CliError(`unknown table${plural} ${unknown.join(', ')}; known: ${known}`, EXIT.usage);
  }
  // Some tables unavailable is worth a note (see droppedTables.ts); all of them is a wrong flag.
  const entries = names.map((name) => catalogueTable(name)!);
  if (entries.length > 0 && entries.every((entry) => !entry.platforms.includes(platform))) {
    const available = CATALOGUE.filter((t) => t.platforms.includes(platform)).map((t) => t.name);
    const asked = entries.map((t) => t.name).join(', ');
    throw new CliError(
      `--tables ${asked}: not available on ${platform}; ${platform} tables: ${available.join(', ')}`,
      EXIT.usage,
    );
  }
  return names;
}

export function parseMinConfidence(value: string | undefined): number | undefined {
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

/** `--date` as given, once it is a real calendar day: it is printed in every hunt header. */
export function parseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  // Date.UTC rolls 2026-02-30 over to March: a day that survives the round trip exists.
  const day = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw new CliError(`--date must be a calendar date YYYY-MM-DD, not "${value}"`, EXIT.usage);
  }
  return value;
}

/** `--out` may be missing (it is created) or a directory, but not a file. */
export async function checkOutDir(dir: string | undefined): Promise<void> {
  if (dir === undefined) return;
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw outNotDirectory(dir);
}

/** `inside`: a file stands in the path above `dir` rather than at it. */
export function outNotDirectory(dir: string, inside = false): CliError {
  const where = inside ? `a part of ${dir} is a file` : `${dir} is a file`;
  return new CliError(`--out must be a directory: ${where}`, EXIT.usage);
}

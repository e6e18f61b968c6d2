/** Saying why a table the user or the report asked for got no hunt, instead of a silent gap. */
import { catalogueTable, type Platform } from '../core/hunt/catalogue.js';
import type { Hunt } from '../core/hunt/generate.js';
import type { Report } from '../core/report/readReport.js';
import { escapeForTerminal } from './terminalText.js';

/**
 * One stderr line per table in `--tables`, or without it per table the report recommends,
 * that has no hunt. (`--tables` names the catalogue does not know are refused earlier.)
 */
export function reportDroppedTables(
  tables: string[] | undefined,
  report: Report,
  hunts: readonly Hunt[],
  platform: Platform,
): void {
  const recommended = tables === undefined;
  const names = tables ?? report.tableNotes.map((note) => note.table);
  const said = new Set<string>();
  const unknown = new Map<string, string>();
  for (const name of names) {
    const entry = catalogueTable(name);
    if (!entry) {
      if (recommended && !unknown.has(name.toLowerCase())) unknown.set(name.toLowerCase(), name);
      continue;
    }
    if (said.has(entry.name) || hunts.some((hunt) => hunt.table === entry.name)) continue;
    said.add(entry.name);
    const why = entry.platforms.includes(platform)
      ? 'none of the hunted IOCs is of a type it can match'
      : `it is not available on ${platform}`;
    const which = recommended ? `${entry.name}, which the report recommends` : entry.name;
    process.stderr.write(`kql-hunt: no hunt for ${which}: ${why}\n`);
  }
  reportUnknownTables([...unknown.values()]);
}

/** How many unknown recommended names are named one per line before the rest are counted. */
const UNKNOWN_NAMED = 10;

/**
 * Recommended names kql-hunt has no hunt for. They are report text: shortened, escaped, and
 * counted past the first few, so a hostile report cannot flood the terminal.
 */
function reportUnknownTables(names: string[]): void {
  for (const name of names.slice(0, UNKNOWN_NAMED)) {
    // Cut, then escaped: a control character in the report stays visible as its escape.
    const which = escapeForTerminal(name.length > 80 ? `${name.slice(0, 79)}…` : name);
    process.stderr.write(
      `kql-hunt: no hunt for ${which}, which the report recommends: kql-hunt has no IOC hunt for that table\n`,
    );
  }
  const rest = names.length - UNKNOWN_NAMED;
  if (rest > 0) {
    process.stderr.write(
      `kql-hunt: and ${rest} more recommended table(s) kql-hunt has no IOC hunt for\n`,
    );
  }
}

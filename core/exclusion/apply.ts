/**
 * Quick-fix edits for one hunt query: exclude a scenario (or a value picked from results) by
 * merging into the query's exclusion line, or by adding that line when there is none yet.
 * Applying the same exclusion twice yields no second edit.
 */
import { catalogueTable } from '../hunt/catalogue.js';
import { columnsFor, SCENARIO_ROLES, type ExclusionRole } from './columns.js';
import type { ScenarioExclusion } from './extract.js';
import { huntLayout, type HuntLayout, type PlacedExclusionLine } from './huntLayout.js';
import {
  labelText,
  mergeConditions,
  missingFrom,
  renderExclusionLine,
  type Condition,
} from './line.js';

/** A replacement of `[start, end)` in the query text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Something to exclude from one hunt: conditions on that hunt's table, and why. */
export interface Exclusion {
  label: string;
  conditions: Condition[];
}

/**
 * The conditions a scenario puts on `table`; empty when the table has no column for it. A file
 * named by full path is excluded on the folder column, whose value is the whole path to the
 * binary; a table without that column does not exclude it, rather than by bare name.
 */
export function conditionsFor(exclusion: ScenarioExclusion, table: string): Condition[] {
  const byRole = SCENARIO_ROLES.flatMap((role) =>
    exclusion.values[role].length === 0
      ? []
      : columnsFor(table, role).map((column) => ({
          column,
          op: role === 'path' ? ('notStartsWith' as const) : ('notIn' as const),
          values: [...exclusion.values[role]],
        })),
  );
  const files =
    exclusion.files.length === 0
      ? []
      : columnsFor(table, 'path').map((column) => ({
          column,
          op: 'notIn' as const,
          values: [...exclusion.files],
        }));
  return [...byRole, ...files];
}

/** The conditions excluding one value seen in results; empty when the table lacks the role. */
export function resultCondition(table: string, role: ExclusionRole, value: string): Condition[] {
  return columnsFor(table, role).map((column) => ({ column, op: 'notIn', values: [value] }));
}

/** The table name as the catalogues spell it, for text the query wrote in another case. */
export function canonicalTable(table: string): string {
  return catalogueTable(table)?.name ?? table;
}

/**
 * Edits that apply `exclusion` to `query`, or undefined when there is nothing to do: the query
 * reads no table, or every value is already excluded on its column.
 */
export function exclusionEdits(
  query: string,
  exclusion: Exclusion,
  layout: HuntLayout = huntLayout(query),
): TextEdit[] | undefined {
  if (!layout.table) return undefined;
  const existing = layout.exclusionLines.flatMap((line) => line.conditions);
  const missing = missingFrom(exclusion.conditions, existing);
  if (missing.length === 0) return undefined;
  const label = labelText([exclusion.label]);
  const suggestion = layout.suggestionLines.find(
    (line) => line.labels.includes(label) || line.labels.join('; ') === label,
  );
  const target = layout.exclusionLines[layout.exclusionLines.length - 1];
  if (target) {
    const edits = [replaceLine(query, target, mergeConditions(target.conditions, missing), label)];
    if (suggestion) edits.push(deleteLine(query, suggestion));
    return edits;
  }
  if (suggestion) return [replaceLine(query, suggestion, missing, label, [])];
  const line = renderExclusionLine(missing, [label]);
  const newText = layout.atLineStart ? `${layout.indent}${line}\n` : `\n${line}\n`;
  return [{ start: layout.insertAt, end: layout.insertAt, newText }];
}

/** Applies non-overlapping edits to text (a test and CLI helper; editors apply their own). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((out, e) => out.slice(0, e.start) + e.newText + out.slice(e.end), text);
}

function replaceLine(
  query: string,
  line: PlacedExclusionLine,
  conditions: Condition[],
  label: string,
  keepLabels: string[] = line.labels,
): TextEdit {
  const indent = /^\s*/.exec(query.slice(line.start, line.end))?.[0] ?? '';
  const labels = keepLabels.includes(label) ? keepLabels : [...keepLabels, label];
  return {
    start: line.start,
    end: line.end,
    newText: `${indent}${renderExclusionLine(conditions, labels)}`,
  };
}

function deleteLine(query: string, line: PlacedExclusionLine): TextEdit {
  const end = query[line.end] === '\r' ? line.end + 2 : line.end + 1;
  return { start: line.start, end: Math.min(end, query.length), newText: '' };
}

/**
 * Exclusion problems, in the report (a scenario no hunted table can carry) and in a hunt (an
 * exclusion on a column the table does not have). Offsets are into the text given.
 */
import type { Severity, TextSpan } from '../ioc/types.js';
import type { Scenario } from '../report/metadata.js';
import { conditionsFor } from './apply.js';
import { exclusionCatalogue, type ExclusionCatalogue } from './catalogue.js';
import { exclusionColumns, whyNoExclusions } from './columns.js';
import { hasExclusionAdvice, isEmptyExclusion, scenarioExclusion } from './extract.js';
import { huntLayout } from './huntLayout.js';
import { maskKql } from './kqlText.js';
import { refusalText } from './refusal.js';

export type ExclusionProblemCode =
  'scenario-unresolved' | 'scenario-inapplicable' | 'scenario-refused' | 'exclusion-column-missing';

export interface ExclusionProblem {
  code: ExclusionProblemCode;
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

/**
 * Scenarios that name nothing excludable, or whose exclusions fit none of `huntedTables`. With
 * no hunted table there is nothing to say: the report has other problems first. A scenario
 * without a Filter/Exclusion line is left to the report reader's scenario-incomplete.
 */
export function scenarioProblems(
  scenarios: readonly Scenario[],
  huntedTables: readonly string[],
  catalogue: ExclusionCatalogue = exclusionCatalogue(),
): ExclusionProblem[] {
  if (huntedTables.length === 0) return [];
  return scenarios.flatMap((scenario): ExclusionProblem[] => {
    const exclusion = scenarioExclusion(scenario, catalogue);
    const at = spanOf(scenario.span);
    const refused: ExclusionProblem[] =
      exclusion.refused.length === 0
        ? []
        : [
            {
              code: 'scenario-refused' as const,
              severity: 'warning' as const,
              message: `false-positive scenario "${scenario.title}" names what kql-hunt never excludes: ${exclusion.refused.map((r) => `${r.value} (${refusalText(r)})`).join('; ')}`,
              ...at,
            },
          ];
    return [...refused, ...problemsOf(scenario, exclusion, huntedTables, at)];
  });
}

function problemsOf(
  scenario: Scenario,
  exclusion: ReturnType<typeof scenarioExclusion>,
  huntedTables: readonly string[],
  at: ReturnType<typeof spanOf>,
): ExclusionProblem[] {
  if (isEmptyExclusion(exclusion)) {
    // Without a Filter/Exclusion line nothing is excluded, and the report reader already says
    // the line is missing (scenario-incomplete): "names nothing" would contradict it.
    if (scenario.exclusion === undefined) return [];
    if (!hasExclusionAdvice(scenario)) {
      return [
        {
          code: 'scenario-unresolved' as const,
          severity: 'info' as const,
          message: `false-positive scenario "${scenario.title}" is skipped: its Filter/Exclusion line is empty, and kql-hunt never excludes what a description alone names`,
          ...at,
        },
      ];
    }
    // The refusal already says why nothing is excluded; "names nothing" would contradict it.
    if (exclusion.refused.length > 0) return [];
    if (exclusion.negated) {
      return [
        {
          code: 'scenario-unresolved' as const,
          severity: 'info' as const,
          message: `false-positive scenario "${scenario.title}" is skipped: it says what not to exclude, and kql-hunt never turns such a sentence into an exclusion`,
          ...at,
        },
      ];
    }
    return [
      {
        code: 'scenario-unresolved' as const,
        severity: 'info' as const,
        message: `false-positive scenario "${scenario.title}" names no process, tool, publisher or folder that kql-hunt knows; add the tool to the kqlHunt.exclusionTools setting (on the command line, --exclusion-tools) to exclude it`,
        ...at,
      },
    ];
  }
  if (huntedTables.some((table) => conditionsFor(exclusion, table).length > 0)) return [];
  if (onlySigners(exclusion)) {
    return [
      {
        code: 'scenario-inapplicable' as const,
        severity: 'warning' as const,
        message: `false-positive scenario "${scenario.title}" only names publishers (${exclusion.values.signer.join(', ')}); kql-hunt does not exclude by company name, which any binary can claim: a malicious or injected process would be hidden with the real ones. Name the processes to exclude instead`,
        ...at,
      },
    ];
  }
  const reasons = huntedTables.map(
    (table) => whyNoExclusions(table) ?? `${table} has no column for what it names`,
  );
  return [
    {
      code: 'scenario-inapplicable' as const,
      severity: 'warning' as const,
      message: `false-positive scenario "${scenario.title}" cannot apply to any hunted table: ${reasons.join('. ')}`,
      ...at,
    },
  ];
}

/**
 * Exclusion lines on columns the hunt's table lacks. `columnsOf` answers from the schema of the
 * dialect in use, undefined for a table it does not know (then nothing is reported).
 */
export function huntExclusionProblems(
  query: string,
  columnsOf: (table: string) => readonly string[] | undefined,
): ExclusionProblem[] {
  const layout = huntLayout(query);
  if (!layout.table) return [];
  const known = columnsOf(layout.table);
  if (!known) return [];
  const lower = new Set(known.map((c) => c.toLowerCase()));
  const why = exclusionColumns(layout.table)?.none ? whyNoExclusions(layout.table) : undefined;
  const { code } = maskKql(query);
  return layout.exclusionLines.flatMap((line) =>
    line.conditions
      .filter((c) => !lower.has(c.column.toLowerCase()) && !madeEarlier(code, line.start, c.column))
      .map((c) => ({
        code: 'exclusion-column-missing' as const,
        severity: 'error' as const,
        message: `${layout.table} has no column ${c.column}, so this exclusion cannot apply${why ? `: ${why}` : ''}`,
        start: line.start + c.columnStart,
        end: line.start + c.columnEnd,
      })),
  );
}

/**
 * True when the query may have made `column` before the line at `lineStart`: it names it
 * earlier (`extend X = …`, `summarize X = …`), or an earlier operator reshapes rows so that
 * the table's schema no longer says which columns exist.
 */
function madeEarlier(code: string, lineStart: number, column: string): boolean {
  const before = code.slice(0, lineStart);
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    new RegExp(`\\b${escaped}\\b`, 'i').test(before) ||
    /\|\s*(?:join|lookup|union|evaluate|parse(?:-kv|-where)?|mv-expand|mv-apply|invoke)\b/.test(
      before,
    )
  );
}

function spanOf(span: TextSpan): { start: number; end: number } {
  return { start: span.start, end: span.end };
}

/** True when a scenario names publishers and nothing else kql-hunt can exclude on. */
function onlySigners(exclusion: ReturnType<typeof scenarioExclusion>): boolean {
  const { signer, process, parent, path } = exclusion.values;
  const others = process.length + parent.length + path.length + exclusion.files.length;
  return signer.length > 0 && others === 0;
}

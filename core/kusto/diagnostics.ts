// Turns the service's diagnostics for one query into our plain type, with the adjustments that
// keep real hunting queries from lighting up red.
import { toArray } from './bridge.js';

/** A problem in KQL text, by character offsets into the text given to the service. */
export interface KqlDiagnostic {
  start: number;
  length: number;
  severity: 'error' | 'warning' | 'info';
  /** The service's code (`KS142` …) or one of ours (`KQLH…`). */
  code: string;
  message: string;
}

/** The service's code for a name that is no known table, tabular variable or function. */
export const UNKNOWN_TABLE_CODE = 'KS204';
/** The service's code for a call to a name that is no known function. */
export const UNKNOWN_FUNCTION_CODE = 'KS211';
/** The service's code for an argument name that matches no parameter. */
const UNKNOWN_ARGUMENT_CODE = 'KS196';
/** The service's code for a name that is no known column, variable or function. */
export const UNKNOWN_NAME_CODE = 'KS142';

/**
 * The diagnostics of an analysed query. `columnArgumentFunctions` are functions (FileProfile…)
 * whose arguments may name input columns or parameters the service cannot know (FileProfile's
 * columns, a stand-in for an unknown saved function): unknown-name and unknown-argument errors
 * inside their argument lists are dropped.
 */
export function collectDiagnostics(
  code: Kusto.Language.KustoCode,
  columnArgumentFunctions: readonly string[],
): KqlDiagnostic[] {
  const exempt = argumentRanges(code.Text ?? '', columnArgumentFunctions);
  const out: KqlDiagnostic[] = [];
  for (const d of toArray(code.GetDiagnostics())) {
    const codeName = d.Code ?? '';
    const exemptCode = codeName === UNKNOWN_NAME_CODE || codeName === UNKNOWN_ARGUMENT_CODE;
    if (exemptCode && exempt.some(([s, e]) => d.Start >= s && d.End <= e)) {
      continue;
    }
    out.push({
      start: d.Start,
      length: d.Length,
      // An unknown table is usually a custom or newer table the schema lacks, not a mistake:
      // a warning with a quick fix to declare it, never a wall of red.
      severity: codeName === UNKNOWN_TABLE_CODE ? 'warning' : severityOf(d.Severity),
      code: codeName,
      message: d.Message ?? '',
    });
  }
  return out;
}

function severityOf(severity: string | null): KqlDiagnostic['severity'] {
  switch (severity) {
    case 'Error':
      return 'error';
    case 'Warning':
      return 'warning';
    default:
      return 'info';
  }
}

/** Ranges of the argument lists of calls to the named functions, found with a bracket match. */
function argumentRanges(text: string, names: readonly string[]): [number, number][] {
  if (names.length === 0) return [];
  const ranges: [number, number][] = [];
  const call = new RegExp(`\\b(?:${names.join('|')})\\s*\\(`, 'g');
  for (const match of text.matchAll(call)) {
    const open = match.index + match[0].length;
    let depth = 1;
    let i = open;
    while (i < text.length && depth > 0) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
      i++;
    }
    ranges.push([open, i]);
  }
  return ranges;
}

/**
 * Exclusions for generated hunts: which of a report's scenarios fit a table, and the lines a
 * hunt carries for them: commented out (suggested) or live (applied), each line ending in a
 * comment that names its scenario.
 */
import { kqlCommentText } from '../hunt/kqlLiteral.js';
import type { Scenario } from '../report/metadata.js';
import { conditionsFor, type Exclusion } from './apply.js';
import { exclusionCatalogue, type ExclusionCatalogue } from './catalogue.js';
import { whyNoExclusions } from './columns.js';
import { scenarioExclusion } from './extract.js';
import { renderExclusionLine } from './line.js';

/** How generated hunts use the report's false-positive scenarios. */
export type ExclusionMode = 'none' | 'suggested' | 'applied';
export const EXCLUSION_MODES: readonly ExclusionMode[] = ['none', 'suggested', 'applied'];

/** What a hunt does with exclusions: the ones that fit, or why none does. */
export interface HuntExclusions {
  mode: Exclude<ExclusionMode, 'none'>;
  items: Exclusion[];
  /** Set when the report has scenarios but none fits this table. */
  unavailable?: string;
}

/** The scenarios that fit `table`, in report order, with their conditions on it. */
export function scenarioExclusionsFor(
  scenarios: readonly Scenario[],
  table: string,
  catalogue: ExclusionCatalogue = exclusionCatalogue(),
): Exclusion[] {
  return scenarios.flatMap((scenario) => {
    const conditions = conditionsFor(scenarioExclusion(scenario, catalogue), table);
    return conditions.length > 0 ? [{ label: scenario.title, conditions }] : [];
  });
}

/** The plan of a hunt's exclusions; undefined when there is nothing to write. */
export function huntExclusions(
  scenarios: readonly Scenario[],
  table: string,
  mode: ExclusionMode,
  catalogue?: ExclusionCatalogue,
): HuntExclusions | undefined {
  if (mode === 'none' || scenarios.length === 0) return undefined;
  const items = scenarioExclusionsFor(scenarios, table, catalogue);
  if (items.length > 0) return { mode, items };
  const why = whyNoExclusions(table) ?? `${table} has no column for what the scenarios name`;
  return { mode, items, unavailable: why };
}

/** The hunt's exclusion lines, placed by the renderer between the IOC filter and `project`. */
export function renderHuntExclusions(exclusions: HuntExclusions): string[] {
  if (exclusions.items.length === 0) {
    const why = exclusions.unavailable ?? 'no scenario fits this table';
    return [
      `// No false-positive exclusion from the report applies here: ${kqlCommentText(why, 240)}`,
    ];
  }
  const lines = exclusions.items.map((item) => renderExclusionLine(item.conditions, [item.label]));
  if (exclusions.mode === 'applied') return lines;
  return [
    '// False-positive exclusions suggested by the report: uncomment a line to apply it',
    ...lines.map((line) => `// ${line}`),
  ];
}

/** Renders a hunt plan to KQL text. All report-derived text goes through kqlLiteral.ts. */
import { renderHuntExclusions } from '../exclusion/huntExclusions.js';
import type { IocType } from '../ioc/types.js';
import { kqlCommentText, kqlDynamicList } from './kqlLiteral.js';
import type { Clause, HuntPlan } from './plan.js';

/** What the comment header says about the report a hunt came from. */
export interface HuntSource {
  title?: string;
  family?: string;
  /** ISO date the hunt was generated on. */
  generated: string;
  /** Indicators in the whole report, to show what share this hunt covers. */
  reportIocCount: number;
}

/** One complete, runnable query. Contains no blank line, so a `.kql` file can hold several. */
export function renderHunt(plan: HuntPlan, source: HuntSource): string {
  const lines = [
    ...header(plan, source),
    `let lookback = ${plan.lookback};`,
    ...plan.lists.map(
      (list) => `let ${list.name} = ${kqlDynamicList(list.values)}; // ${list.comment}`,
    ),
    plan.table,
    `| where ${plan.timeColumn} > ago(lookback)`,
    ...filter(plan.clauses),
    ...(plan.exclusions ? renderHuntExclusions(plan.exclusions) : []),
    `| project ${[plan.timeColumn, ...plan.project].join(', ')}`,
    `| order by ${plan.timeColumn} desc`,
  ];
  return lines.join('\n');
}

function header(plan: HuntPlan, source: HuntSource): string[] {
  const title = source.title ? kqlCommentText(source.title) : 'untitled report';
  const family = source.family ? kqlCommentText(source.family, 60) : 'unknown';
  const product = plan.platform === 'defender' ? 'Defender XDR' : 'Microsoft Sentinel';
  const iocs = `${plan.iocs.length} of ${source.reportIocCount} (${typeCounts(plan.iocTypes, plan)})`;
  return [
    `// Hunt: ${plan.table} (${plan.description}), ${product}`,
    `// Report: ${title}`,
    `// Family: ${family} | IOCs: ${iocs} | generated ${source.generated} by kql-hunt`,
  ];
}

function typeCounts(types: IocType[], plan: HuntPlan): string {
  return types
    .map((type) => `${type} ${plan.iocs.filter((i) => i.type === type).length}`)
    .join(', ');
}

function filter(clauses: Clause[]): string[] {
  return clauses.map(
    (clause, index) => `${index === 0 ? '| where ' : '    or '}${condition(clause)}`,
  );
}

function condition(clause: Clause): string {
  switch (clause.kind) {
    case 'in':
      return `${clause.column} ${clause.caseInsensitive ? 'in~' : 'in'} (${clause.list})`;
    case 'has_any':
      return `${clause.column} has_any (${clause.list})`;
    case 'endpoint':
      return `strcat(${clause.column}, ":", tostring(${clause.portColumn})) in (${clause.list})`;
    case 'range':
      return `${clause.family}_is_in_any_range(${clause.column}, ${clause.list})`;
  }
}

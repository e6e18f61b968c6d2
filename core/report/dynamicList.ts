/**
 * A report's indicators as one KQL `dynamic([...])` list, for pasting into a hand-written hunt.
 * Values go through the hunt code's literal quoting, so a hostile value cannot break the list.
 */
import { kqlDynamicList } from '../hunt/kqlLiteral.js';
import type { Report } from './readReport.js';

export interface DynamicList {
  text: string;
  count: number;
}

/**
 * The refanged values of the chosen indicators (all when `indexes` is absent), each once.
 * An `ip:port` indicator contributes its address: the list is meant for `in` / `has_any`
 * filters on an address column, where a port suffix would never match. Indicators below
 * `minConfidence` are left out, as the hunts leave them out.
 */
export function dynamicListFor(
  report: Report,
  indexes?: readonly number[],
  minConfidence = 0,
): DynamicList {
  const chosen = indexes
    ? indexes.flatMap((i) => (report.iocs[i] ? [report.iocs[i]] : []))
    : report.iocs;
  const values = new Set<string>();
  for (const ioc of chosen) {
    if ((ioc.confidence ?? 100) < minConfidence) continue;
    values.add(ioc.value);
  }
  return { text: kqlDynamicList([...values]), count: values.size };
}

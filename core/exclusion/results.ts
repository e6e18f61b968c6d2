/**
 * Values picked from results: a device, process or address written as a string literal or in a
 * comment (where people paste result rows), which the user wants out of this hunt's results.
 */
import ipaddr from 'ipaddr.js';
import { isProcessName } from './catalogue.js';
import type { ResultRole } from './columns.js';
import { huntLayout } from './huntLayout.js';
import { maskKql, readStringLiteral } from './kqlText.js';

/** A value under the cursor, and what kind of thing it names. */
export interface ResultValue {
  role: ResultRole | 'process';
  value: string;
  start: number;
  end: number;
}

// `.com` is left out: far more host names end in it than programs do.
const EXECUTABLE = /\.(?:exe|scr|bat|cmd|ps1|msi|dll)$/i;
const HOST = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63})*$/;
/** Characters of a value in a comment: host names, file names, IPv4 and IPv6 addresses. */
const VALUE_CHAR = /[\w.$:%-]/;

/**
 * The value at `offset`, or undefined when the cursor is not on one. Literals in `let` lines
 * and exclusion lines are the hunt's own indicators and exclusions, never results.
 */
export function resultValueAt(query: string, offset: number): ResultValue | undefined {
  const layout = huntLayout(query);
  if (!layout.table || layout.tableStart === undefined) return undefined;
  const token = maskKql(query).tokens.find((t) => t.start <= offset && offset <= t.end);
  if (!token || token.start < layout.tableStart) return undefined;
  if (layout.exclusionLines.some((l) => l.start <= token.start && token.end <= l.end)) {
    return undefined;
  }
  if (token.kind === 'string') {
    const literal = readStringLiteral(query, token.start);
    const role = literal && classify(literal.value, true);
    return role && literal
      ? { role, value: literal.value, start: token.start, end: token.end }
      : undefined;
  }
  let start = offset;
  let end = offset;
  while (start > token.start && VALUE_CHAR.test(query[start - 1] as string)) start--;
  while (end < token.end && VALUE_CHAR.test(query[end] as string)) end++;
  const value = query.slice(start, end).replace(/[.:,-]+$/, '');
  const role = classify(value, false);
  return role ? { role, value, start, end: start + value.length } : undefined;
}

/**
 * What a value names. In comments a bare word is only taken for a device when it looks like a
 * machine name (a digit, hyphen or dot in it), so prose words are not offered as devices.
 */
function classify(value: string, quoted: boolean): ResultValue['role'] | undefined {
  if (value === '' || value.length > 255) return undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return 'address';
  if (value.includes(':') && ipaddr.IPv6.isValid(value)) return 'address';
  if (EXECUTABLE.test(value) && isProcessName(value)) return 'process';
  if (!HOST.test(value) || !/[A-Za-z]/.test(value)) return undefined;
  return quoted || /[\d.-]/.test(value) ? 'device' : undefined;
}

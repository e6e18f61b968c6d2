// Leftover defanging inside KQL string literals: a hunt that searches for "172[.]245[.]4[.]229"
// or "hxxps://…" never matches anything. The Kusto service cannot know; this check does.
import { extractFromText } from '../ioc/extract.js';
import type { KqlDiagnostic } from './diagnostics.js';
import { blankStringsAndComments, stringLiterals } from './lexical.js';

/** Our code for a defanged indicator left in a string literal. */
export const DEFANGED_STRING_CODE = 'KQLH001';

/** A defanged string literal and what its contents become when refanged. */
export interface DefangedString extends KqlDiagnostic {
  /** The literal's contents refanged (the range covers the contents, without quotes). */
  refanged: string;
}

const DEFANG = /[[({]\s*(?:\.|dot|@|at|:|:\/\/|\/)\s*[\])}]|\bh(?:xx|XX|\*\*)ps?\b|\bfxp\b/i;
/** Regex arguments legitimately hold `[.]` (a character class matching a dot). */
const REGEX_CONTEXT =
  /(matches\s+regex|regex\s*=|extract(?:_all)?\s*\(|replace_regex\s*\(|kind\s*=\s*regex[^|]*|\bregex\s*\()\s*$/i;

/** Defanged indicators in the string literals of a text, by offsets into the text. */
export function findDefangedStrings(text: string): DefangedString[] {
  const found: DefangedString[] = [];
  const code = blankStringsAndComments(text);
  for (const { start: literalStart, contentStart: start, contents } of stringLiterals(text)) {
    if (!DEFANG.test(contents)) continue;
    if (REGEX_CONTEXT.test(code.slice(Math.max(0, literalStart - 60), literalStart))) continue;
    const refanged = refangIndicators(contents);
    if (refanged === contents) continue;
    found.push({
      start,
      length: contents.length,
      severity: 'warning',
      code: DEFANGED_STRING_CODE,
      message: `Defanged indicator in a string: the query searches for "${contents}" literally and will not match. Refang it to "${refanged}".`,
      refanged,
    });
  }
  return found;
}

/**
 * The contents with each defanged indicator in them refanged, and nothing else touched: `[.]`
 * on its own is a pattern (`replace_string(url, "[.]", ".")`), and `(at)` in a sentence is
 * prose.
 */
function refangIndicators(contents: string): string {
  let refanged = '';
  let copied = 0;
  for (const candidate of extractFromText(contents)) {
    if (!candidate.refanged.wasDefanged) continue;
    refanged += contents.slice(copied, candidate.start) + refangString(candidate.raw);
    copied = candidate.end;
  }
  return refanged + contents.slice(copied);
}

/** Undoes the common defang styles inside one string literal's contents. */
export function refangString(value: string): string {
  return value
    .replace(/\b(h)(?:xx|XX|\*\*)(ps?)\b/gi, '$1tt$2')
    .replace(/\bfxp\b/gi, 'ftp')
    .replace(/[[({]\s*:\/\/\s*[\])}]/g, '://')
    .replace(/[[({]\s*:\s*[\])}]/g, ':')
    .replace(/[[({]\s*\/\s*[\])}]/g, '/')
    .replace(/[[({]\s*(?:\.|dot)\s*[\])}]/gi, '.')
    .replace(/[[({]\s*(?:@|at)\s*[\])}]/gi, '@');
}

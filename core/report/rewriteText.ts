/**
 * Refanging and defanging every indicator inside a piece of text (an editor selection, a table
 * row, a free-text cell shown in a hover), leaving everything around the indicators untouched.
 */
import { classify } from '../ioc/classify.js';
import { extractFromText } from '../ioc/extract.js';
import { defang, refang } from '../ioc/refang.js';

export type RewriteMode = 'refang' | 'defang';

/**
 * Rewrites each indicator in `text`. Defanging keeps the spelling as written (case, path) and
 * only neuters it; refanging undoes every defang style. Text that holds no indicator is
 * returned unchanged, so the result is safe to apply to any selection.
 */
export function rewriteIocs(text: string, mode: RewriteMode): string {
  const candidates = extractFromText(text);
  if (candidates.length === 0) return rewriteWhole(text, mode);
  let out = '';
  let from = 0;
  for (const candidate of candidates) {
    out += text.slice(from, candidate.start) + rewriteOne(candidate.raw, mode);
    from = candidate.end;
  }
  return out + text.slice(from);
}

/**
 * The token scanner ignores tokens shorter than seven characters (`a.io`, `1.1.1.1` is seven);
 * a selection that is exactly one short indicator is still the user's clear intent.
 */
function rewriteWhole(text: string, mode: RewriteMode): string {
  const trimmed = text.trim();
  if (trimmed === '' || !classify(refang(trimmed).value)) return text;
  const at = text.indexOf(trimmed);
  return text.slice(0, at) + rewriteOne(trimmed, mode) + text.slice(at + trimmed.length);
}

function rewriteOne(raw: string, mode: RewriteMode): string {
  const refanged = refang(raw);
  if (mode === 'defang') return refanged.wasDefanged ? raw : defang(raw);
  return refanged.wasDefanged ? refanged.value : raw;
}

/**
 * Finds indicators in free text (prose, lists, code blocks). The text is cut into tokens at
 * white space and quoting characters in one linear pass; each token then goes through the
 * same refang → classify path as a table cell.
 */
import { classify, type Classified } from './classify.js';
import { refang, type RefangResult } from './refang.js';
import { isFileName } from './validate.js';

export interface TextCandidate {
  raw: string;
  start: number;
  end: number;
  refanged: RefangResult;
  classified: Classified;
}

/** Characters that end a token: white space, quotes, backticks, angle brackets, table pipes. */
const SEPARATORS = new Set([...' \t\r\n\f\v"\'`<>|,;\u00a0\u2028\u2029']);
/** Tokens longer than this are not indicators (a URL rarely exceeds 2 KB); skip them whole. */
const MAX_TOKEN = 4096;
/** Longest `key` of a `key=value` token whose value is tried as an indicator. */
const MAX_KEY = 64;
/** A token must contain one of these, or be long hex, to be worth classifying. */
// Hex may sit in emphasis or before a comma (`**<md5>**`, `<sha1>,`): the token still holds a
// hash once refang trims that punctuation, so the hint must allow it too.
const HINT = /[.:@[\]()]|^[*_]*[0-9a-f]{32,64}[*_,;!?]*$/i;

/** Scans `text[from, to)` and returns every token that classifies as an indicator. */
export function extractFromText(text: string, from = 0, to = text.length): TextCandidate[] {
  const found: TextCandidate[] = [];
  let start = -1;
  for (let i = from; i <= to; i++) {
    const c = i < to ? (text[i] as string) : ' ';
    if (!SEPARATORS.has(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      consider(text, start, i, found);
      start = -1;
    }
  }
  return found;
}

function consider(text: string, start: number, end: number, found: TextCandidate[]): void {
  if (end - start < 7 || end - start > MAX_TOKEN) return;
  let raw = text.slice(start, end);
  // A markdown link `[label](target)` holds two candidates; the target is the indicator.
  const link = raw.indexOf('](');
  if (link >= 0) {
    start += link + 2;
    raw = raw.slice(link + 2);
  }
  // Code and logs write `sha1=…` or `url=hxxps://…?a=b`: when the whole token is no indicator,
  // the value after its first `=` may be one (and so on, left to right). Keys are short, which
  // also bounds the retries on a token made of `=` signs.
  const equals = raw.indexOf('=');
  const assignment = equals > 0 && equals <= MAX_KEY ? equals : -1;
  if (!HINT.test(raw)) {
    if (assignment > 0) consider(text, start + assignment + 1, end, found);
    return;
  }
  const refanged = refang(raw);
  const classified = classify(refanged.value);
  if (!classified) {
    if (assignment > 0) consider(text, start + assignment + 1, end, found);
    return;
  }
  // In prose, `setup.py` or `notes.zip` is far more often a file than a host; only a defanged
  // spelling shows the author meant a domain.
  if (classified.type === 'domain' && !refanged.wasDefanged && isFileName(classified.value)) return;
  // Narrow the span to the indicator itself, without the sentence punctuation around it.
  let first = 0;
  let last = raw.length;
  while (first < last && '([{*_'.includes(raw[first] as string) && raw[first] !== '[') first++;
  while (last > first && '.,:!?)*_'.includes(raw[last - 1] as string)) last--;
  if (refanged.value.endsWith(')')) last = raw.length;
  found.push({
    raw: raw.slice(first, last),
    start: start + first,
    end: start + last,
    refanged,
    classified,
  });
}

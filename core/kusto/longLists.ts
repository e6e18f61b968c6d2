// Long lists of string literals, shortened before the service analyses a query. The service's
// analysis grows with the square of a literal list's length (a dynamic([...]) of 5,000 indicators
// takes 2 s, 40,000 a minute), and IOC hunts hold such lists. Past the first values, more
// strings of the same list change nothing the analysis can find, so they are blanked to spaces:
// offsets, line breaks and every diagnostic outside the list stay as they were.
import type { KqlToken } from './classify.js';
import { stringLiterals } from './lexical.js';

/** Lists longer than this are shortened. */
const LONG_LIST = 100;
/** How many values of a long list the service still sees. */
const KEPT_VALUES = 50;

/** The text with each long run of comma-separated string literals cut to its first values. */
export function shortenLiteralLists(text: string): string {
  const literals = stringLiterals(text);
  if (literals.length <= LONG_LIST) return text;
  const ends = literals.map(({ contentStart, contents }) => {
    const end = contentStart + contents.length;
    // An unterminated literal ends no list.
    return text[end] === text[contentStart - 1] ? end + 1 : -1;
  });
  const blanked: [number, number][] = [];
  let first = 0;
  for (let i = 1; i <= literals.length; i++) {
    const joined =
      i < literals.length &&
      ends[i - 1]! >= 0 &&
      /^\s*,\s*$/.test(text.slice(ends[i - 1], literals[i]!.start));
    if (joined) continue;
    // literals[first .. i-1] form one list.
    const last = i - 1;
    if (last - first + 1 > LONG_LIST && ends[last]! >= 0) {
      blanked.push([ends[first + KEPT_VALUES - 1]!, ends[last]!]);
    }
    first = i;
  }
  if (blanked.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const [start, end] of blanked) {
    out += text.slice(copied, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    copied = end;
  }
  return out + text.slice(copied);
}

/**
 * Highlighting read off the analysis of a shortened text, completed with the string literals
 * the shortening blanked, so it is the highlighting of the original text.
 */
export function withBlankedStrings(
  tokens: KqlToken[],
  shortened: string,
  original: string,
): KqlToken[] {
  if (shortened === original) return tokens;
  const restored = stringLiterals(original)
    .map(({ start, contentStart, contents }) => ({
      start,
      length: contentStart + contents.length + 1 - start,
      kind: 'string' as const,
    }))
    .filter((t) => shortened.slice(t.start, t.start + t.length).trim() === '');
  return [...tokens, ...restored].sort((a, b) => a.start - b.start);
}

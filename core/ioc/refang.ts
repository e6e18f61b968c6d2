/**
 * Refanging: undo the ways analysts neuter indicators so that nobody clicks them
 * (`evil[.]com`, `hxxps[://]`, `user[at]mail[.]com` …), and the opposite, defanging.
 *
 * Every pattern here is applied to one candidate value at a time (never to a whole report) and
 * has no nested quantifiers, so its cost is linear in the value's length.
 */
// The markdown parser's own decoder (a dependency of mdast-util-from-markdown), so a value is
// decoded by the same rules, and the same entity table, as the rest of the report.
import { decodeString } from 'micromark-util-decode-string';
import { INVISIBLE_CHARACTERS } from '../text/invisibleCharacters.js';

/** Characters that are invisible or reorder text: never legitimate inside an indicator. */
const HIDDEN_CHARACTERS = INVISIBLE_CHARACTERS;
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const SPACE_LIKE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/** `[.]` `(.)` `{.}` `[dot]` `(dot)` `{dot}` with optional inner spaces. */
const DOT = /[[({]\s*(?:\.|dot)\s*[\])}]/gi;
/** `[@]` `(@)` `[at]` `(at)` `{at}`: only bracketed forms, so prose "at" never becomes `@`. */
const AT = /[[({]\s*(?:@|at)\s*[\])}]/gi;
/** Brackets around runs of URL punctuation: `[:]` `[://]` `[/]` `(:)` … */
const BRACKETED_PUNCTUATION = /[[({]([:/]{1,3})[\])}]/g;
/** Scheme defangs at the very start of a value only: a live value may contain "hxxp" later. */
const DEFANGED_SCHEME = /^(?:h[xt*]{2}p|hxp|hxxxp)(s?)(?=:|\[)/i;
const DEFANGED_FTP = /^fxp(s?)(?=:|\[)/i;
/** A backslash escape: CommonMark lets one stand before any ASCII punctuation. */
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;
const LEADING_JUNK = /^[\s"'`<({*_,;]+/;
/**
 * A bracketed IPv6 literal, optionally with a port: the brackets belong to the value. Its
 * colons may themselves be defanged (`[2001[:]db8[:][:]1][:]443`).
 */
const IPV6_LITERAL = /^\[(?:[0-9a-f.:]|[[(]:[\])])+\](?:(?::|[[(]:[\])])\d+)?/i;
/**
 * A URL whose scheme and host are written live: it was not defanged, so nothing after the host
 * is refanged either (`?next=a[.]b` or `(dot)` in a live query string is data, not a defang).
 */
const LIVE_URL = /^(?:https?|ftps?|wss?):\/\/(?:\[[0-9a-f:.]+\]|[^/?#[\](){}\\\s]+)(?:[/?#]|$)/i;

export interface RefangResult {
  /** The value with every defang undone and surrounding punctuation removed. */
  value: string;
  /** True when anything beyond trimming had to be undone: the report had defanged it. */
  wasDefanged: boolean;
  /** Invisible or direction-changing characters that were removed (Trojan Source style). */
  hiddenCharacters: string[];
  /** True when one of the removed characters reorders text (bidi override or isolate). */
  hasBidiControls: boolean;
}

/**
 * Refangs one candidate indicator, read as a markdown viewer shows it (see `markdownText`).
 * Case-insensitive for every defang style. Backticks around the value (a code span) are not part
 * of it; one inside it is kept, as deleting it would turn `a`b[.]com` into a different, real
 * domain.
 */
export function refang(raw: string): RefangResult {
  const shown = markdownText(raw);
  const hiddenCharacters = shown.match(HIDDEN_CHARACTERS) ?? [];
  let value = shown.replace(HIDDEN_CHARACTERS, '').replace(SPACE_LIKE, ' ');
  value = trimJunk(value);
  const trimmed = value;
  if (LIVE_URL.test(value)) {
    return {
      value,
      wasDefanged: false,
      hiddenCharacters,
      hasBidiControls: hasBidi(hiddenCharacters),
    };
  }

  value = value
    .replace(DOT, '.')
    .replace(AT, '@')
    .replace(BRACKETED_PUNCTUATION, '$1')
    .replace(/\[\/\]/g, '/');
  value = value.replace(DEFANGED_SCHEME, (_m, s: string) => `http${s.toLowerCase()}`);
  value = value.replace(DEFANGED_FTP, (_m, s: string) => `ftp${s.toLowerCase()}`);
  value = trimJunk(value);

  return {
    value,
    wasDefanged: value !== trimmed,
    hiddenCharacters,
    hasBidiControls: hasBidi(hiddenCharacters),
  };
}

/**
 * A value as written in markdown, turned into the text a viewer shows for it: backslash escapes
 * and character references (`&#46;`, `&period;`) decoded, or, for a value wrapped whole in a
 * code span, the span's content, which markdown shows literally.
 */
export function markdownText(raw: string): string {
  const code = codeSpanContent(raw);
  if (code !== undefined) return code;
  // Without an `&` there is no reference, and undoing escapes alone with a replacement string
  // is several times cheaper than decodeString's per-match callback on a run of escapes.
  return raw.includes('&') ? decodeString(raw) : raw.replace(MARKDOWN_ESCAPE, '$1');
}

/**
 * The content of a value that is one inline code span (`x`, ``x``: equal runs of backticks),
 * else undefined. Only `\|` is undone inside: GFM reads it before the span, so a table cell can
 * hold a pipe. Counted rather than matched with a backreference, which is quadratic on long runs.
 */
function codeSpanContent(value: string): string | undefined {
  let open = 0;
  while (value[open] === '`') open++;
  let close = 0;
  while (close < value.length - open && value[value.length - 1 - close] === '`') close++;
  if (open === 0 || open !== close || value.length === open + close) return undefined;
  return value.slice(open, value.length - close).replace(/\\\|/g, '|');
}

function hasBidi(hidden: string[]): boolean {
  return hidden.some((c) => BIDI_CONTROLS.test(c));
}

const TRAILING_JUNK_CHARS = new Set([...'"\'`>)]}*_,;:!?.', ' ', '\t', '\n', '\r']);

/**
 * Strips quotes, brackets and sentence punctuation around a value, keeping a closing bracket
 * that belongs to the value (an IPv6 literal `[::1]` or a URL path with balanced parentheses).
 * Written as loops rather than an end-anchored regex, whose backtracking is quadratic on long
 * runs of punctuation.
 */
function trimJunk(value: string): string {
  let out = value.replace(LEADING_JUNK, '');
  while (out.startsWith('[') && !IPV6_LITERAL.test(out)) {
    out = out.slice(1).replace(LEADING_JUNK, '');
  }
  let end = out.length;
  while (end > 0 && TRAILING_JUNK_CHARS.has(out[end - 1] as string)) end--;
  if (end === out.length) return out;
  // Give back closers that balance an opener inside the kept part.
  let openSquare = 0;
  let openRound = 0;
  for (let i = 0; i < end; i++) {
    const c = out[i];
    if (c === '[') openSquare++;
    else if (c === ']') openSquare--;
    else if (c === '(') openRound++;
    else if (c === ')') openRound--;
  }
  while (end < out.length) {
    const c = out[end];
    if (c === ']' && openSquare > 0) openSquare--;
    else if (c === ')' && openRound > 0) openRound--;
    else break;
    end++;
  }
  return out.slice(0, end);
}

/**
 * Defangs a live indicator so that no viewer turns it into a link: dots become `[.]`, a URL
 * scheme becomes `hxxp(s)`, `@` becomes `[@]`. Idempotent on an already defanged value.
 */
export function defang(value: string): string {
  if (refang(value).wasDefanged) return value;
  return value
    .replace(/^http(s?):\/\//i, (_m, s: string) => `hxxp${s}[://]`)
    .replace(/^ftp(s?):\/\//i, (_m, s: string) => `fxp${s}[://]`)
    .replace(/@/g, '[@]')
    .replace(/\./g, '[.]');
}

/**
 * Untrusted text (a report, a query, an input file's name) inside a line the CLI prints for a
 * person. Left raw, an escape sequence in a report table cell could move the cursor and erase
 * the warning above it, and a bidi override could make a value read as another. Such
 * characters are shown as escapes instead: `\x1b`, `\u202e`.
 *
 * Human-readable lines get {@link escapeForTerminal}; JSON output {@link jsonText}, which parses
 * to the same values. Generated KQL already writes every value as a safe string literal.
 */
import { INVISIBLE_CHARACTER_CLASS } from '../core/text/invisibleCharacters.js';

/**
 * Beyond the C0 controls: DEL and C1 controls; the invisible and direction characters
 * (core/text/invisibleCharacters.ts) with U+061C, the Arabic letter mark; and the line and
 * paragraph separators, which some terminals break lines at.
 */
const ACTIVE_BEYOND_C0_CLASS = `\\x7f-\\x9f\\u061c\\u2028\\u2029${INVISIBLE_CHARACTER_CLASS}`;
/** Those, for JSON: JSON.stringify escapes the C0 controls itself (its newlines are layout). */
const ACTIVE_BEYOND_C0 = new RegExp(`[${ACTIVE_BEYOND_C0_CLASS}]`, 'g');
/** Those and the C0 controls but tab (newline included: one message stays one line). */
const ACTIVE_CHARACTERS = new RegExp(`[\\x00-\\x08\\x0a-\\x1f${ACTIVE_BEYOND_C0_CLASS}]`, 'g');

/** `text` with every character that would act on the terminal written as an escape. */
export function escapeForTerminal(text: string): string {
  return text.replace(ACTIVE_CHARACTERS, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * `value` as indented JSON. JSON.stringify escapes C0 controls only; the other characters that
 * act on a terminal are written as `\uXXXX` too, so `cat`-ing the output is safe and a parser
 * still reads the same strings. (Outside strings JSON holds none of them.)
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    ACTIVE_BEYOND_C0,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Finds the KQL string literal under a cursor, for IOC hovers in `.kql` files. A light lexer
 * over the cursor's line only: enough to tell a literal from a comment or an identifier
 * without running the Kusto service, which belongs to the `.kql` features and is busy there.
 */

export interface StringLiteralAt {
  /** The literal's value with escapes decoded. */
  value: string;
  /** Offsets of the literal in the text, quotes included. */
  start: number;
  end: number;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/**
 * The single-line string literal (`"…"`, `'…'`, verbatim `@"…"`, obfuscated `h"…"`) holding
 * `offset`, or undefined when the offset is in code, in a comment or between literals.
 * Multi-line ``` literals are not recognised: indicators are not written in them.
 */
export function kqlStringAt(text: string, offset: number): StringLiteralAt | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  let i = lineStart;
  while (i < lineEnd) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') return undefined;
    const prefix = c === '@' || c === 'h' || c === 'H' ? 1 : 0;
    const quote = text[i + prefix];
    const isWordPrefix = prefix === 1 && i > lineStart && /[\w]/.test(text[i - 1] as string);
    if ((quote === '"' || quote === "'") && !isWordPrefix) {
      const verbatim = c === '@';
      const literal = readLiteral(text, i, i + prefix, lineEnd, quote, verbatim);
      if (offset >= literal.start && offset <= literal.end) {
        return literal.closed
          ? { value: literal.value, start: literal.start, end: literal.end }
          : undefined;
      }
      i = literal.end;
      continue;
    }
    i++;
  }
  return undefined;
}

function readLiteral(
  text: string,
  start: number,
  quoteAt: number,
  lineEnd: number,
  quote: string,
  verbatim: boolean,
): { value: string; start: number; end: number; closed: boolean } {
  let value = '';
  let i = quoteAt + 1;
  while (i < lineEnd) {
    const c = text[i] as string;
    if (c === quote) {
      // In a verbatim literal a doubled quote is a quote; otherwise it closes the literal.
      if (verbatim && text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, start, end: i + 1, closed: true };
    }
    if (c === '\\' && !verbatim) {
      const next = text[i + 1] ?? '';
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      value += ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return { value, start, end: lineEnd, closed: false };
}

/**
 * Just enough KQL lexing for exclusions: read a string literal's value, and blank out strings
 * and comments so that pipes, brackets and keywords can be found with plain searches without
 * being fooled by a `|` or `//` inside report text.
 */

/** The value of the string literal starting at `at`, and the offset just past it. */
export function readStringLiteral(
  text: string,
  at: number,
): { value: string; end: number } | undefined {
  const verbatim = text[at] === '@';
  const quote = text[verbatim ? at + 1 : at];
  if (quote !== '"' && quote !== "'") return undefined;
  let value = '';
  let i = at + (verbatim ? 2 : 1);
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n' || c === '\r') return undefined;
    if (c === quote) {
      // In a verbatim literal a doubled quote stands for one quote.
      if (verbatim && text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (c === '\\' && !verbatim) {
      const escaped = readEscape(text, i);
      if (!escaped) return undefined;
      value += escaped.value;
      i = escaped.end;
      continue;
    }
    value += c;
    i++;
  }
  return undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '0': '\0',
};

function readEscape(text: string, at: number): { value: string; end: number } | undefined {
  const c = text[at + 1];
  if (c === undefined) return undefined;
  if (c in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[c] as string, end: at + 2 };
  const hex = c === 'u' ? /^[0-9a-fA-F]{4}/ : c === 'x' ? /^[0-9a-fA-F]{2}/ : undefined;
  const digits = hex?.exec(text.slice(at + 2));
  if (!digits) return undefined;
  return {
    value: String.fromCharCode(parseInt(digits[0], 16)),
    end: at + 2 + digits[0].length,
  };
}

/** A literal or comment found while masking. */
export interface Token {
  kind: 'string' | 'comment';
  start: number;
  end: number;
}

/**
 * `text` with every string literal's and comment's characters replaced by spaces (line breaks
 * kept), so offsets still line up, plus where those literals and comments were.
 */
export function maskKql(text: string): { code: string; tokens: Token[] } {
  const out = text.split('');
  const tokens: Token[] = [];
  const blank = (start: number, end: number) => {
    for (let k = start; k < end; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = lineEnd(text, i);
      tokens.push({ kind: 'comment', start: i, end });
      blank(i, end);
      i = end;
    } else if (text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      const end = close < 0 ? text.length : close + 3;
      tokens.push({ kind: 'string', start: i, end });
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'" || (c === '@' && /["']/.test(text[i + 1] ?? ''))) {
      const literal = readStringLiteral(text, i);
      const end = literal ? literal.end : lineEnd(text, i);
      tokens.push({ kind: 'string', start: i, end });
      blank(i, end);
      i = end;
    } else i++;
  }
  return { code: out.join(''), tokens };
}

function lineEnd(text: string, at: number): number {
  const n = text.slice(at).search(/[\r\n]/);
  return n < 0 ? text.length : at + n;
}

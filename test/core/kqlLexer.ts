/**
 * Just enough of KQL's lexical rules to tell code from string literals and comments, written
 * independently of core/hunt/kqlLiteral.ts so that the hostile-value tests do not trust the
 * escaper they are testing. Covers "…" and '…' with backslash escapes, @"…" / @'…' verbatim
 * strings, ```…``` multi-line strings, the h/H obfuscation prefix, and // comments.
 */

interface Token {
  kind: 'code' | 'string' | 'comment';
  /** For strings, the decoded value; otherwise the text as written. */
  text: string;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
};

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let code = '';
  let i = 0;
  const flush = () => {
    if (code) tokens.push({ kind: 'code', text: code });
    code = '';
  };
  while (i < query.length) {
    const c = query[i] as string;
    const next = query[i + 1];
    if (c === '/' && next === '/') {
      flush();
      const end = query.indexOf('\n', i);
      const stop = end < 0 ? query.length : end;
      tokens.push({ kind: 'comment', text: query.slice(i, stop) });
      i = stop;
    } else if (query.startsWith('```', i)) {
      flush();
      const end = query.indexOf('```', i + 3);
      if (end < 0) throw new Error(`unterminated multi-line string at ${i}`);
      tokens.push({ kind: 'string', text: query.slice(i + 3, end) });
      i = end + 3;
    } else if (c === '@' && (next === '"' || next === "'")) {
      flush();
      i = verbatim(query, i + 1, tokens);
    } else if (
      (c === 'h' || c === 'H') &&
      (next === '"' || next === "'") &&
      !/\w/.test(code.at(-1) ?? '')
    ) {
      flush();
      i = quoted(query, i + 1, tokens);
    } else if (c === '"' || c === "'") {
      flush();
      i = quoted(query, i, tokens);
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return tokens;
}

function verbatim(query: string, open: number, tokens: Token[]): number {
  const quote = query[open] as string;
  let value = '';
  let i = open + 1;
  for (;;) {
    if (i >= query.length || query[i] === '\n') throw new Error(`unterminated @string at ${open}`);
    if (query[i] === quote) {
      if (query[i + 1] !== quote) break;
      value += quote;
      i += 2;
    } else value += query[i++];
  }
  tokens.push({ kind: 'string', text: value });
  return i + 1;
}

function quoted(query: string, open: number, tokens: Token[]): number {
  const quote = query[open] as string;
  let value = '';
  let i = open + 1;
  for (;;) {
    const c = query[i];
    // A KQL string literal cannot span a line: a raw line break means the value escaped it.
    if (c === undefined || c === '\n' || c === '\r')
      throw new Error(`unterminated string at ${open}`);
    if (c === quote) break;
    if (c === '\\') {
      const e = query[i + 1] as string;
      if (e === 'u') {
        const hex = query.slice(i + 2, i + 6);
        if (!/^[0-9a-f]{4}$/i.test(hex)) throw new Error(`bad \\u escape at ${i}`);
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      const decoded = ESCAPES[e];
      if (decoded === undefined) throw new Error(`unknown escape \\${e} at ${i}`);
      value += decoded;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  tokens.push({ kind: 'string', text: value });
  return i + 1;
}

/** The query with every string literal replaced by `""` and every comment removed. */
export function kqlCodeOnly(query: string): string {
  return tokenize(query)
    .map((t) => (t.kind === 'code' ? t.text : t.kind === 'string' ? '""' : ''))
    .join('');
}

/** The decoded values of the query's string literals, in order. */
export function kqlStringLiterals(query: string): string[] {
  return tokenize(query)
    .filter((t) => t.kind === 'string')
    .map((t) => t.text);
}

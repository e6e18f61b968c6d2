// Splits a multi-query file into the queries people meant. Blank lines separate queries, except
// where the text around the blank line shows the query goes on: inside brackets or a multi-line
// string, after a `let` statement's `;`, after a dangling operator, or before a `|` continuation.

/** One query of a file, by character offsets into the file. */
export interface QueryBlock {
  start: number;
  end: number;
  text: string;
}

interface Line {
  start: number;
  end: number;
  /** The line with comments removed and string contents blanked, for the merge rules. */
  code: string;
  /** Brackets open at the end of the line, or a multi-line string still running. */
  open: boolean;
}

const ENDS_UNFINISHED =
  /(;|\||,|\(|\[|\{|=|=~|!=|!~|<|>|\+|-|\*|\/|\b(and|or|not|by|on|with|let|in|has|has_any|contains|between)\b)\s*$/i;
const STARTS_CONTINUATION = /^(\||\)|\]|\}|,|\.|(and|or|on|by|with)\b)/i;

const recent = new Map<string, QueryBlock[]>();
const RECENT_SIZE = 8;

/**
 * Splits text into query blocks; text without blank lines is one block. Every editor request
 * on a document splits it again, so the last few results are kept.
 */
export function splitQueries(text: string): QueryBlock[] {
  const cached = recent.get(text);
  if (cached) return cached;
  const blocks = split(text);
  if (recent.size >= RECENT_SIZE) recent.delete(recent.keys().next().value!);
  recent.set(text, blocks);
  return blocks;
}

function split(text: string): QueryBlock[] {
  const lines = scanLines(text);
  const chunks: Line[][] = [];
  let current: Line[] = [];
  let previousOpen = false;
  for (const line of lines) {
    const blank = text.slice(line.start, line.end).trim() === '';
    if (blank && !previousOpen) {
      if (current.length > 0) chunks.push(current);
      current = [];
    } else if (!blank || current.length > 0) {
      current.push(line);
    }
    previousOpen = line.open;
  }
  if (current.length > 0) chunks.push(current);

  // Comment-only chunks are held back and go with the code that follows them, so a comment
  // between a table name and its `| where` lines does not decide where a query ends.
  const merged: Line[][] = [];
  let pending: Line[] = [];
  for (const chunk of chunks) {
    if (!chunk.some((l) => l.code.trim() !== '')) {
      pending.push(...chunk);
      continue;
    }
    const previous = merged[merged.length - 1];
    if (previous && continues(previous, chunk)) previous.push(...pending, ...chunk);
    else merged.push([...pending, ...chunk]);
    pending = [];
  }
  if (pending.length > 0) {
    const previous = merged[merged.length - 1];
    if (previous) previous.push(...pending);
    else merged.push(pending);
  }
  return merged.map((chunk) => {
    const start = chunk[0]!.start;
    const end = trimEnd(text, chunk[chunk.length - 1]!.end, start);
    return { start, end, text: text.slice(start, end) };
  });
}

function continues(previous: Line[], next: Line[]): boolean {
  const lastCode = [...previous].reverse().find((l) => l.code.trim() !== '');
  const firstCode = next.find((l) => l.code.trim() !== '');
  if (!lastCode || !firstCode) return false;
  return (
    ENDS_UNFINISHED.test(lastCode.code.trimEnd()) || STARTS_CONTINUATION.test(firstCode.code.trim())
  );
}

function trimEnd(text: string, end: number, start: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/**
 * Reads the text once, tracking strings, comments and bracket depth, and returns each line with
 * its code part and whether something is still open at its end.
 */
function scanLines(text: string): Line[] {
  const lines: Line[] = [];
  let depth = 0;
  let lineStart = 0;
  let code = '';
  let inMultiline = false;
  let i = 0;
  const endLine = (end: number): void => {
    lines.push({ start: lineStart, end, code, open: depth > 0 || inMultiline });
    code = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      endLine(text[i - 1] === '\r' ? i - 1 : i);
      lineStart = i + 1;
      i++;
      continue;
    }
    if (inMultiline) {
      if (text.startsWith('```', i)) {
        inMultiline = false;
        code += '"';
        i += 3;
      } else i++;
      continue;
    }
    if (text.startsWith('```', i)) {
      inMultiline = true;
      code += '"';
      i += 3;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const verbatim = text[i - 1] === '@';
      i++;
      while (i < text.length && text[i] !== ch && text[i] !== '\n') {
        if (text[i] === '\\' && !verbatim) i++;
        i++;
      }
      if (text[i] === ch) i++;
      code += '""';
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    code += ch;
    i++;
  }
  endLine(text.length);
  return lines;
}

// Hover text: the service's quick info (the symbol and its type) plus our own short
// documentation for the functions hunters use most, because the service's descriptions are empty.
import functionDocs from '../../data/schemas/function-docs.json' with { type: 'json' };
import { codeServiceFor } from './codeService.js';

/** Hover content for a position: a signature line and optional documentation. */
export interface KqlQuickInfo {
  /** What the service says: `(function) bin(value, roundTo): datetime`, `EventID: int` … */
  signature: string;
  documentation?: string;
  /** The word hovered, by offsets into the query text. */
  start: number;
  length: number;
}

const docs: Record<string, string> = functionDocs.functions;

/** Our documentation for a function name, if we have any. */
export function functionDoc(name: string): string | undefined {
  return Object.hasOwn(docs, name) ? docs[name] : undefined;
}

/** Quick info at `offset` in one query, or undefined over whitespace and punctuation. */
export function quickInfo(
  text: string,
  offset: number,
  globals: Kusto.Language.GlobalState,
): KqlQuickInfo | undefined {
  const word = wordAt(text, offset);
  if (!word) return undefined;
  const info = codeServiceFor(text, globals).GetQuickInfo(offset, null);
  const signature = info?.Text?.trim() ?? '';
  if (!signature) return undefined;
  const name = text.slice(word.start, word.end);
  return {
    signature,
    documentation: functionDoc(name),
    start: word.start,
    length: word.end - word.start,
  };
}

function wordAt(text: string, offset: number): { start: number; end: number } | undefined {
  const isWord = (ch: string | undefined): boolean => !!ch && /[\w$]/.test(ch);
  let start = offset;
  let end = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  return start === end ? undefined : { start, end };
}

// Highlighting results per document, in LSP's encoding. After an edit the editor asks again
// for the whole file; when it names the result it holds, the answer is only what changed: one
// edit of a few tokens instead of the whole file's (about 100,000 numbers for 2,000 lines).
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { KQL_TOKEN_KINDS, type KqlToken } from '../../core/kusto/index.js';

/** The semantic token legend: our token kinds in order, no modifiers. */
export const SEMANTIC_TOKEN_LEGEND = { tokenTypes: [...KQL_TOKEN_KINDS], tokenModifiers: [] };

/** Numbers per token in LSP's encoding: line and character deltas, length, kind, modifiers. */
const TOKEN_WIDTH = 5;

interface SentResult {
  id: string;
  data: number[];
}

/** The last result sent for each open document, so the next can be sent as edits to it. */
export class SemanticTokensCache {
  private readonly sent = new Map<string, SentResult>();
  private nextId = 1;

  /** The whole result for `tokens` (by offsets into `document`). */
  full(document: TextDocument, tokens: readonly KqlToken[]): SemanticTokens {
    const result = this.remember(document.uri, encode(document, tokens));
    return { resultId: result.id, data: result.data };
  }

  /**
   * Edits to the result `previousResultId`, or the whole result when that is not the last one
   * sent (a request the editor cancelled leaves it holding an older one).
   */
  delta(
    document: TextDocument,
    tokens: readonly KqlToken[],
    previousResultId: string,
  ): SemanticTokens | SemanticTokensDelta {
    const previous = this.sent.get(document.uri);
    if (previous?.id !== previousResultId) return this.full(document, tokens);
    const result = this.remember(document.uri, encode(document, tokens));
    const edit = tokenEdit(previous.data, result.data);
    return { resultId: result.id, edits: edit ? [edit] : [] };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }

  private remember(uri: string, data: number[]): SentResult {
    const result = { id: String(this.nextId++), data };
    this.sent.set(uri, result);
    return result;
  }
}

function encode(document: TextDocument, tokens: readonly KqlToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const token of tokens) {
    const start = document.positionAt(token.start);
    const end = document.positionAt(token.start + token.length);
    // Tokens spanning lines (multi-line strings and comments) are left to the grammar.
    if (start.line !== end.line) continue;
    const deltaLine = start.line - line;
    data.push(deltaLine, deltaLine === 0 ? start.character - character : start.character);
    data.push(token.length, KQL_TOKEN_KINDS.indexOf(token.kind), 0);
    line = start.line;
    character = start.character;
  }
  return data;
}

/** The one edit turning `before` into `after`: the tokens between their common ends. */
export function tokenEdit(
  before: readonly number[],
  after: readonly number[],
): { start: number; deleteCount: number; data: number[] } | undefined {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  if (head === before.length && head === after.length) return undefined;
  head -= head % TOKEN_WIDTH;
  let tail = 0;
  while (
    tail < shorter - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  tail -= tail % TOKEN_WIDTH;
  return {
    start: head,
    deleteCount: before.length - head - tail,
    data: after.slice(head, after.length - tail),
  };
}

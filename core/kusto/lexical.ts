// Small lexical helpers for the features that read query text without the service (splitting
// aside, which tracks more state): strings and comments found in one left-to-right pass, so a
// `//` inside "https://…" is not a comment and a quote inside a comment is not a string.

/** A comment, or a string literal with its optional `@` (verbatim) prefix. */
const TOKEN = /\/\/[^\n]*|(@?)(["'])((?:(?!\2)[^\\\n]|\\.)*)\2?/g;

/** A string literal: where its contents start and what they are. */
export interface StringLiteral {
  /** Offset of the literal, its `@` prefix included. */
  start: number;
  contentStart: number;
  contents: string;
}

/** The string literals of a text, in order, skipping comments. */
export function stringLiterals(text: string): StringLiteral[] {
  const out: StringLiteral[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (match[2] === undefined) continue;
    const prefix = match[1] ?? '';
    out.push({
      start: match.index,
      contentStart: match.index + prefix.length + 1,
      contents: match[3] ?? '',
    });
  }
  return out;
}

/** The text with comments and string contents replaced by spaces (offsets unchanged). */
export function blankStringsAndComments(text: string): string {
  return text.replace(TOKEN, (m) => m.replace(/[^\n]/g, ' '));
}

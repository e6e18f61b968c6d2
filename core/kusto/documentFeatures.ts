// Editor features over a whole multi-query document: each request is answered by the query
// block that holds the caret, and offsets are mapped between block and document.
import type { LruCache } from './lruCache.js';
import { classify, type KqlToken } from './classify.js';
import { complete, type KqlCompletions } from './completion.js';
import { formatQuery } from './format.js';
import { letSymbols, nameUses, type KqlLetSymbol, type KqlNameUses } from './letSymbols.js';
import { quickInfo, type KqlQuickInfo } from './quickInfo.js';
import { signatureHelp, type KqlSignatureHelp } from './signature.js';
import { splitQueries, type QueryBlock } from './split.js';

/** A replacement of `[start, end)` in the document by `text`. */
export interface KqlTextEdit {
  start: number;
  end: number;
  text: string;
}

/** Editor features on document text, by document offsets. */
export interface DocumentFeatures {
  complete(text: string, offset: number): KqlCompletions;
  quickInfo(text: string, offset: number): KqlQuickInfo | undefined;
  signatureHelp(text: string, offset: number): KqlSignatureHelp | undefined;
  classify(text: string): KqlToken[];
  /** Edits that format every query (or those intersecting `[start, end)`). */
  format(text: string, range?: { start: number; end: number }): KqlTextEdit[];
  letSymbols(text: string): KqlLetSymbol[];
  nameUses(text: string, offset: number): KqlNameUses;
}

/**
 * Document-level features over one GlobalState. `classified` keeps each query's highlighting:
 * editors ask for a whole file's after every edit, and a 2,000-line file takes over a second
 * to classify from scratch.
 */
export function documentFeatures(
  globals: Kusto.Language.GlobalState,
  classified: LruCache<KqlToken[]>,
): DocumentFeatures {
  return {
    complete(text, offset) {
      const query = queryThrough(text, offset);
      const result = complete(query.text, offset - query.start, globals);
      return { ...result, editStart: result.editStart + query.start };
    },
    quickInfo(text, offset) {
      const block = blockAt(text, offset);
      const info = quickInfo(block.text, offset - block.start, globals);
      return info && { ...info, start: info.start + block.start };
    },
    signatureHelp(text, offset) {
      const query = queryThrough(text, offset);
      return signatureHelp(query.text, offset - query.start, globals);
    },
    classify(text) {
      return splitQueries(text).flatMap((block) =>
        classified
          .get(block.text, (query) => classify(query, globals))
          .map((t) => ({ ...t, start: t.start + block.start })),
      );
    },
    format(text, range) {
      return splitQueries(text)
        .filter((b) => !range || (b.end >= range.start && b.start <= range.end))
        .map((b) => ({ start: b.start, end: b.end, text: formatQuery(b.text, globals) }))
        .filter((edit) => edit.text !== text.slice(edit.start, edit.end));
    },
    letSymbols(text) {
      return splitQueries(text).flatMap((block) =>
        letSymbols(block.text).map((s) => ({
          ...s,
          start: s.start + block.start,
          end: s.end + block.start,
          nameStart: s.nameStart + block.start,
        })),
      );
    },
    nameUses(text, offset) {
      const block = blockAt(text, offset);
      const uses = nameUses(block.text, offset - block.start, globals);
      const shift = (r: { start: number; length: number }) => ({
        ...r,
        start: r.start + block.start,
      });
      return {
        declaration: uses.declaration && shift(uses.declaration),
        references: uses.references.map(shift),
      };
    },
  };
}

/**
 * The query a caret at `offset` types into. A block ends at its last non-blank character, but
 * the blanks after it matter to a completion: `| where ` wants columns, `| where` the rest of
 * the word. So the caret's block runs through the caret, unless a blank line lies between them:
 * then the caret starts a new query.
 */
function queryThrough(text: string, offset: number): { start: number; text: string } {
  const block = blockAt(text, offset);
  if (offset <= block.end) return block;
  if (/\n[ \t]*\r?\n/.test(text.slice(block.end, offset))) return { start: offset, text: '' };
  return { start: block.start, text: text.slice(block.start, offset) };
}

/** The query holding `offset`; between queries, the one just before it. */
export function blockAt(text: string, offset: number): QueryBlock {
  const blocks = splitQueries(text);
  let found: QueryBlock | undefined;
  for (const block of blocks) {
    if (block.start <= offset) found = block;
    if (block.start <= offset && offset <= block.end) return block;
  }
  return found ?? blocks[0] ?? { start: 0, end: 0, text: '' };
}

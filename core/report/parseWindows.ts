/**
 * Where a long report is cut into windows that the markdown parser reads one at a time. The
 * parser's cost grows with the square of a paragraph's line count (its inline pass merges the
 * text runs of each line by splicing one shared array), so 1 MB of `Scenario: x` lines cost
 * half a minute and 1 MB of pipe rows with no delimiter row more than that; a window of
 * WINDOW_BYTES keeps every parse short.
 *
 * A window's end reads as the end of the document, so a cut must not change which lines form a
 * top-level table, code block or other block. Cuts are proposed at line breaks (`nextCut`), and
 * the parser's own reading of the window's last block accepts or rejects each (`verdict`): a
 * cut inside a fenced code block, an HTML block or a table is rejected, with where that block
 * ends, and the window is redone to end after it. A cut inside a paragraph, or a paragraph in
 * block quotes, stands, and the next window is parsed after a stand-in line that reopens it.
 *
 * What a cut still changes: a list, block quote or paragraph that runs across it becomes two
 * blocks of the same kind, and a setext heading whose text runs across it keeps only the text
 * after the cut. Neither changes a table, a code block or the text indicators are read from.
 *
 * Limit: where no cut is clean the window grows, and the parser's cost with it. That is inside
 * a footnote definition, and in a list item's paragraph that runs on over many unmarked (lazy)
 * lines among which is a delimiter row, an underline, an indented line or a list marker: such a
 * run still costs the square of its length.
 */
import type { List, Nodes, RootContent } from 'mdast';
import { DELIMITER_ROW, endsTable, findFolds } from './tableRows.js';

/** Target window size. Parsing is about linear up to here and bends above 32 KB. */
export const WINDOW_BYTES = 16_384;

/** A top-level block of a parsed window, with offsets into the report. */
export interface WindowBlock {
  node: RootContent;
  start: number;
  end: number;
}

/**
 * What a parsed window's last block says about a cut at its end: `clean`, or the offset the
 * block runs on to (`resume`, undefined when that cannot be told from the text).
 */
export type Verdict =
  { clean: true; prime?: string } | { clean: false; resume: number | undefined };

/**
 * What the window after a cut inside a top-level paragraph is parsed after: a one-line
 * paragraph, so that its first line goes on with a paragraph there as it does in the report.
 * The reader drops this line's block, or starts it at the cut.
 */
export const PARAGRAPH_PRIME = 'a\n';

const CLEAN: Verdict = { clean: true };

/** A line that starts a paragraph at the top of a document, or a block that would interrupt one. */
const INDENT_OK = /^ {0,3}\S/;
/**
 * Lines that read differently at the top of a document than after a paragraph line: an
 * ordered or empty list item, a possible HTML block of the kind that cannot interrupt a
 * paragraph, a footnote definition, and a setext underline. (Link definitions: see below.)
 */
const NOT_CONTINUATION =
  /^ {0,3}(?:\d{1,9}[.)](?:[ \t]|$)|[-*+][ \t]*$|<.*>[ \t]*$|\[\^|(?:=+|-+)[ \t]*$)/;
/**
 * A line that opens a bracket and closes it without a colon after it: not a link definition,
 * which at the top of a window would change how the lines after it read (`===` under it
 * underlines nothing).
 */
const NOT_A_DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)*\](?!:)/;
/**
 * Lines that end a paragraph in a list or block quote instead of joining it lazily: a quote
 * marker, an ATX heading, a code fence, a non-empty list item a paragraph allows, a thematic
 * break.
 */
const INTERRUPTS =
  /^ {0,3}(?:>|#{1,6}(?:[ \t]|$)|`{3,}[^`]*$|~{3,}|[-*+][ \t]+\S|1[.)][ \t]+\S|([-*_])[ \t]*(?:\1[ \t]*){2,}$)/;
const BLANK = /^[ \t]*$/;
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const FENCE = /^(`{3,}|~{3,})/;
/** HTML blocks that run until a marker rather than a blank line, with that marker. */
const HTML_ENDS: [RegExp, RegExp][] = [
  [/^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/gi],
  [/^<!--/, /-->/g],
  [/^<\?/, /\?>/g],
  [/^<!\[CDATA\[/, /\]\]>/g],
  [/^<![A-Za-z]/, />/g],
];
const CONTAINERS = new Set(['list', 'listItem', 'blockquote']);
/** Blocks that no later line joins except as described in `verdict`. */
const LEAVES = new Set(['definition', 'heading', 'thematicBreak', 'code', 'html', 'table']);
const FOOTNOTE = /^ {0,3}\[\^[^\]]+\]:/;
const QUOTE_MARKERS = /^(?: {0,3}> ?)+/;

export class Windows {
  private starts: number[] | undefined;
  private folds: number[] = [];
  private foldSet = new Set<number>();
  /** Per line: where a lazy paragraph surely ends, and the first line that forbids a lazy cut. */
  private lazyStop: Int32Array | undefined;
  private lazySpecial: Int32Array | undefined;
  /** Per line: where the footnote definition it may belong to surely ends, or -1. */
  private footnoteEnd: Int32Array | undefined;

  /**
   * `folds`: the range is a table's folded rows (see the reader's repair), and every folded
   * row in it is also a cut, where the repair would cut.
   */
  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly to: number,
    isDataRow: (cell: string) => boolean,
    folds: boolean,
    private readonly size = WINDOW_BYTES,
  ) {
    if (folds) {
      this.folds = findFolds(text, from, to, isDataRow);
      this.foldSet = new Set(this.folds);
    }
  }

  /**
   * The end of the window that starts at `start` and must reach `minEnd`: the first fold
   * after both, or the first proposed cut at least a window's size on, whichever comes first.
   */
  nextCut(start: number, minEnd: number): number {
    const target = Math.max(start + this.size, minEnd);
    const fold = this.foldFrom(Math.max(start + 1, minEnd));
    if (target >= Math.min(fold, this.to)) return Math.min(fold, this.to);
    return Math.min(fold, this.proposeCut(target));
  }

  /** Whether the parse of a window ending at `end` may stand, given its last block. */
  verdict(end: number, last: WindowBlock | undefined): Verdict {
    if (end >= this.to) return CLEAN;
    const b = this.lineAt(end);
    const a = b - 1;
    const footnote = this.inFootnote(b);
    if (footnote !== undefined) return { clean: false, resume: footnote };
    if (last === undefined) return CLEAN;
    const { node } = last;
    const leaf =
      LEAVES.has(node.type) || (node.type === 'paragraph' && this.isTopLevel(last.start));
    const quotes = this.openQuoteDepth(node, last, a);
    if (quotes > 0 && !this.isBlank(a)) {
      // The next window starts inside a block quote's paragraph: it is parsed after that many
      // quote markers and a line, so its lines go on with the paragraph, lazily or not, as here.
      return { clean: true, prime: `${'> '.repeat(quotes)}a\n` };
    }
    // After a list item (or a footnote) an indented line may continue it, and a table there
    // would be nested in it, not a top-level one.
    if (!leaf && !/^\S/.test(this.content(b))) {
      return { clean: false, resume: this.containerEnd(b) };
    }
    if (this.isBlank(a)) {
      // An unindented line after a blank one ends every list and quote, and indented code; of
      // the other blocks only a fenced code block or an HTML block runs on across a blank line.
      if (!leaf) return CLEAN;
      if (node.type === 'code' && !this.isFenced(last.start)) {
        // After indented code and blank lines the parser reads the next line as if a paragraph
        // came before it (`2. x` is no list there), unlike at the top of a document.
        const plain = this.continuesParagraph(this.content(b));
        return plain ? CLEAN : { clean: false, resume: this.nextPlain(b) };
      }
      if (last.end > this.start(a)) return { clean: false, resume: this.blockEnd(last, b) };
      return CLEAN;
    }
    const line = this.content(b);
    const plain = this.continuesParagraph(line);
    if (!leaf) {
      const open = this.deepestIsParagraphAt(node, last, a);
      if (node.type === 'blockquote' && line.startsWith('>')) {
        // The line goes on inside the quote: clean only if it goes on with the quote's paragraph
        // there and would start one at the top of a quote (a fence in the quote, say, would take
        // it as code, and the lines after it would no longer be lazy).
        if (open && this.quoteResyncs(line)) return CLEAN;
        return { clean: false, resume: this.containerEnd(b) };
      }
      if (node.type === 'list' && this.isSiblingItem(node, last, line)) return CLEAN;
      if (open) return this.lazyVerdict(b);
      return plain || INTERRUPTS.test(line) ? CLEAN : { clean: false, resume: this.nextPlain(b) };
    }
    if (node.type === 'paragraph') {
      // A delimiter row or underline would change the paragraph's last line or all of it.
      if (DELIMITER_ROW.test(line.trim()) || UNDERLINE.test(line)) {
        return { clean: false, resume: this.nextPlain(b) };
      }
      return { clean: true, prime: PARAGRAPH_PRIME };
    }
    switch (node.type) {
      case 'code':
      case 'html': {
        const resume = this.blockEnd(last, b);
        if (resume !== undefined && resume > end) return { clean: false, resume };
        break;
      }
      case 'table':
        if (this.foldSet.has(end) || endsTable(line)) return CLEAN;
        return { clean: false, resume: this.tableEnd(b) };
    }
    // After any other block, a line that starts the same block at the top of a document.
    return plain ? CLEAN : { clean: false, resume: this.nextPlain(b) };
  }

  /** Whether the range is a fold range and `offset` one of its folded rows. */
  isFold(offset: number): boolean {
    return this.foldSet.has(offset);
  }

  /** Start of the line holding `offset`. */
  lineStartOf(offset: number): number {
    return this.start(this.lineAt(offset));
  }

  /**
   * Whether the next window may start at the line holding `offset`, which starts a block of
   * the parse, after `previous`. Not if a footnote definition may still be open there, since the
   * parser puts a footnote's blocks at the top level of its tree, where they look like blocks
   * of their own. After a list, quote, indented code or link definition the parser can read a
   * line as it would after a paragraph (after indented code `2. x` is no list; after a link
   * definition a line goes on with its paragraph), so there only a line that reads the same
   * either way may start the window, unindented after a list or quote.
   */
  mayStartAt(offset: number, previous: WindowBlock | undefined): boolean {
    const b = this.lineAt(offset);
    if (this.inFootnote(b) !== undefined) return false;
    if (!previous) return true;
    const { type } = previous.node;
    const container = !LEAVES.has(type) && type !== 'paragraph';
    const code = type === 'code' && !this.isFenced(previous.start);
    if (!container && !code && type !== 'definition') return true;
    const line = this.content(b);
    return this.continuesParagraph(line) && (!container || /^\S/.test(line));
  }

  private isFenced(start: number): boolean {
    return FENCE.test(this.text.slice(start, start + 3));
  }

  /**
   * Where the footnote definition that line `b` may belong to surely ends, if one may be open
   * at `b`. A definition runs on over indented lines, lazy lines and blank lines, and ends at
   * the next definition or at a line indented less than four spaces after a blank line; no
   * shorter rule holds for every line the parser reads lazily.
   */
  private inFootnote(b: number): number | undefined {
    if (!this.footnoteEnd) {
      const count = this.lineCount();
      const ends = new Int32Array(count).fill(-1);
      let open = -1;
      for (let i = 0; i < count; i++) {
        const line = this.content(i);
        const closes = i > 0 && !BLANK.test(line) && this.isBlank(i - 1) && /^ {0,3}\S/.test(line);
        if (open >= 0 && (closes || FOOTNOTE.test(line))) {
          for (let j = open + 1; j < i; j++) ends[j] = i;
          if (closes) ends[i] = -1;
          open = -1;
        }
        if (FOOTNOTE.test(line)) open = i;
      }
      if (open >= 0) for (let j = open + 1; j < count; j++) ends[j] = count;
      this.footnoteEnd = ends;
    }
    const end = b < this.footnoteEnd.length ? (this.footnoteEnd[b] as number) : -1;
    return end < 0 ? undefined : this.start(end);
  }

  /**
   * The first line boundary at or after `target` where the next line reads the same at the top
   * of a document: after a blank line, before an unindented line (preferred, if one comes
   * within a quarter window); else between two lines of a paragraph.
   */
  private proposeCut(target: number): number {
    const count = this.lineCount();
    let inParagraph: number | undefined;
    for (let b = Math.max(this.lineAt(target), 1); b < count; b++) {
      const at = this.start(b);
      if (at < target) continue;
      if (inParagraph !== undefined && at > target + this.size / 4) return inParagraph;
      const line = this.content(b);
      if (BLANK.test(line) || this.inFootnote(b) !== undefined) continue;
      if (this.isBlank(b - 1)) {
        if (/^\S/.test(line)) return at;
      } else if (inParagraph === undefined && !DELIMITER_ROW.test(line.trim())) {
        // Any line but a delimiter row or an underline may follow a cut in a paragraph (see
        // PARAGRAPH_PRIME); after other blocks `verdict` asks more.
        if (!UNDERLINE.test(line)) inParagraph = at;
      }
    }
    return inParagraph ?? this.to;
  }

  private continuesParagraph(line: string): boolean {
    return (
      INDENT_OK.test(line) &&
      !NOT_CONTINUATION.test(line) &&
      (!/^ {0,3}\[/.test(line) || NOT_A_DEFINITION.test(line)) &&
      !DELIMITER_ROW.test(line.trim())
    );
  }

  /**
   * A paragraph inside a list item or block quote (or a footnote) takes an unmarked line as a
   * lazy continuation, and no table can start on such lines; at the top of a window they would
   * be read as a top-level paragraph, where one can. So the cut is clean if the line ends the
   * paragraph anyway, or if every line up to where both readings surely agree again is blank or
   * a plain unindented line (no delimiter row, no underline, nothing an open list item claims).
   */
  private lazyVerdict(b: number): Verdict {
    if (INTERRUPTS.test(this.content(b))) return CLEAN;
    this.indexLazyRuns();
    const stop = (this.lazyStop as Int32Array)[b] as number;
    if ((this.lazySpecial as Int32Array)[b]! >= stop) return CLEAN;
    return { clean: false, resume: this.start(stop) };
  }

  /**
   * A `>` line going on inside a quote reads the same in both places only if what follows its
   * markers would go on with a paragraph too (`>     code` does not: it is text after the
   * quote's paragraph, a code block at the top of a quote).
   */
  private quoteResyncs(line: string): boolean {
    const rest = line.replace(QUOTE_MARKERS, '');
    return BLANK.test(rest) || this.continuesParagraph(rest);
  }

  /** The start of the first line after `b` that is blank or could follow any cut. */
  private nextPlain(b: number): number {
    for (let i = b + 1; i < this.lineCount(); i++) {
      const line = this.content(i);
      if (BLANK.test(line) || this.continuesParagraph(line)) return this.start(i);
    }
    return this.to;
  }

  /** The first unindented line after a blank line from line `b` on: every list item has ended. */
  private containerEnd(b: number): number {
    for (let i = b + 1; i < this.lineCount(); i++) {
      if (this.isBlank(i - 1) && /^\S/.test(this.content(i))) return this.start(i);
    }
    return this.to;
  }

  /**
   * Per line, the first line at or after it where both readings surely agree again, and the
   * first line that is neither that, a blank line nor a plain unindented line. They agree at an
   * unindented line after a blank one (it ends every list item and quote) and at an unindented
   * line that interrupts a paragraph; a blank line alone is not enough, since a list item goes
   * on over it with indented lines.
   */
  private indexLazyRuns(): void {
    if (this.lazyStop) return;
    const count = this.lineCount();
    const stop = new Int32Array(count + 1).fill(count);
    const special = new Int32Array(count + 1).fill(count);
    for (let i = count - 1; i >= 0; i--) {
      const line = this.content(i);
      const unindented = /^\S/.test(line);
      const quote = line.startsWith('>');
      const ends =
        unindented &&
        ((i > 0 && this.isBlank(i - 1)) ||
          (quote ? this.quoteResyncs(line) : INTERRUPTS.test(line)));
      const plain = BLANK.test(line) || (unindented && !quote && this.continuesParagraph(line));
      stop[i] = ends ? i : (stop[i + 1] as number);
      special[i] = ends || plain ? (special[i + 1] as number) : i;
    }
    this.lazyStop = stop;
    this.lazySpecial = special;
  }

  /**
   * How many block quotes hold the paragraph still open at line `a`, when quotes alone hold it
   * (0 otherwise: no open paragraph, or a list on the way).
   */
  private openQuoteDepth(node: RootContent, last: WindowBlock, a: number): number {
    if (node.type !== 'blockquote' || !this.deepestIsParagraphAt(node, last, a)) return 0;
    let depth = 0;
    let inner: Nodes = node;
    while (inner.type === 'blockquote') {
      depth++;
      inner = inner.children[inner.children.length - 1] as Nodes;
    }
    return inner.type === 'paragraph' ? depth : 0;
  }

  /** Whether the block's last leaf, inside lists and quotes, is a paragraph still open at line `a`. */
  private deepestIsParagraphAt(node: RootContent, last: WindowBlock, a: number): boolean {
    if (!CONTAINERS.has(node.type)) return true;
    let leaf: Nodes = node;
    while (CONTAINERS.has(leaf.type)) {
      const children: Nodes[] = (leaf as List).children;
      const child = children[children.length - 1];
      if (!child) return false;
      leaf = child;
    }
    const offset = leaf.position?.end.offset;
    const base = last.start - (node.position?.start.offset ?? 0);
    return leaf.type === 'paragraph' && offset !== undefined && base + offset >= this.end(a);
  }

  /**
   * Whether `line` starts another item of the list: the same bullet, or a number with the same
   * delimiter. (An ordered item not numbered 1 would be a lazy line after a bullet list.)
   */
  private isSiblingItem(node: RootContent, last: WindowBlock, line: string): boolean {
    const items = (node as List).children;
    const item = items[items.length - 1];
    if (!item) return false;
    const base = last.start - (node.position?.start.offset ?? 0);
    const at = base + (item.position?.start.offset ?? 0);
    const marker = /^(?:\d{1,9}([.)])|([-*+]))(?:[ \t]|$)/.exec(this.text.slice(at, at + 12));
    const own = /^(?:\d{1,9}([.)])|([-*+]))(?:[ \t]|$)/.exec(line);
    return !!marker && !!own && marker[1] === own[1] && marker[2] === own[2];
  }

  /** A paragraph at the top level starts at most three spaces into its line. */
  private isTopLevel(start: number): boolean {
    return /^ {0,3}$/.test(this.text.slice(this.lineStartOf(start), start));
  }

  /**
   * Where a fenced code block or an HTML block that is still open at line `b` ends (the start of
   * the line after its closing line), `b`'s start if it closed before `b`, or undefined for
   * other blocks.
   */
  private blockEnd(last: WindowBlock, b: number): number | undefined {
    const { text } = this;
    const opener = text.slice(last.start, this.end(this.lineAt(last.start)));
    const openLine = this.lineAt(last.start);
    if (last.node.type === 'code') {
      const fence = FENCE.exec(opener)?.[1];
      if (!fence || !this.isTopLevel(last.start)) return undefined;
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
      for (let i = openLine + 1; i < this.lineCount(); i++) {
        if (close.test(this.content(i))) return i < b ? this.start(b) : this.start(i + 1);
      }
      return this.to;
    }
    if (last.node.type !== 'html') return undefined;
    const kind = HTML_ENDS.find(([open]) => open.test(opener));
    if (!kind) {
      // Other HTML blocks end at a blank line.
      for (let i = b; i < this.lineCount(); i++) if (this.isBlank(i)) return this.start(i);
      return this.to;
    }
    const [open, marker] = kind;
    // Searched for after the opener, as the parser does: `<!-->` does not close itself.
    marker.lastIndex = last.start + (open.exec(opener)?.[0].length ?? 1);
    const found = marker.exec(text);
    if (!found || found.index >= this.to) return this.to;
    const closeLine = this.lineAt(found.index);
    return closeLine < b ? this.start(b) : this.start(closeLine + 1);
  }

  /** The start of the first line from `b` on that ends a table (or the next fold, in a fold range). */
  private tableEnd(b: number): number {
    const fold = this.foldFrom(this.start(b) + 1);
    for (let i = b; i < this.lineCount() && this.start(i) < fold; i++) {
      if (endsTable(this.content(i))) return this.start(i);
    }
    return fold;
  }

  /** The first fold at or after `offset`, or the end of the range. */
  private foldFrom(offset: number): number {
    const { folds } = this;
    let low = 0;
    let high = folds.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((folds[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    return folds[low] ?? this.to;
  }

  private isBlank(line: number): boolean {
    return BLANK.test(this.content(line));
  }

  /** A line's text without its line ending. */
  private content(line: number): string {
    return this.text.slice(this.start(line), this.end(line));
  }

  private start(line: number): number {
    const starts = this.lineStarts();
    return line < starts.length ? (starts[line] as number) : this.to;
  }

  private end(line: number): number {
    let end = this.start(line + 1);
    if (end > this.start(line) && this.text[end - 1] === '\n') end--;
    if (end > this.start(line) && this.text[end - 1] === '\r') end--;
    return end;
  }

  private lineCount(): number {
    return this.lineStarts().length;
  }

  /** Index of the line holding `offset`. */
  private lineAt(offset: number): number {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Line starts in the range; CR, LF and CRLF end a line, as they do for the parser. */
  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [this.from];
    const { text } = this;
    for (let i = this.from; i < this.to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        if (i + 1 < this.to) starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }
}

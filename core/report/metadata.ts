/**
 * Report-level facts written as loose `Key: value` lines rather than structure: the malware
 * family, the false-positive scenarios, and the "Sentinel Table / Notes" table. Read line by
 * line from the source so that they are found however the markdown parser grouped them.
 */
import type { TextSpan } from '../ioc/types.js';
import type { LineIndex } from '../text/lineIndex.js';
import type { TableBlock } from './markdownBlocks.js';
import { METADATA_KEYS, normaliseLabel } from './vocabulary.js';

/** A false-positive scenario: what benign activity can match, and how to exclude it. */
export interface Scenario {
  title: string;
  description?: string;
  /** The report's own Filter/Exclusion advice, as written. */
  exclusion?: string;
  span: TextSpan;
}

/** A row of the report's "Sentinel Table | Notes" table. */
export interface TableNote {
  table: string;
  notes: string;
  span: TextSpan;
}

const KEY_LINE = /^[\s>*_#-]*([A-Za-z][A-Za-z /-]{0,30}?)[\s*_]*:[\s*_]*(.*)$/;
const SUMMARY_KEYS = new Set(METADATA_KEYS.summary);
/**
 * One capitalised word and a colon: a key the vocabulary does not list. A single white-space
 * character before it, not `\s+`: the value is trimmed anyway, and `\s+` retried the whole
 * run of spaces at every position of it, which made a long run of spaces quadratic.
 */
const NEXT_WORD_KEY = /\s[A-Z][A-Za-z]{1,24}:(?:\s|$)/;

const FAMILY_KEYS = new Set(METADATA_KEYS.family);

/**
 * The malware family from a `Malware Family: X` line, cut before any following `Key:`. The key
 * is any of the vocabulary's family keys at the start of a line (`Malware: X`), or `Family:`
 * anywhere in it.
 */
export function findFamily(text: string, lines: LineIndex): string | undefined {
  for (let line = 1; line <= lines.lineCount; line++) {
    const source = text.slice(lines.startOf(line), lines.endOf(line));
    const key = KEY_LINE.exec(source);
    const keyed = key !== null && FAMILY_KEYS.has(normaliseLabel(key[1] as string));
    const at = keyed ? 0 : source.search(/(?:malware\s+)?family\s*[*_]*:/i);
    if (at < 0) continue;
    const after = stripEmphasis(source.slice(source.indexOf(':', at) + 1));
    const value = stripEmphasis(cutAtNextKey(after));
    if (value) return value.slice(0, 200);
  }
  return undefined;
}

/** Scenario / Description / Filter-Exclusion groups, in report order. */
export function findScenarios(text: string, lines: LineIndex): Scenario[] {
  const scenarios: Scenario[] = [];
  for (let line = 1; line <= lines.lineCount; line++) {
    const start = lines.startOf(line);
    const end = lines.endOf(line);
    const match = KEY_LINE.exec(text.slice(start, end));
    if (!match) continue;
    const key = normaliseLabel(match[1] as string);
    const value = stripEmphasis(match[2] as string);
    const current = scenarios[scenarios.length - 1];
    if (key === 'scenario' || key === 'falsepositive' || key === 'falsepositivescenario') {
      scenarios.push({ title: value, span: { start, end, line } });
    } else if (current && key === 'description' && current.description === undefined) {
      current.description = value;
    } else if (current && /^(filterexclusion|exclusion|filter|exclude)$/.test(key)) {
      current.exclusion = value;
    }
  }
  return scenarios;
}

/** True for the header of the report's table of Sentinel tables and connector notes. */
export function isTableNotesHeader(table: TableBlock): boolean {
  const names = table.header.map((cell) => normaliseLabel(cell.text));
  return names.some((n) => n === 'sentineltable' || n === 'table') && names.includes('notes');
}

export function readTableNotes(table: TableBlock, lines: LineIndex): TableNote[] {
  return table.rows
    .filter((row) => (row[0]?.text ?? '') !== '')
    .map((row) => {
      const first = row[0] as { text: string; start: number; end: number };
      return {
        table: first.text,
        notes: row[1]?.text ?? '',
        span: { start: first.start, end: first.end, line: lines.lineOf(first.start) },
      };
    });
}

/** The first heading's text, without markdown markers. */
export function headingText(source: string): string {
  return (
    source
      .replace(/^#+\s*|\s*#+\s*$/g, '')
      .replace(/^[=-]+$/m, '')
      .trim()
      .split(/\r?\n/)[0] ?? ''
  );
}

/**
 * A value followed by more `Key: value` pairs on its line ends where the next key begins:
 * `Agent Tesla Total IOCs: 2` gives `Agent Tesla`. Keys the vocabulary lists may be several
 * words; otherwise the key is taken to be the one capitalised word before the colon, so that
 * a family of several words is not cut short.
 */
function cutAtNextKey(text: string): string {
  for (const colon of text.matchAll(/:(?=\s|$)/g)) {
    // Only the last words before the colon can be a key: look at those, not the whole prefix,
    // so that a line with many colons costs linear time.
    const starts = lastWordStarts(text, colon.index, 4);
    for (let k = Math.min(3, starts.length - 1); k >= 1; k--) {
      const start = starts[k - 1] as number;
      if (SUMMARY_KEYS.has(normaliseLabel(text.slice(start, colon.index)))) {
        return text.slice(0, start);
      }
    }
  }
  const next = NEXT_WORD_KEY.exec(text);
  return next ? text.slice(0, next.index) : text;
}

/** Start offsets of up to `max` white-space separated words before `end`, nearest first. */
function lastWordStarts(text: string, end: number, max: number): number[] {
  const starts: number[] = [];
  let i = end;
  while (starts.length < max) {
    while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
    if (i === 0) break;
    while (i > 0 && !/\s/.test(text[i - 1] as string)) i--;
    starts.push(i);
  }
  return starts;
}

/**
 * Removes emphasis markers and white space around a value. A loop rather than the regex
 * `[*_\s]+$`, which rescans a run of spaces from every position in it (quadratic).
 */
function stripEmphasis(text: string): string {
  const strip = (c: string | undefined) =>
    c === '*' || c === '_' || (c !== undefined && /\s/.test(c));
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start])) start++;
  while (end > start && strip(text[end - 1])) end--;
  return text.slice(start, end);
}

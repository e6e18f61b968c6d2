/** Parsing of the metadata cells of an IOC row: confidence and first-seen date. */
import { confidenceWord } from './vocabulary.js';

export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; reason: string };

/**
 * Confidence normalised to 0–100 from `75%`, `75`, `0.75`, `75/100` or words like `High`.
 * An empty cell is no confidence, not an error.
 */
export function parseConfidence(cell: string): Parsed<number> {
  const text = cell.trim();
  if (text === '' || text === '-' || /^n\/?a$/i.test(text)) return { ok: true, value: undefined };
  const word = confidenceWord(text);
  if (word !== undefined) return { ok: true, value: word ?? undefined };
  const match = /^(\d{1,3}(?:\.\d+)?|\.\d+)\s*(%|\/\s*100)?$/.exec(text);
  if (!match)
    return { ok: false, reason: `"${clip(text)}" is not a confidence (use 75%, 0.75 or High)` };
  let value = Number(match[1]);
  // A bare fraction such as 0.75 is a share of one; 1 without a decimal point means 1%.
  if (!match[2] && value <= 1 && (match[1] as string).includes('.')) value *= 100;
  if (value > 100) return { ok: false, reason: `confidence ${clip(text)} is above 100` };
  return { ok: true, value: Math.round(value) };
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/** First-seen as an ISO date (YYYY-MM-DD) from ISO, slashed, or `20 Apr 2026` style dates. */
export function parseDate(cell: string): Parsed<string> {
  const text = cell.trim();
  if (text === '' || text === '-' || /^n\/?a$/i.test(text)) return { ok: true, value: undefined };
  let y: number | undefined;
  let m: number | undefined;
  let d: number | undefined;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text);
  const dayFirst = /^(\d{1,2})[\s-]([a-z]{3})[a-z]*\.?[\s-,]+(\d{4})$/i.exec(text);
  const monthFirst = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst)
    [y, m, d] = [Number(dayFirst[3]), monthIndex(dayFirst[2]), Number(dayFirst[1])];
  else if (monthFirst) {
    [y, m, d] = [Number(monthFirst[3]), monthIndex(monthFirst[1]), Number(monthFirst[2])];
  }
  if (y === undefined || m === undefined || d === undefined || !isRealDate(y, m, d)) {
    return { ok: false, reason: `"${clip(text)}" is not a date (use YYYY-MM-DD)` };
  }
  return { ok: true, value: `${y}-${pad(m)}-${pad(d)}` };
}

function monthIndex(name: string | undefined): number | undefined {
  const index = MONTHS.indexOf((name ?? '').slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Keeps quoted report text short in messages. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

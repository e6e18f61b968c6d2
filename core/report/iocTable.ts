/**
 * Reading IOC tables. A table is an IOC table when its header names a value column (`Value`,
 * `Indicator`, `IOC` …) or a typed one (`IP`, `Domain`, `SHA256` …), in any order and wording.
 * Each row yields one record per indicator in its value cell, plus the problems found in it.
 */
import { classify } from '../ioc/classify.js';
import { markdownText, refang, type RefangResult } from '../ioc/refang.js';
import { isFileName, validate } from '../ioc/validate.js';
import type { IocRecord, Problem } from '../ioc/types.js';
import type { LineIndex } from '../text/lineIndex.js';
import { parseConfidence, parseDate, clip } from './cellValues.js';
import type { CellBlock, TableBlock } from './markdownBlocks.js';
import {
  claimedType,
  columnRole,
  typeMatchesClaim,
  valueColumnType,
  type ClaimedType,
  type ColumnRole,
} from './vocabulary.js';

interface Layout {
  columns: Partial<Record<ColumnRole, number>>;
  /** When the value column's header names a type (`| IP | … |`), that type. */
  headerType?: ClaimedType;
  /** Further typed value columns (`| Domain | IP | Port |`): each cell is one more value. */
  moreTyped?: { index: number; type: ClaimedType }[];
}

/** How the table's columns map to roles, or undefined when it is not an IOC table. */
export function iocTableLayout(header: CellBlock[]): Layout | undefined {
  const columns: Layout['columns'] = {};
  let headerType: ClaimedType | undefined;
  header.forEach((cell, index) => {
    const role = columnRole(cell.text);
    if (role && columns[role] === undefined) columns[role] = index;
  });
  if (columns.value === undefined) {
    const typed = header.findIndex((cell) => valueColumnType(cell.text) !== undefined);
    if (typed < 0) return undefined;
    columns.value = typed;
    headerType = valueColumnType((header[typed] as CellBlock).text);
    const moreTyped = header.flatMap((cell, index) => {
      const type = index > typed ? valueColumnType(cell.text) : undefined;
      return type ? [{ index, type }] : [];
    });
    if (moreTyped.length > 0) return { columns, headerType: headerType as ClaimedType, moreTyped };
  }
  return { columns, ...(headerType ? { headerType } : {}) };
}

export interface TableReading {
  iocs: IocRecord[];
  problems: Problem[];
}

/** Reads every row of an IOC table. Never throws: a bad row becomes a problem. */
export function readIocTable(
  table: TableBlock,
  layout: Layout,
  lines: LineIndex,
  family: string | undefined,
): TableReading {
  const out: TableReading = { iocs: [], problems: [] };
  const width = table.header.length;
  for (const row of table.rows) {
    if (width >= 2 && row.length > width) out.problems.push(extraCells(row, width, lines));
    readRow(row, layout, lines, family, out);
    if (row.length === 1) continue;
    for (const { index, type } of layout.moreTyped ?? []) {
      const cell = row[index];
      if (!cell) continue;
      // The row's metadata problems were reported with its first value; keep this cell's own.
      const more: TableReading = { iocs: [], problems: [] };
      const columns = { ...layout.columns, value: index };
      readRow(row, { columns, headerType: type }, lines, family, more);
      out.iocs.push(...more.iocs);
      out.problems.push(
        ...more.problems.filter((p) => p.span.start >= cell.start && p.span.end <= cell.end),
      );
    }
  }
  return out;
}

/**
 * GFM splits a row at every unescaped `|`, so a value holding one (a URL with `|` in its query)
 * is cut there and the row's later cells shift right, past the header. The value as read is
 * already wrong, so this says where and how to write it instead.
 */
function extraCells(row: CellBlock[], width: number, lines: LineIndex): Problem {
  const first = row[0] as CellBlock;
  const last = row[row.length - 1] as CellBlock;
  return {
    code: 'extra-cells',
    severity: 'warning',
    message:
      `this row has ${row.length} cells but the header has ${width}: a | inside a value must be ` +
      "written \\| (cells are read by position, so this row's values may be in the wrong columns)",
    span: { start: first.start, end: last.end, line: lines.lineOf(first.start) },
  };
}

function readRow(
  row: CellBlock[],
  layout: Layout,
  lines: LineIndex,
  family: string | undefined,
  out: TableReading,
): void {
  // A one-cell row (a lone indicator under the table) holds only a value, whatever column its
  // cell falls in: reading it as the type or confidence too would report it as a bad one.
  const lone = row.length === 1;
  const cell = (role: ColumnRole): CellBlock | undefined => {
    if (lone) return role === 'value' ? row[0] : undefined;
    const index = layout.columns[role];
    return index === undefined ? undefined : row[index];
  };
  const valueCell = cell('value');
  if (!valueCell || valueCell.text === '') return;
  const span = (c: CellBlock) => ({ start: c.start, end: c.end, line: lines.lineOf(c.start) });
  const report = (c: CellBlock, problem: Omit<Problem, 'span'>) =>
    out.problems.push({ ...problem, span: span(c) });

  const typeCell = cell('type');
  const claim = typeCell && typeCell.text !== '' ? claimedType(typeCell.text) : layout.headerType;
  if (typeCell && typeCell.text !== '' && !claim) {
    report(typeCell, {
      code: 'unknown-type',
      severity: 'info',
      message: `unknown indicator type "${clip(typeCell.text)}"; the type was inferred from the value`,
    });
  }
  const meta = readMetadata(cell, report);
  if (family) meta.family = family;
  const familyCell = cell('family');
  if (familyCell && familyCell.text !== '') meta.family = familyCell.text;

  const port = readPort(cell('port'), report);
  for (const part of splitValues(valueCell)) {
    const refanged = refang(part.text);
    if (refanged.value.includes('`')) {
      report(part, backtickInside(part.text));
      continue;
    }
    let classified = classify(refanged.value);
    if (!classified) {
      report(part, malformed(part.text, refanged, claim));
      continue;
    }
    // `| IP | Port |` tables: the row's port makes the address an ip:port indicator.
    if (port !== undefined && (classified.type === 'ipv4' || classified.type === 'ipv6')) {
      if (classified.port === undefined) classified = { ...classified, port };
      else if (classified.port !== port) {
        report(part, {
          code: 'malformed-value',
          severity: 'warning',
          message: `the port column says ${port} but the value says ${classified.port}; hunting port ${classified.port}`,
        });
      }
    }
    if (claim && !typeMatchesClaim(classified.type, claim)) {
      report(part, {
        code: 'type-mismatch',
        severity: 'warning',
        message: `the row says ${typeCell?.text || claim} but ${clip(named(part.text, refanged))} is ${article(classified.type)}; hunting it as ${classified.type}`,
      });
    }
    const hidden = hiddenCharacterFinding(refanged);
    if (hidden) report(part, hidden);
    for (const finding of validate(classified)) report(part, finding);
    out.iocs.push({
      type: classified.type,
      value: classified.value,
      ...(classified.port !== undefined ? { port: classified.port } : {}),
      ...(classified.unicode ? { unicode: classified.unicode } : {}),
      original: part.text,
      span: span(part),
      source: 'table',
      live: !refanged.wasDefanged,
      ...meta,
    });
  }
}

/** The row's port column as a number, reporting a cell that is no port. */
function readPort(
  portCell: CellBlock | undefined,
  report: (c: CellBlock, p: Omit<Problem, 'span'>) => void,
): number | undefined {
  const text = portCell?.text.trim() ?? '';
  if (!portCell || text === '' || text === '-' || /^n\/?a$/i.test(text)) return undefined;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (port >= 1 && port <= 65535) return port;
  report(portCell, {
    code: 'malformed-value',
    severity: 'warning',
    message: `"${clip(text)}" is not a port (1-65535); the address is hunted on any port`,
  });
  return undefined;
}

type Meta = Pick<IocRecord, 'threatType' | 'firstSeen' | 'confidence' | 'family'>;

function readMetadata(
  cell: (role: ColumnRole) => CellBlock | undefined,
  report: (c: CellBlock, p: Omit<Problem, 'span'>) => void,
): Meta {
  const meta: Meta = {};
  const threat = cell('threatType');
  if (threat && threat.text !== '') meta.threatType = threat.text;
  const confidenceCell = cell('confidence');
  if (confidenceCell) {
    const parsed = parseConfidence(confidenceCell.text);
    if (parsed.ok && parsed.value !== undefined) meta.confidence = parsed.value;
    if (!parsed.ok)
      report(confidenceCell, {
        code: 'bad-confidence',
        severity: 'warning',
        message: parsed.reason,
      });
  }
  const seenCell = cell('firstSeen');
  if (seenCell) {
    const parsed = parseDate(seenCell.text);
    if (parsed.ok && parsed.value !== undefined) meta.firstSeen = parsed.value;
    if (!parsed.ok)
      report(seenCell, { code: 'bad-date', severity: 'warning', message: parsed.reason });
  }
  return meta;
}

/** What a piece of a multi-value cell must show to be a candidate rather than a note. */
const VALUE_HINT = /[.:@/[]|^[0-9a-f]{16,}$/i;

/**
 * One piece of a multi-value cell: a run without separators, where a character reference
 * (`&#46;`, `&period;`) is one unit, so the `;` that ends it never cuts the value.
 */
const PIECE = /(?:&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{0,31});|[^,;\s])+/gi;

/**
 * A cell may list several indicators separated by commas, semicolons or `<br>`. A cell that is
 * one indicator as a whole is never split: URLs may hold `,` and `;`. Pieces of a split cell
 * with nothing indicator-like in them (`(port 443)`, `C2`) are notes, not malformed values; a
 * cell holding only notes is returned whole, so it is reported rather than dropped.
 */
function splitValues(cell: CellBlock): CellBlock[] {
  const parts: CellBlock[] = [];
  if (classify(refang(cell.text).value)) return [cell];
  const text = cell.text.replace(/<br\s*\/?>/gi, (m) => ' '.repeat(m.length));
  const pieces = [...text.matchAll(PIECE)];
  if (pieces.length <= 1) return [cell];
  for (const piece of pieces) {
    if (!VALUE_HINT.test(markdownText(piece[0]))) continue;
    const start = cell.start + (piece.index ?? 0);
    parts.push({ text: piece[0], start, end: start + piece[0].length });
  }
  return parts.length > 0 ? parts : [cell];
}

/**
 * A backtick inside a value (not a code span around all of it) is part of what was written;
 * no indicator holds one, and deleting it would hunt a different value.
 */
function backtickInside(original: string): Omit<Problem, 'span'> {
  return {
    code: 'malformed-value',
    severity: 'error',
    message:
      `"${clip(original)}" has a backtick inside it: no indicator holds one ` +
      '(to mark a value as code, wrap all of it in backticks)',
  };
}

/**
 * How a message names a value: as the report wrote it when the report defanged it. A refanged
 * URL or domain in a message is a live link as soon as a terminal or log viewer prints it.
 */
function named(original: string, refanged: RefangResult): string {
  return refanged.wasDefanged ? original : refanged.value;
}

function malformed(original: string, refanged: RefangResult, claim: ClaimedType | undefined) {
  const { value } = refanged;
  const shown = clip(named(original, refanged));
  const what = claim ? ` ${article(claim)}` : ' an indicator';
  let message = `"${shown}" is not${what}`;
  if (isFileName(value)) message = `"${shown}" looks like a file name, not${what}`;
  else if (/^[0-9a-f]{16,}$/i.test(value)) {
    message = `"${shown}" has ${value.length} hex digits: no hash has that length (MD5 32, SHA-1 40, SHA-256 64)`;
  }
  return {
    code: /^[0-9a-f]{16,}$/i.test(value)
      ? ('bad-hash-length' as const)
      : ('malformed-value' as const),
    severity: 'error' as const,
    message: shown === clip(original) ? message : `${message} (as written: ${clip(original)})`,
  };
}

function article(type: string): string {
  return /^(?:[aeio]|md5)/i.test(type) ? `an ${type}` : `a ${type}`;
}

/** The warning for invisible or text-reordering characters refang removed, if any. */
export function hiddenCharacterFinding(refanged: RefangResult): Omit<Problem, 'span'> | undefined {
  if (refanged.hiddenCharacters.length === 0) return undefined;
  return {
    code: 'suspicious-characters',
    severity: 'warning',
    message: `${refanged.hasBidiControls ? 'text-direction override' : 'invisible'} characters removed from the value (${describe(refanged.hiddenCharacters)})`,
  };
}

function describe(chars: string[]): string {
  return [...new Set(chars)]
    .map((c) => `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(', ');
}

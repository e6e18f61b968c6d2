/**
 * The exclusion line: `| where <conditions> // FP: <scenarios>`, one `where` whose conditions
 * each keep rows whose column is not one of a few values. Rendered here (all values through
 * kqlLiteral.ts) and read back here, so quick fixes can merge into a line instead of stacking a
 * second one. Only the two shapes this module writes are read back; anything else is user code.
 */
import { kqlCommentText, kqlString } from '../hunt/kqlLiteral.js';
import { readStringLiteral } from './kqlText.js';

/**
 * `notIn`: `Column !in~ ("a", "b")`, case-insensitive equality (process names, full file paths).
 * `notStartsWith`: `not(Column startswith "a" or Column startswith "b")`, folders. Anchored at
 * the start, because a term match anywhere would let `C:\Users\x\C\Program Files\Veeam\`
 * pass for `C:\Program Files\Veeam\`; `startswith` is case-insensitive, like Windows paths.
 * `notHas`: `not(Column has_any ("a"))`, only read back, from hunts older versions wrote, so
 * quick fixes still merge into them; never written.
 */
export type ConditionOp = 'notIn' | 'notStartsWith' | 'notHas';

export interface Condition {
  column: string;
  op: ConditionOp;
  values: string[];
}

/** A condition read from text, with where its column name sits in the line. */
export interface ReadCondition extends Condition {
  columnStart: number;
  columnEnd: number;
}

export interface ExclusionLine {
  conditions: ReadCondition[];
  /** Scenario names from the trailing comment. */
  labels: string[];
}

/** Prefix of the trailing comment that names the scenarios a line comes from. */
const LABEL_PREFIX = 'FP: ';
const MAX_LABELS_LENGTH = 240;

export function renderCondition(condition: Condition): string {
  const { column, op, values } = condition;
  if (op === 'notStartsWith') {
    return `not(${values.map((v) => `${column} startswith ${kqlString(v)}`).join(' or ')})`;
  }
  const list = values.map(kqlString).join(', ');
  return op === 'notIn' ? `${column} !in~ (${list})` : `not(${column} has_any (${list}))`;
}

/** The whole line, without indentation or line break. Labels become one comment line. */
export function renderExclusionLine(conditions: Condition[], labels: string[]): string {
  const comment = labels.length > 0 ? ` // ${LABEL_PREFIX}${labelText(labels)}` : '';
  return `| where ${conditions.map(renderCondition).join(' and ')}${comment}`;
}

/** Labels joined for the comment; each is flattened so report text cannot end the comment. */
export function labelText(labels: string[]): string {
  return kqlCommentText(labels.map((l) => kqlCommentText(l, 120)).join('; '), MAX_LABELS_LENGTH);
}

/** Case-insensitive membership, the way `!in~` compares. */
export function hasValue(values: readonly string[], value: string): boolean {
  const lower = value.toLowerCase();
  return values.some((v) => v.toLowerCase() === lower);
}

/** `conditions` minus the values `existing` conditions on the same column and operator hold. */
export function missingFrom(conditions: Condition[], existing: Condition[]): Condition[] {
  return conditions
    .map((c) => {
      const held = existing
        .filter((e) => e.column.toLowerCase() === c.column.toLowerCase() && e.op === c.op)
        .flatMap((e) => e.values);
      return { ...c, values: c.values.filter((v) => !hasValue(held, v)) };
    })
    .filter((c) => c.values.length > 0);
}

/** `line`'s conditions with `added` folded in: same column and operator share one list. */
export function mergeConditions(line: Condition[], added: Condition[]): Condition[] {
  const merged = line.map((c) => ({ column: c.column, op: c.op, values: [...c.values] }));
  for (const c of added) {
    const same = merged.find(
      (m) => m.column.toLowerCase() === c.column.toLowerCase() && m.op === c.op,
    );
    if (same) c.values.forEach((v) => hasValue(same.values, v) || same.values.push(v));
    else merged.push({ column: c.column, op: c.op, values: [...c.values] });
  }
  return merged;
}

/** Reads a line this module wrote (or one written the same way by hand); undefined otherwise. */
export function readExclusionLine(line: string): ExclusionLine | undefined {
  const head = /^\s*\|\s*where\s+/.exec(line);
  if (!head) return undefined;
  const conditions: ReadCondition[] = [];
  let at = head[0].length;
  for (;;) {
    const condition = readCondition(line, at);
    if (!condition) return undefined;
    conditions.push(condition.value);
    at = skipSpace(line, condition.end);
    const and = /^and\s+/.exec(line.slice(at));
    if (!and) break;
    at += and[0].length;
  }
  const rest = line.slice(at);
  if (rest.trim() === '') return { conditions, labels: [] };
  if (!rest.startsWith('//')) return undefined;
  const comment = rest.slice(2).trim();
  const text = comment.startsWith(LABEL_PREFIX.trim())
    ? comment.slice(LABEL_PREFIX.trim().length).trim()
    : comment;
  return { conditions, labels: text.split(/;\s*/).filter((l) => l !== '') };
}

function readCondition(
  line: string,
  at: number,
): { value: ReadCondition; end: number } | undefined {
  const startsWith = readNotStartsWith(line, at);
  if (startsWith) return startsWith;
  const notHas = /^not\s*\(\s*([A-Za-z_]\w*)\s+has_any\s*/.exec(line.slice(at));
  if (notHas) {
    const columnStart = at + notHas[0].indexOf(notHas[1] as string, 3);
    const list = readList(line, at + notHas[0].length);
    const close = list && /^\s*\)/.exec(line.slice(list.end));
    if (!list || !close) return undefined;
    const value = { column: notHas[1] as string, op: 'notHas' as const, values: list.values };
    return {
      value: { ...value, columnStart, columnEnd: columnStart + value.column.length },
      end: list.end + close[0].length,
    };
  }
  const notIn = /^([A-Za-z_]\w*)\s*!in~\s*/.exec(line.slice(at));
  if (!notIn) return undefined;
  const list = readList(line, at + notIn[0].length);
  if (!list) return undefined;
  const column = notIn[1] as string;
  return {
    value: {
      column,
      op: 'notIn',
      values: list.values,
      columnStart: at,
      columnEnd: at + column.length,
    },
    end: list.end,
  };
}

/** `not(C startswith "a" or C startswith "b")`, one column throughout. */
function readNotStartsWith(
  line: string,
  at: number,
): { value: ReadCondition; end: number } | undefined {
  const open = /^not\s*\(\s*/.exec(line.slice(at));
  if (!open) return undefined;
  let i = at + open[0].length;
  const values: string[] = [];
  let column: string | undefined;
  let columnStart = i;
  for (;;) {
    const head = /^([A-Za-z_]\w*)\s+startswith\s+/.exec(line.slice(i));
    if (!head) return undefined;
    const name = head[1] as string;
    if (column === undefined) [column, columnStart] = [name, i];
    else if (name.toLowerCase() !== column.toLowerCase()) return undefined;
    const literal = readStringLiteral(line, i + head[0].length);
    if (!literal) return undefined;
    values.push(literal.value);
    i = skipSpace(line, literal.end);
    const or = /^or\s+/.exec(line.slice(i));
    if (!or) break;
    i += or[0].length;
  }
  if (column === undefined || line[i] !== ')') return undefined;
  return {
    value: {
      column,
      op: 'notStartsWith',
      values,
      columnStart,
      columnEnd: columnStart + column.length,
    },
    end: i + 1,
  };
}

/** `("a", "b")` or `(dynamic(["a", "b"]))`. */
function readList(line: string, at: number): { values: string[]; end: number } | undefined {
  const open = /^\(\s*(dynamic\s*\(\s*\[\s*)?/.exec(line.slice(at));
  if (!open) return undefined;
  const wrapped = open[1] !== undefined;
  const values: string[] = [];
  let i = at + open[0].length;
  for (;;) {
    const literal = readStringLiteral(line, i);
    if (!literal) return undefined;
    values.push(literal.value);
    i = skipSpace(line, literal.end);
    if (line[i] === ',') {
      i = skipSpace(line, i + 1);
      continue;
    }
    const close = (wrapped ? /^\]\s*\)\s*\)/ : /^\)/).exec(line.slice(i));
    return close ? { values, end: i + close[0].length } : undefined;
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

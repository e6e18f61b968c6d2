// Places where the Kusto language service is stricter than the engine that runs the query, or
// where our schema is an approximation. Each rule names what it forgives and why; a diagnostic
// matching a rule is dropped, because a query people run in production must not light up red.
import type { KqlDiagnostic } from './diagnostics.js';

interface Gap {
  /** Why the diagnostic is wrong, for the reader of this table. */
  reason: string;
  code: string;
  matches(d: KqlDiagnostic, text: string, context: GapContext): boolean;
}

/** What the rules may know about the query beyond its text. */
export interface GapContext {
  /** The query reads a table that accepts any column, so some column types are unknown. */
  readsOpenTable: boolean;
}

const GAPS: Gap[] = [
  {
    reason:
      'parse_json/todynamic accept a dynamic value and return it unchanged (documented); the ' +
      'service only declares a string parameter.',
    code: 'KS107',
    matches: (d, text) =>
      d.message.includes('type string expected') &&
      /\b(?:parse_json|todynamic|toobject)\s*\(\s*$/.test(text.slice(0, d.start)),
  },
  {
    reason:
      'bag_unpack takes up to four arguments (prefix, columnsConflict, ignoredProperties) in ' +
      'the documented syntax; the service knows only the first two.',
    code: 'KS119',
    matches: (d) => /'bag_unpack' expects 2 arguments/.test(d.message),
  },
  {
    reason:
      'A column read from an open table (AzureDiagnostics, an unknown table) is typed dynamic ' +
      'because its real type is unknown; a join on it against a typed column is not a mistake.',
    code: 'KS227',
    matches: (_d, _text, context) => context.readsOpenTable,
  },
  {
    reason:
      'A query reading an open table may use a column named like a table (`Event` on a ' +
      'parser such as ZoomLogs); the service, knowing no such column, binds the table, and ' +
      'then rejects an operator between a table and a value.',
    code: 'KS106',
    matches: (d, _text, context) => {
      if (!context.readsOpenTable) return false;
      const operands = /operand types (\S+) and (\S+?)\.?$/.exec(d.message);
      return !!operands && operands.slice(1).some((type) => !SCALAR_TYPES.has(type));
    },
  },
];

/** The names the service gives scalar values' types in its messages. */
const SCALAR_TYPES = new Set([
  'bool',
  'int',
  'long',
  'real',
  'decimal',
  'string',
  'datetime',
  'timespan',
  'dynamic',
  'guid',
  'unknown',
]);

/** Drops the diagnostics that a known service gap explains. */
export function forgiveServiceGaps(
  diagnostics: KqlDiagnostic[],
  text: string,
  context: GapContext,
): KqlDiagnostic[] {
  return diagnostics.filter(
    (d) => !GAPS.some((gap) => gap.code === d.code && gap.matches(d, text, context)),
  );
}

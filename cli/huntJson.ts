/**
 * The `--format json` contract for pipelines. Field names and meanings are documented in the
 * README; change them only compatibly (add fields, never rename or drop).
 */
import type { Hunt } from '../core/hunt/generate.js';
import type { IocType, Severity } from '../core/ioc/types.js';
import type { Report } from '../core/report/readReport.js';
import type { CliProblem } from './scenarioNotes.js';

export interface HuntJson {
  report: { title: string | null; family: string | null };
  iocs: {
    type: IocType;
    value: string;
    port?: number;
    original: string;
    line: number;
    threatType?: string;
    firstSeen?: string;
    confidence?: number;
    source: 'table' | 'text';
  }[];
  problems: { line: number; severity: Severity; code: string; message: string }[];
  hunts: { table: string; iocTypes: IocType[]; query: string }[];
}

/** `notes` are problems found beyond the report's own (scenarios the hunts cannot act on). */
export function toJsonContract(report: Report, hunts: Hunt[], notes: CliProblem[] = []): HuntJson {
  return {
    report: { title: report.title ?? null, family: report.family ?? null },
    iocs: report.iocs.map((ioc) => ({
      type: ioc.type,
      value: ioc.value,
      ...(ioc.port !== undefined ? { port: ioc.port } : {}),
      original: ioc.original,
      line: ioc.span.line,
      ...(ioc.threatType !== undefined ? { threatType: ioc.threatType } : {}),
      ...(ioc.firstSeen !== undefined ? { firstSeen: ioc.firstSeen } : {}),
      ...(ioc.confidence !== undefined ? { confidence: ioc.confidence } : {}),
      source: ioc.source,
    })),
    problems: [
      ...report.problems.map((p) => ({
        line: p.span.line,
        severity: p.severity,
        code: p.code,
        message: p.message,
      })),
      ...notes,
    ].sort((a, b) => a.line - b.line),
    hunts: hunts.map((h) => ({ table: h.table, iocTypes: h.iocTypes, query: h.query })),
  };
}

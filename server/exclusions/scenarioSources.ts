/**
 * Where a `.kql` hunt's false-positive scenarios come from: the report it names in its
 * `// Report:` header (open in the editor, or a file beside the hunt), every open report when
 * the hunt names none, and the commented-out suggestions a generated hunt carries itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  huntLayout,
  scenarioExclusionsFor,
  type ExclusionCatalogue,
  type Exclusion,
} from '../../core/exclusion/index.js';
import { kqlCommentText } from '../../core/hunt/kqlLiteral.js';
import { findScenarios, headingText, type Scenario } from '../../core/report/metadata.js';
import type { Report } from '../../core/report/readReport.js';
import { LineIndex } from '../../core/text/lineIndex.js';

/** A report's name as hunts cite it, and its scenarios. */
export interface ScenarioReport {
  uri: string;
  /** Names a hunt header may use: the report's heading and its file name. */
  names: string[];
  scenarios: Scenario[];
}

/** Report files larger than this are not read from disk for scenarios. */
const MAX_REPORT_BYTES = 5_000_000;
const HEADER = /^\/\/ Report: (.+)$/m;

export class ScenarioSources {
  private readonly open = new Map<string, { version: number; report: ScenarioReport }>();
  private readonly disk = new Map<string, { mtimeMs: number; report: ScenarioReport }>();

  /**
   * @param reportOf the server's cached reading of an open report, when it has one; without
   *   it only the scenarios and the heading are read, which is cheap even for huge reports.
   */
  constructor(
    private readonly openDocuments: () => readonly TextDocument[],
    private readonly reportOf?: (document: TextDocument) => Report,
  ) {}

  /** The reports whose scenarios apply to `hunt`, a query block of the `.kql` at `kqlUri`. */
  reportsFor(kqlUri: string, hunt: string): ScenarioReport[] {
    const cited = HEADER.exec(hunt)?.[1]?.trim();
    const open = this.openReports().filter((r) => r.scenarios.length > 0);
    if (!cited) return open;
    // Headers print the title through kqlCommentText; compare in that form.
    const named = open.filter((r) => r.names.some((n) => kqlCommentText(n) === cited));
    if (named.length > 0) return named;
    const beside = this.besideHunt(kqlUri, cited);
    return beside ? [beside] : [];
  }

  /**
   * The exclusions that fit `hunt`: from its reports first, then from its own suggestion lines
   * (which need no report at all), each scenario once.
   */
  exclusionsFor(kqlUri: string, hunt: string, catalogue: ExclusionCatalogue): Exclusion[] {
    const layout = huntLayout(hunt);
    if (!layout.table) return [];
    const scenarios = this.reportsFor(kqlUri, hunt).flatMap((r) => r.scenarios);
    const fromReports = scenarioExclusionsFor(scenarios, layout.table, catalogue);
    const labels = new Set(fromReports.map((e) => e.label));
    const fromComments = layout.suggestionLines
      .map((line) => ({ label: line.labels.join('; '), conditions: line.conditions }))
      .filter((e) => e.label !== '' && !labels.has(e.label));
    return dedupe([...fromReports, ...fromComments]);
  }

  forget(uri: string): void {
    this.open.delete(uri);
  }

  private openReports(): ScenarioReport[] {
    const reports: ScenarioReport[] = [];
    for (const document of this.openDocuments()) {
      if (!/\.(md|markdown)$/i.test(document.uri) && document.languageId !== 'markdown') continue;
      const cached = this.open.get(document.uri);
      if (cached && cached.version === document.version) {
        reports.push(cached.report);
        continue;
      }
      const read = this.reportOf?.(document);
      const report = read
        ? named(document.uri, read.title, read.scenarios)
        : scenarioReport(document.uri, document.getText());
      this.open.set(document.uri, { version: document.version, report });
      reports.push(report);
    }
    return reports;
  }

  /** The cited report as a file in the hunt's folder, when the citation is a file name. */
  private besideHunt(kqlUri: string, cited: string): ScenarioReport | undefined {
    if (!kqlUri.startsWith('file:') || !/^[^\\/:]+\.(md|markdown)$/i.test(cited)) return undefined;
    try {
      const path = join(dirname(fileURLToPath(kqlUri)), cited);
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_REPORT_BYTES) return undefined;
      const cached = this.disk.get(path);
      if (cached && cached.mtimeMs === stat.mtimeMs) return cached.report;
      const report = scenarioReport(path, readFileSync(path, 'utf8'));
      this.disk.set(path, { mtimeMs: stat.mtimeMs, report });
      return report;
    } catch {
      // A missing or unreadable file means no scenarios from it; the hunt still works.
      return undefined;
    }
  }
}

/** Scenarios and heading only: the IOC table, however large, is not read. */
function scenarioReport(uri: string, text: string): ScenarioReport {
  const heading = /^ {0,3}#{1,6}[ \t]+\S.*$/m.exec(text)?.[0];
  const title = heading ? headingText(heading) || undefined : undefined;
  return named(uri, title, findScenarios(text, new LineIndex(text)));
}

/** The names a hunt header may cite: the heading hunts print as title, and the file name. */
function named(uri: string, title: string | undefined, scenarios: Scenario[]): ScenarioReport {
  const fileName = decodeURIComponent(uri.slice(uri.replace(/\\/g, '/').lastIndexOf('/') + 1));
  return { uri, names: [...new Set([title ?? fileName, fileName])], scenarios };
}

/** Two open copies of a report offer each scenario once. */
function dedupe(exclusions: Exclusion[]): Exclusion[] {
  const byKey = new Map<string, Exclusion>();
  for (const e of exclusions) {
    const key = `${e.label}\u0000${JSON.stringify(e.conditions)}`;
    if (!byKey.has(key)) byKey.set(key, e);
  }
  return [...byKey.values()];
}

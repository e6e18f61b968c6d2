/**
 * Everything the server does for false-positive exclusions, behind one object that
 * provider.ts plugs into the router: code actions and diagnostics for `.kql` hunts,
 * diagnostics for markdown reports. Holds no domain logic (that is core/exclusion); handlers never throw, so a
 * failure here costs the user these features on one document, not the server.
 */
import type {
  ClientCapabilities,
  CodeAction,
  CodeActionParams,
  Connection,
  Diagnostic,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readReport, type Report } from '../../core/report/readReport.js';
import { kqlExclusionDiagnostics, reportExclusionDiagnostics } from './diagnostics.js';
import { exclusionActions } from './kqlActions.js';
import { ScenarioSources } from './scenarioSources.js';
import type { SettingsCache } from '../settingsCache.js';
import { exclusionSettingsCache, type ExclusionSettings } from './settings.js';

export interface ExclusionFeaturesOptions {
  connection: Connection;
  /** Every open document, from the server's one `TextDocuments` instance. */
  documents(): readonly TextDocument[];
  capabilities: ClientCapabilities;
  /** The report features' cached reading of a markdown document, so it is read only once. */
  reportOf?(document: TextDocument): Report;
}

export class ExclusionFeatures {
  private readonly settings: SettingsCache<ExclusionSettings>;
  private readonly sources: ScenarioSources;
  private readonly reports = new Map<string, { version: number; report: Report }>();

  constructor(private readonly options: ExclusionFeaturesOptions) {
    const { connection, capabilities } = options;
    this.settings = exclusionSettingsCache(
      connection,
      () => !!capabilities.workspace?.configuration,
    );
    this.sources = new ScenarioSources(options.documents, options.reportOf?.bind(options));
  }

  /** Quick fixes for a `.kql` document; none for other documents. */
  async codeActions(document: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
    // Every action here is a quick fix; a request for other kinds only (refactor…) gets none.
    const only = params.context.only;
    if (only && !only.some((kind) => kind === '' || kind === 'quickfix')) return [];
    try {
      const { catalogue } = await this.settings.get(document.uri);
      return exclusionActions(document, params.range, {
        exclusionsFor: (hunt) => ({
          exclusions: this.sources.exclusionsFor(document.uri, hunt, catalogue),
          scenarioCount: this.scenarioCount(document.uri, hunt),
        }),
        disabledSupport: !!this.options.capabilities.textDocument?.codeAction?.disabledSupport,
      });
    } catch (error) {
      this.options.connection.console.error(`exclusion code actions failed: ${describe(error)}`);
      return [];
    }
  }

  /** Exclusion diagnostics for a `.kql` document, to publish with the Kusto service's. */
  async kqlDiagnostics(document: TextDocument): Promise<Diagnostic[]> {
    try {
      const { platform } = await this.settings.get(document.uri);
      return kqlExclusionDiagnostics(document, platform, (hunt) =>
        this.scenarioCount(document.uri, hunt),
      );
    } catch (error) {
      this.options.connection.console.error(`exclusion diagnostics failed: ${describe(error)}`);
      return [];
    }
  }

  /** Scenario diagnostics for a markdown report, to publish with the report's own. */
  async reportDiagnostics(document: TextDocument): Promise<Diagnostic[]> {
    try {
      const settings = await this.settings.get(document.uri);
      return reportExclusionDiagnostics(document, this.reportOf(document), settings);
    } catch (error) {
      this.options.connection.console.error(`scenario diagnostics failed: ${describe(error)}`);
      return [];
    }
  }

  didClose(document: TextDocument): void {
    this.reports.delete(document.uri);
    this.sources.forget(document.uri);
    this.settings.delete(document.uri);
  }

  didChangeConfiguration(): void {
    this.settings.clear();
  }

  private scenarioCount(kqlUri: string, hunt: string): number {
    return this.sources
      .reportsFor(kqlUri, hunt)
      .reduce((sum, report) => sum + report.scenarios.length, 0);
  }

  private reportOf(document: TextDocument): Report {
    if (this.options.reportOf) return this.options.reportOf(document);
    const cached = this.reports.get(document.uri);
    if (cached && cached.version === document.version) return cached.report;
    const report = readReport(document.getText());
    this.reports.set(document.uri, { version: document.version, report });
    return report;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

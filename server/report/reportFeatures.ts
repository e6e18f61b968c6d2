/**
 * Everything the server does for markdown reports, behind one object the dispatcher in
 * server/main.ts calls: document lifecycle, diagnostics, hovers, code actions, lenses, the
 * custom requests, and the workspace index that `.kql` hovers draw on. Handlers never throw:
 * a failure is logged once and answered with an empty result, so one bad report cannot take
 * a feature down for the others.
 *
 * There is deliberately no document-link provider: nothing this server returns may turn an
 * indicator into a link. (VS Code's own markdown extension still links live URLs and domains,
 * which is why a live indicator in a report is a diagnostic with a Defang fix.)
 */
import {
  CodeLensRefreshRequest,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type Connection,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type Hover,
  type Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IocIndex } from '../iocIndex/iocIndex.js';
import { ReportWatcher } from '../iocIndex/reportWatcher.js';
import {
  GenerateHuntsRequest,
  IocsAsDynamicRequest,
  ReportSummaryNotification,
  RewriteIocsRequest,
} from '../protocol.js';
import { ReportCache, type ReportAnalysis } from './analysis.js';
import { Debouncer, reportDiagnostics } from './diagnostics.js';
import { kqlLiteralHover, reportHover } from './hover.js';
import { huntCodeActions, huntCodeLenses } from './huntActions.js';
import { TableCache } from './hunts.js';
import { quickFixes } from './quickFixes.js';
import { generateHunts, iocsAsDynamic, rewriteTexts, type RequestContext } from './requests.js';
import { SettingsCache } from '../settingsCache.js';
import { DEFAULT_SETTINGS, parseSettings, type ReportSettings } from './settings.js';

/** Pause after the last keystroke before a report is read again. */
const DIAGNOSTIC_DELAY_MS = 200;
/** A report whose reading takes longer than this is read again only after typing pauses. */
const SLOW_READING_MS = 50;
/** Longest pause before a slow report is read again. */
const MAX_DIAGNOSTIC_DELAY_MS = 3000;

export interface ReportFeaturesOptions {
  connection: Connection;
  /** The open document for a URI, from the server's one `TextDocuments` instance. */
  document(uri: string): TextDocument | undefined;
  capabilities: ClientCapabilities;
  /** Workspace folder URIs from `initialize`; their markdown files feed `.kql` hovers. */
  workspaceFolders: readonly string[];
  /**
   * Publishes the diagnostics of a markdown document. Defaults to `connection.sendDiagnostics`;
   * the server passes its diagnostics hub, which merges them with other features' for the same
   * URI (exclusion scenarios, fenced KQL), since each publish replaces the last.
   */
  publishDiagnostics?(uri: string, version: number, diagnostics: Diagnostic[]): void;
}

/** True for the documents these features serve: markdown, by language id or extension. */
export function isMarkdownDocument(document: TextDocument): boolean {
  return document.languageId === 'markdown' || /\.(md|markdown)$/i.test(document.uri);
}

export class ReportFeatures {
  private readonly cache = new ReportCache();
  private readonly tables = new TableCache();
  readonly index = new IocIndex();
  private readonly settings: SettingsCache<ReportSettings>;
  private readonly debouncer: Debouncer;
  private readonly watcher: ReportWatcher;
  private readonly context: RequestContext;

  constructor(private readonly options: ReportFeaturesOptions) {
    const { connection, capabilities } = options;
    this.settings = new SettingsCache(
      connection,
      () => !!capabilities.workspace?.configuration,
      DEFAULT_SETTINGS,
      parseSettings,
    );
    this.debouncer = new Debouncer(DIAGNOSTIC_DELAY_MS, (uri) => void this.analyzeAndPublish(uri));
    this.watcher = new ReportWatcher(connection, capabilities, this.index);
    this.context = {
      document: (uri) => {
        const document = options.document(uri);
        return document && isMarkdownDocument(document)
          ? { document, analysis: this.cache.get(document) }
          : undefined;
      },
      settings: (uri) => this.settings.get(uri),
    };
  }

  /**
   * The cached reading of a markdown document's current version, for other features that
   * need the report (exclusions, fenced KQL) without reading it a second time.
   */
  reading(document: TextDocument): ReportAnalysis {
    return this.cache.get(document);
  }

  /** After `initialized`: register the file watcher and index the workspace in the background. */
  start(): void {
    this.watcher.start(this.options.workspaceFolders);
  }

  /** Registers the custom `kqlHunt/` report requests on the connection. */
  registerRequests(): void {
    const { connection } = this.options;
    connection.onRequest(GenerateHuntsRequest, (params, token) =>
      this.logged('generateHunts', () => generateHunts(this.context, params, token)),
    );
    connection.onRequest(RewriteIocsRequest, (params, token) =>
      this.logged('rewriteIocs', () => rewriteTexts(params, token)),
    );
    connection.onRequest(IocsAsDynamicRequest, (params, token) =>
      this.logged('iocsAsDynamic', () => iocsAsDynamic(this.context, params, token)),
    );
  }

  didOpen(document: TextDocument): void {
    this.debouncer.schedule(document.uri, 0);
  }

  didChange(document: TextDocument): void {
    // A report that takes a second to read waits for a longer pause, so it is not read again
    // (blocking every other request) between two keystrokes.
    const last = this.cache.lastElapsedMs(document.uri);
    const delay = Math.min(MAX_DIAGNOSTIC_DELAY_MS, Math.max(DIAGNOSTIC_DELAY_MS, 2 * last));
    this.debouncer.schedule(document.uri, delay);
  }

  didClose(document: TextDocument): void {
    this.debouncer.cancel(document.uri);
    this.cache.delete(document.uri);
    this.settings.delete(document.uri);
    this.index.delete(document.uri, 'open');
    // The editor may have saved changes the file events have not reported yet.
    void this.watcher.refresh(document.uri);
    this.publish(document.uri, document.version, []);
  }

  /** Settings changed: re-check every open report (the confidence minimum may differ). */
  didChangeConfiguration(openDocuments: readonly TextDocument[]): void {
    this.settings.clear();
    for (const document of openDocuments) {
      if (isMarkdownDocument(document)) this.debouncer.schedule(document.uri, 0);
    }
  }

  didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    this.safely('didChangeWatchedFiles', undefined, () => this.watcher.filesChanged(params));
  }

  hover(document: TextDocument, position: Position): Hover | null {
    return this.safely('hover', null, () => {
      const analysis = this.cache.ifReady(document, SLOW_READING_MS);
      return analysis ? reportHover(document, analysis, position) : null;
    });
  }

  /** The IOC hover for a string literal in a `.kql` document (null when it names none). */
  kqlHover(document: TextDocument, position: Position): Hover | null {
    return this.safely('kql IOC hover', null, () =>
      kqlLiteralHover(document, position, this.index),
    );
  }

  async codeActions(
    document: TextDocument,
    params: CodeActionParams,
    token: CancellationToken,
  ): Promise<CodeAction[]> {
    try {
      const analysis = this.cache.ifReady(document, SLOW_READING_MS);
      if (!analysis?.isReport) return [];
      const settings = await this.settings.get(document.uri);
      const only = params.context.only;
      const wants = (kind: string) =>
        !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
      const fixes = wants('quickfix')
        ? quickFixes(document, analysis, params.context.diagnostics)
        : [];
      // The hunt actions carry no kind; a request for specific kinds does not want them.
      const hunts = only
        ? []
        : huntCodeActions(document, analysis, settings, this.tables, params.range, token);
      return [...fixes, ...hunts];
    } catch (error) {
      this.options.connection.console.error(`codeAction failed: ${describe(error)}`);
      return [];
    }
  }

  codeLenses(document: TextDocument): CodeLens[] {
    return this.safely('codeLens', [], () => {
      const analysis = this.cache.ifReady(document, SLOW_READING_MS);
      return analysis ? huntCodeLenses(document, analysis) : [];
    });
  }

  dispose(): void {
    this.debouncer.dispose();
    this.watcher.dispose();
  }

  private async analyzeAndPublish(uri: string): Promise<void> {
    const document = this.options.document(uri);
    if (!document || !isMarkdownDocument(document)) return;
    try {
      const analysis = this.cache.get(document);
      this.traceReading(analysis);
      this.index.set(uri, 'open', analysis.report);
      const { minConfidence } = await this.settings.get(uri);
      // A newer version arrived while the settings were fetched; its own run will publish.
      if (this.options.document(uri)?.version !== analysis.version) return;
      this.publish(uri, analysis.version, reportDiagnostics(document, analysis, minConfidence));
      void this.options.connection.sendNotification(ReportSummaryNotification, {
        uri,
        iocCount: analysis.report.iocs.length,
      });
      // Lenses asked for while a slow report was being re-read came back empty; ask again.
      if (
        analysis.elapsedMs > SLOW_READING_MS &&
        this.options.capabilities.workspace?.codeLens?.refreshSupport
      ) {
        this.options.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      }
    } catch (error) {
      this.options.connection.console.error(`report analysis of ${uri} failed: ${describe(error)}`);
    }
  }

  private traceReading(analysis: ReportAnalysis): void {
    this.options.connection.tracer.log(
      `report ${analysis.uri} v${analysis.version}: ${analysis.report.iocs.length} IOCs, ` +
        `${analysis.report.problems.length} problems, read in ${analysis.elapsedMs.toFixed(1)} ms`,
    );
  }

  private publish(uri: string, version: number, diagnostics: Diagnostic[]): void {
    if (this.options.publishDiagnostics) this.options.publishDiagnostics(uri, version, diagnostics);
    else void this.options.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private safely<T>(name: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.options.connection.console.error(`${name} failed: ${describe(error)}`);
      return fallback;
    }
  }

  /** Logs a failed request, then lets the connection answer it with the error. */
  private async logged<T>(name: string, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const cancelled =
        error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
      if (!cancelled) {
        this.options.connection.console.error(`kqlHunt/${name} failed: ${describe(error)}`);
      }
      throw error;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

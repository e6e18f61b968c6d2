// KQL features for `.kql` files and fenced KQL in markdown: lifecycle and debounced
// diagnostics here, the per-request answers in kqlRequests.ts. All Kusto work goes to the
// worker thread through KustoClient.
import type {
  ClientCapabilities,
  Connection,
  DidChangeWatchedFilesParams,
  TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { setTimeout as sleep } from 'node:timers/promises';
import { KqlServiceStatusNotification } from '../protocol.js';
import type { DiagnosticsHub } from '../router.js';
import { toDiagnostic } from './convert.js';
import { isKqlDocument, isMarkdown, kqlView } from './embedded.js';
import { KustoClient, SupersededError } from './kustoClient.js';
import { KqlRequests } from './kqlRequests.js';
import { KqlSettings } from './settings.js';
import { WORKSPACE_FILE_NAMES, type KqlDiagnostic } from '../../core/kusto/index.js';

/**
 * Pause after the last keystroke before new diagnostics are shown, so a half-typed word is not
 * flagged while the user is still typing it.
 */
const DIAGNOSTIC_DELAY_MS = 75;
/**
 * The check itself starts this soon after a keystroke and runs during the pause: its analysis
 * also answers the editor's highlighting request for the same text. The few milliseconds let
 * the completion request sent with the keystroke reach the worker first.
 */
const ANALYSIS_SETTLE_MS = 10;

export interface KqlFeaturesOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  capabilities: ClientCapabilities;
  hub: DiagnosticsHub;
  /** The first workspace folder's URI: where the workspace schema file lives. */
  rootUri: string | undefined;
  /** False when the editor does not trust the workspace: its schema file is then ignored. */
  workspaceTrusted: boolean;
  workerFile: URL;
}

/** The KQL feature provider for the router. */
export class KqlFeatures extends KqlRequests {
  readonly name = 'kql';
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /**
   * The newest check per document. A check's result waits for the typing pause, and a newer
   * check (after a settings change, or a close and reopen at the same version) may publish
   * first: only the newest one may publish.
   */
  private readonly newestRun = new Map<string, number>();
  private runs = 0;

  constructor(private readonly options: KqlFeaturesOptions) {
    const settings = new KqlSettings(
      options.connection,
      () => !!options.capabilities.workspace?.configuration,
      () => options.rootUri,
      options.workspaceTrusted,
    );
    const client = new KustoClient(options.workerFile, (reason) => {
      options.connection.console.error(`KQL worker stopped: ${reason}`);
      void options.connection.sendNotification(KqlServiceStatusNotification, {
        state: 'failed',
        platform: 'sentinel',
        message: reason,
      });
    });
    super(client, settings, options.capabilities, options.rootUri);
  }

  handles(document: TextDocument): boolean {
    return isKqlDocument(document) || isMarkdown(document);
  }

  /** Starts the worker and pays the first-analysis cost before the first keystroke needs it. */
  async start(): Promise<void> {
    const { connection } = this.options;
    const { config, problems } = await this.settings.get('');
    void connection.sendNotification(KqlServiceStatusNotification, {
      state: 'starting',
      platform: config.platform,
    });
    const started = Date.now();
    try {
      const result = await this.client.request<
        'warmUp',
        { problems: { name: string; message: string }[] }
      >('warmUp', { config });
      const all = [...problems, ...result.problems.map((p) => `${p.name}: ${p.message}`)];
      for (const problem of all) connection.console.warn(`custom schema: ${problem}`);
      connection.tracer.log(`KQL service ready in ${Date.now() - started} ms`);
      void connection.sendNotification(KqlServiceStatusNotification, {
        state: 'ready',
        platform: config.platform,
        message: all.length > 0 ? all.join('\n') : undefined,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      connection.console.error(`KQL service failed to start: ${message}`);
      void connection.sendNotification(KqlServiceStatusNotification, {
        state: 'failed',
        platform: config.platform,
        message,
      });
    }
  }

  didOpen(document: TextDocument): void {
    this.schedule(document.uri, 0);
  }

  didChange(document: TextDocument): void {
    this.schedule(document.uri, DIAGNOSTIC_DELAY_MS);
  }

  didClose(document: TextDocument): void {
    clearTimeout(this.timers.get(document.uri));
    this.timers.delete(document.uri);
    this.newestRun.delete(document.uri);
    this.settings.delete(document.uri);
    this.highlighting.forget(document.uri);
    this.options.hub.publish(document.uri, this.name, []);
  }

  didChangeConfiguration(open: readonly TextDocument[]): void {
    this.settings.clear();
    for (const document of open) if (this.handles(document)) this.schedule(document.uri, 0);
  }

  didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    if (!this.settings.readsWorkspaceFile) return;
    const touched = params.changes.some((c) =>
      WORKSPACE_FILE_NAMES.some((name) => c.uri.endsWith(`/${name}`)),
    );
    if (touched) this.didChangeConfiguration(this.options.documents.all());
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    void this.client.dispose();
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    const showAt = performance.now() + delay;
    const run = ++this.runs;
    this.newestRun.set(uri, run);
    this.timers.set(
      uri,
      setTimeout(
        () => {
          this.timers.delete(uri);
          void this.diagnose(uri, showAt, run);
        },
        Math.min(delay, ANALYSIS_SETTLE_MS),
      ),
    );
  }

  /** Checks the document now and publishes the result no earlier than `showAt`. */
  private async diagnose(uri: string, showAt: number, run: number): Promise<void> {
    const { documents, hub, connection } = this.options;
    const document = documents.get(uri);
    if (!document) return;
    const view = kqlView(document);
    if (!view) {
      hub.publish(uri, this.name, [], document.version);
      return;
    }
    const version = document.version;
    try {
      const { config } = await this.settings.get(uri);
      const started = Date.now();
      const found = await this.client.request<'diagnose', KqlDiagnostic[]>(
        'diagnose',
        { config, text: view.text },
        uri,
      );
      const checkMs = Date.now() - started;
      const early = showAt - performance.now();
      if (early > 0) await sleep(early);
      // A newer check is on its way, or the document was closed: this result is out of date.
      if (this.newestRun.get(uri) !== run || documents.get(uri)?.version !== version) return;
      connection.tracer.log(`diagnostics for ${uri} v${version}: checked in ${checkMs} ms`);
      hub.publish(
        uri,
        this.name,
        found.map((d) => toDiagnostic(document, d)),
        version,
      );
    } catch (error) {
      if (error instanceof SupersededError) return;
      connection.console.error(`KQL diagnostics for ${uri} failed: ${String(error)}`);
    }
  }
}

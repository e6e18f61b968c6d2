// The kql-hunt language server: wiring only. It creates the connection and the document store,
// announces capabilities, and hands every request to the router, which dispatches to the two
// feature providers: KQL (server/kql/) and markdown IOC reports (server/report/).
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { KqlFeatures } from './kql/kqlFeatures.js';
import { SEMANTIC_TOKEN_LEGEND } from './kql/semanticTokens.js';
import { isKqlDocument } from './kql/embedded.js';
import { exclusionProvider } from './exclusions/provider.js';
import { ReportFeatures, isMarkdownDocument } from './report/reportFeatures.js';
import type { KqlHuntInitializationOptions } from './protocol.js';
import { DiagnosticsHub, Router, type FeatureProvider } from './router.js';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const hub = new DiagnosticsHub(connection);
let capabilities: ClientCapabilities = {};
let workspaceFolders: string[] = [];
let workspaceTrusted = true;
let kql: KqlFeatures | undefined;
let reports: ReportFeatures | undefined;
let router: Router | undefined;

connection.onInitialize((params): InitializeResult => {
  capabilities = params.capabilities;
  workspaceFolders =
    params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  // Only an explicit `false` means untrusted: editors other than VS Code send no options.
  const options = params.initializationOptions as KqlHuntInitializationOptions | null | undefined;
  workspaceTrusted = options?.workspaceTrusted !== false;
  kql = new KqlFeatures({
    connection,
    documents,
    capabilities,
    hub,
    rootUri: workspaceFolders[0],
    workspaceTrusted,
    // The worker bundle sits beside this one (dist/kustoWorker.js); under tsc, beside kql/.
    workerFile: new URL(
      import.meta.url.includes('/dist/') ? './kustoWorker.js' : './kql/kustoWorker.js',
      import.meta.url,
    ),
  });
  reports = new ReportFeatures({
    connection,
    document: (uri) => documents.get(uri),
    capabilities,
    workspaceFolders,
    publishDiagnostics: (uri, version, diagnostics) =>
      hub.publish(uri, 'report', diagnostics, version),
  });
  const exclusions = exclusionProvider({
    connection,
    capabilities,
    documents: () => documents.all(),
    reportOf: (document) => reports!.reading(document).report,
    publish: (uri, diagnostics, version) => hub.publish(uri, 'exclusions', diagnostics, version),
  });
  // Report first: merged hovers keep provider order, and on a string literal naming an IOC the
  // IOC card matters more than the Kusto quick info. The report provider answers none of the
  // single-answer requests (formatting, signature help…), so KQL still answers those.
  router = new Router(connection, documents, hub, [reportProvider(reports), kql, exclusions]);
  router.listen();
  reports.registerRequests();

  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', '|', '.', '(', ','] },
      signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: { delta: true } },
      foldingRangeProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'kql-hunt' },
  };
});

connection.onInitialized(() => {
  // An untrusted workspace's schema file is never read, so there is nothing to watch.
  if (workspaceTrusted && capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/.kql-hunt.{json,yaml,yml}' }],
    });
  }
  reports?.start();
  void kql?.start();
});

connection.onShutdown(() => {
  router?.dispose();
});

/** The report features as a router provider: markdown reports, plus IOC hovers in KQL files. */
function reportProvider(features: ReportFeatures): FeatureProvider {
  return {
    name: 'report',
    handles: (document) => isMarkdownDocument(document) || isKqlDocument(document),
    didOpen: (d) => isMarkdownDocument(d) && features.didOpen(d),
    didChange: (d) => isMarkdownDocument(d) && features.didChange(d),
    didClose: (d) => isMarkdownDocument(d) && features.didClose(d),
    didChangeConfiguration: (open) => features.didChangeConfiguration(open),
    didChangeWatchedFiles: (params) => features.didChangeWatchedFiles(params),
    hover: (d, position) =>
      isMarkdownDocument(d) ? features.hover(d, position) : features.kqlHover(d, position),
    codeActions: (d, params, token) =>
      isMarkdownDocument(d) ? features.codeActions(d, params, token) : [],
    codeLenses: (d) => (isMarkdownDocument(d) ? features.codeLenses(d) : []),
    dispose: () => features.dispose(),
  };
}

documents.listen(connection);
connection.listen();

// The server's request router. One connection allows one handler per LSP request type, yet
// two feature sets share this server: KQL (server/kql/) and markdown IOC reports
// (server/report/). Each feature set is a FeatureProvider; the router registers every handler
// once and asks each provider that `handles` the document, merging the answers.
//
// Extension point: to serve another kind of document (or another feature on the same one),
// implement FeatureProvider and pass it to `new Router(...)` in server/main.ts. Diagnostics go
// through `DiagnosticsHub.publish(uri, provider, ...)`, which merges providers per document.
import {
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Definition,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
  type Range,
  type SemanticTokens,
  type SemanticTokensDelta,
  type SignatureHelp,
  type TextDocuments,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

type Maybe<T> = T | Promise<T>;

/** One feature set of the server; every method is optional. */
export interface FeatureProvider {
  readonly name: string;
  handles(document: TextDocument): boolean;
  didOpen?(document: TextDocument): void;
  didChange?(document: TextDocument): void;
  didClose?(document: TextDocument): void;
  didChangeConfiguration?(open: readonly TextDocument[]): void;
  didChangeWatchedFiles?(params: DidChangeWatchedFilesParams): void;
  hover?(document: TextDocument, position: Position, token: CancellationToken): Maybe<Hover | null>;
  completion?(
    document: TextDocument,
    position: Position,
    token: CancellationToken,
  ): Maybe<CompletionItem[]>;
  signatureHelp?(document: TextDocument, position: Position): Maybe<SignatureHelp | null>;
  formatting?(document: TextDocument, options: FormattingOptions, range?: Range): Maybe<TextEdit[]>;
  semanticTokens?(document: TextDocument): Maybe<SemanticTokens | null>;
  /** The highlighting as edits to `previousResultId`, the result the editor holds. */
  semanticTokensDelta?(
    document: TextDocument,
    previousResultId: string,
  ): Maybe<SemanticTokens | SemanticTokensDelta | null>;
  foldingRanges?(document: TextDocument): Maybe<FoldingRange[]>;
  documentSymbols?(document: TextDocument): Maybe<DocumentSymbol[]>;
  definition?(document: TextDocument, position: Position): Maybe<Definition | null>;
  references?(
    document: TextDocument,
    position: Position,
    includeDeclaration: boolean,
  ): Maybe<Location[]>;
  codeActions?(
    document: TextDocument,
    params: CodeActionParams,
    token: CancellationToken,
  ): Maybe<CodeAction[]>;
  codeLenses?(document: TextDocument): Maybe<CodeLens[]>;
  dispose?(): void;
}

/** Publishes each document's diagnostics as the union of what every provider reported. */
export class DiagnosticsHub {
  private readonly byUri = new Map<string, Map<string, Diagnostic[]>>();

  constructor(private readonly connection: Connection) {}

  publish(uri: string, provider: string, diagnostics: Diagnostic[], version?: number): void {
    let perProvider = this.byUri.get(uri);
    if (!perProvider) {
      perProvider = new Map();
      this.byUri.set(uri, perProvider);
    }
    perProvider.set(provider, diagnostics);
    const all = [...perProvider.values()].flat();
    if (all.length === 0) this.byUri.delete(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics: all });
  }

  /**
   * Clears a closed document's diagnostics at once. Providers then clear their own one by one;
   * without this, the first to do so would republish the others' findings for a closed file.
   */
  forget(uri: string): void {
    if (!this.byUri.delete(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

/** Registers the LSP handlers once and dispatches them to providers. */
export class Router {
  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly hub: DiagnosticsHub,
    private readonly providers: readonly FeatureProvider[],
  ) {}

  listen(): void {
    const { connection, documents } = this;
    documents.onDidOpen((e) => this.each(e.document, (p) => p.didOpen?.(e.document)));
    documents.onDidChangeContent((e) => this.each(e.document, (p) => p.didChange?.(e.document)));
    documents.onDidClose((e) => {
      this.hub.forget(e.document.uri);
      this.each(e.document, (p) => p.didClose?.(e.document));
    });
    connection.onDidChangeConfiguration(() => {
      for (const p of this.providers) p.didChangeConfiguration?.(documents.all());
    });
    connection.onDidChangeWatchedFiles((params) => {
      for (const p of this.providers) p.didChangeWatchedFiles?.(params);
    });
    connection.onHover(async (params, token) => {
      const hovers = await this.collect(params.textDocument.uri, (p, d) =>
        p.hover?.(d, params.position, token),
      );
      return mergeHovers(hovers.filter((h): h is Hover => !!h));
    });
    connection.onCompletion(async (params, token) =>
      (
        await this.collect(params.textDocument.uri, (p, d) =>
          p.completion?.(d, params.position, token),
        )
      ).flat(),
    );
    connection.onSignatureHelp(async (params) =>
      this.first(params.textDocument.uri, (p, d) => p.signatureHelp?.(d, params.position)),
    );
    connection.onDocumentFormatting(
      async (params) =>
        (await this.first(params.textDocument.uri, (p, d) => p.formatting?.(d, params.options))) ??
        [],
    );
    connection.onDocumentRangeFormatting(
      async (params) =>
        (await this.first(params.textDocument.uri, (p, d) =>
          p.formatting?.(d, params.options, params.range),
        )) ?? [],
    );
    connection.languages.semanticTokens.on(
      async (params) =>
        (await this.first(params.textDocument.uri, (p, d) => p.semanticTokens?.(d))) ?? {
          data: [],
        },
    );
    connection.languages.semanticTokens.onDelta(
      async (params) =>
        (await this.first(params.textDocument.uri, (p, d) =>
          p.semanticTokensDelta?.(d, params.previousResultId),
        )) ?? { data: [] },
    );
    connection.onFoldingRanges(async (params) =>
      (await this.collect(params.textDocument.uri, (p, d) => p.foldingRanges?.(d))).flat(),
    );
    connection.onDocumentSymbol(async (params) =>
      (await this.collect(params.textDocument.uri, (p, d) => p.documentSymbols?.(d))).flat(),
    );
    connection.onDefinition(async (params) =>
      this.first(params.textDocument.uri, (p, d) => p.definition?.(d, params.position)),
    );
    connection.onReferences(async (params) =>
      (
        await this.collect(params.textDocument.uri, (p, d) =>
          p.references?.(d, params.position, params.context.includeDeclaration),
        )
      ).flat(),
    );
    connection.onCodeAction(async (params, token) =>
      (
        await this.collect(params.textDocument.uri, (p, d) => p.codeActions?.(d, params, token))
      ).flat(),
    );
    connection.onCodeLens(async (params) =>
      (await this.collect(params.textDocument.uri, (p, d) => p.codeLenses?.(d))).flat(),
    );
  }

  dispose(): void {
    for (const p of this.providers) p.dispose?.();
  }

  private each(document: TextDocument, run: (p: FeatureProvider) => void): void {
    for (const provider of this.providers) {
      if (!provider.handles(document)) continue;
      try {
        run(provider);
      } catch (error) {
        this.connection.console.error(`${provider.name}: ${describe(error)}`);
      }
    }
  }

  /** Every answer from the providers of a document; a failing provider answers nothing. */
  private async collect<T>(
    uri: string,
    ask: (p: FeatureProvider, d: TextDocument) => Maybe<T> | undefined,
  ): Promise<T[]> {
    const document = this.documents.get(uri);
    if (!document) return [];
    const answers = await Promise.all(
      this.providers
        .filter((p) => p.handles(document))
        .map(async (p) => {
          try {
            return await ask(p, document);
          } catch (error) {
            this.connection.console.error(`${p.name}: ${describe(error)}`);
            return undefined;
          }
        }),
    );
    return answers.filter((a): a is Awaited<T> => a !== undefined && a !== null) as T[];
  }

  private async first<T>(
    uri: string,
    ask: (p: FeatureProvider, d: TextDocument) => Maybe<T> | undefined,
  ): Promise<T | null> {
    return (await this.collect(uri, ask))[0] ?? null;
  }
}

function mergeHovers(hovers: Hover[]): Hover | null {
  if (hovers.length <= 1) return hovers[0] ?? null;
  const value = hovers.map((h) => markdownOf(h.contents)).join('\n\n---\n\n');
  return { contents: { kind: 'markdown', value }, range: hovers[0]?.range };
}

function markdownOf(contents: Hover['contents']): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) {
    return contents
      .map((c) => (typeof c === 'string' ? c : `\`\`\`${c.language}\n${c.value}\n\`\`\``))
      .join('\n\n');
  }
  if ('kind' in contents) return (contents as MarkupContent).value;
  return `\`\`\`${contents.language}\n${contents.value}\n\`\`\``;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 500) : String(error);
}

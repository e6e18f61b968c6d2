// The KQL answers to editor requests, each a translation between LSP and the worker's plain
// results. Requests outside the KQL of a markdown document answer nothing.
import {
  CodeActionKind,
  FoldingRangeKind,
  SymbolKind,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type Definition,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type Location,
  type Position,
  type Range,
  type SemanticTokens,
  type SemanticTokensDelta,
  type SignatureHelp,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  KqlCompletions,
  KqlLetSymbol,
  KqlNameUses,
  KqlQuickInfo,
  KqlSignatureHelp,
  KqlTextEdit,
  KqlToken,
  ParameterDeclaration,
} from '../../core/kusto/index.js';
import {
  UNKNOWN_NAME_CODE,
  UNKNOWN_TABLE_CODE,
  splitQueries,
  unknownName,
} from '../../core/kusto/index.js';
import { pin, rangeOf, toCompletionItem, type KqlDiagnosticData } from './convert.js';
import { declareTableEdit } from './declareTable.js';
import { rewritesFor } from './quickFixes.js';
import { inKql, isKqlDocument, kqlView, type KqlView } from './embedded.js';
import type { KustoClient } from './kustoClient.js';
import { SemanticTokensCache } from './semanticTokens.js';
import type { KqlSettings } from './settings.js';
import type { SchemaConfig } from './workerProtocol.js';

export abstract class KqlRequests {
  protected readonly highlighting = new SemanticTokensCache();

  constructor(
    protected readonly client: KustoClient,
    protected readonly settings: KqlSettings,
    private readonly capabilities: ClientCapabilities,
    private readonly rootUri: string | undefined,
  ) {}

  async hover(document: TextDocument, position: Position): Promise<Hover | null> {
    const asAsked = pin(document);
    const at = await this.at(document, position);
    if (!at) return null;
    const info = await this.client.request<'quickInfo', KqlQuickInfo | null>(
      'quickInfo',
      at.params,
    );
    if (!info) return null;
    const docs = info.documentation ? `\n\n${info.documentation}` : '';
    return {
      contents: { kind: 'markdown', value: `\`\`\`kql\n${info.signature}\n\`\`\`${docs}` },
      range: rangeOf(asAsked(), info.start, info.length),
    };
  }

  async completion(document: TextDocument, position: Position): Promise<CompletionItem[]> {
    const asAsked = pin(document);
    const at = await this.at(document, position);
    if (!at) return [];
    const result = await this.client.request<'complete', KqlCompletions>('complete', at.params);
    const range = rangeOf(asAsked(), result.editStart, result.editLength);
    const snippets = !!this.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    return result.items.map((item) => toCompletionItem(item, range, snippets));
  }

  async signatureHelp(document: TextDocument, position: Position): Promise<SignatureHelp | null> {
    const at = await this.at(document, position);
    if (!at) return null;
    const help = await this.client.request<'signatureHelp', KqlSignatureHelp | null>(
      'signatureHelp',
      at.params,
    );
    if (!help) return null;
    const active = help.signatures.findIndex((s) => s.parameters.length > help.activeParameter);
    return {
      signatures: help.signatures.map((s) => ({
        label: s.label,
        parameters: s.parameters.map((label) => ({ label })),
      })),
      activeSignature: Math.max(0, active),
      activeParameter: help.activeParameter,
    };
  }

  async formatting(
    document: TextDocument,
    _options: FormattingOptions,
    range?: Range,
  ): Promise<TextEdit[]> {
    // Markdown belongs to its own formatter; only KQL files are formatted here.
    if (!isKqlDocument(document)) return [];
    const version = document.version;
    const { config } = await this.settings.get(document.uri);
    const edits = await this.client.request<'format', KqlTextEdit[]>('format', {
      config,
      text: document.getText(),
      range: range && { start: document.offsetAt(range.start), end: document.offsetAt(range.end) },
    });
    // Edits computed for text the user has since changed would corrupt it.
    if (document.version !== version) return [];
    return edits.map((e) => ({
      range: rangeOf(document, e.start, e.end - e.start),
      newText: e.text,
    }));
  }

  async semanticTokens(document: TextDocument): Promise<SemanticTokens | null> {
    const asAsked = pin(document);
    const tokens = await this.classified(document);
    return tokens && this.highlighting.full(asAsked(), tokens);
  }

  async semanticTokensDelta(
    document: TextDocument,
    previousResultId: string,
  ): Promise<SemanticTokens | SemanticTokensDelta | null> {
    const asAsked = pin(document);
    const tokens = await this.classified(document);
    return tokens && this.highlighting.delta(asAsked(), tokens, previousResultId);
  }

  private async classified(document: TextDocument): Promise<KqlToken[] | null> {
    const view = kqlView(document);
    if (!view) return null;
    const { config } = await this.settings.get(document.uri);
    return this.client.request<'classify', KqlToken[]>('classify', { config, text: view.text });
  }

  foldingRanges(document: TextDocument): FoldingRange[] {
    const view = kqlView(document);
    if (!view) return [];
    const ranges: FoldingRange[] = [];
    for (const block of splitQueries(view.text)) {
      const startLine = document.positionAt(block.start).line;
      const endLine = document.positionAt(block.end).line;
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
    }
    return ranges;
  }

  async documentSymbols(document: TextDocument): Promise<DocumentSymbol[]> {
    const asAsked = pin(document);
    const view = kqlView(document);
    if (!view) return [];
    const { config } = await this.settings.get(document.uri);
    const symbols = await this.client.request<'letSymbols', KqlLetSymbol[]>('letSymbols', {
      config,
      text: view.text,
    });
    return symbols.map((s) => ({
      name: s.name,
      detail: s.kind === 'function' ? 'function' : s.kind === 'tabular' ? 'table' : 'value',
      kind:
        s.kind === 'function'
          ? SymbolKind.Function
          : s.kind === 'tabular'
            ? SymbolKind.Struct
            : SymbolKind.Variable,
      range: rangeOf(asAsked(), s.start, s.end - s.start),
      selectionRange: rangeOf(asAsked(), s.nameStart, s.name.length),
    }));
  }

  async definition(document: TextDocument, position: Position): Promise<Definition | null> {
    const asAsked = pin(document);
    const uses = await this.uses(document, position);
    if (!uses?.declaration) return null;
    return {
      uri: document.uri,
      range: rangeOf(asAsked(), uses.declaration.start, uses.declaration.length),
    };
  }

  async references(
    document: TextDocument,
    position: Position,
    includeDeclaration: boolean,
  ): Promise<Location[]> {
    const asAsked = pin(document);
    const uses = await this.uses(document, position);
    if (!uses) return [];
    const ranges = [
      ...(includeDeclaration && uses.declaration ? [uses.declaration] : []),
      ...uses.references,
    ];
    const mapped = asAsked();
    return ranges.map((r) => ({ uri: document.uri, range: rangeOf(mapped, r.start, r.length) }));
  }

  async codeActions(
    document: TextDocument,
    params: CodeActionParams,
    _token: CancellationToken,
  ): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    // Every action here is a quick fix; a request for other kinds (source actions on save)
    // must not pay for the parameter search below.
    const only = params.context.only;
    if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return actions;
    for (const diagnostic of params.context.diagnostics) {
      const data = (diagnostic.data ?? {}) as KqlDiagnosticData;
      actions.push(...rewritesFor(document.uri, diagnostic));
      const parameter = await this.parameterAction(document, diagnostic);
      if (parameter) actions.push(parameter);
      // Not offered where the workspace file is ignored: the declaration would change nothing.
      if (
        diagnostic.code === UNKNOWN_TABLE_CODE &&
        data.table &&
        this.settings.readsWorkspaceFile
      ) {
        const canCreate =
          !!this.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create');
        const edit = declareTableEdit(
          data.table,
          this.rootUri,
          this.settings.workspaceSchema(),
          canCreate,
        );
        if (edit) {
          actions.push({
            title: `Declare table '${data.table}' in the workspace schema file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit,
          });
        }
      }
    }
    return actions;
  }

  /**
   * "Declare 'x' as a query parameter" for an unknown name, with the type that fits its uses:
   * what makes the body of a saved function checkable on its own.
   */
  private async parameterAction(
    document: TextDocument,
    diagnostic: Diagnostic,
  ): Promise<CodeAction | undefined> {
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : '';
    const name = diagnostic.code === UNKNOWN_NAME_CODE ? unknownName({ message }) : undefined;
    // A diagnostic from an older version of the text may point elsewhere now.
    if (!name || document.getText(diagnostic.range) !== name) return undefined;
    const asAsked = pin(document);
    const at = await this.at(document, diagnostic.range.start);
    if (!at) return undefined;
    const declaration = await this.client.request<
      'parameterDeclaration',
      ParameterDeclaration | null
    >('parameterDeclaration', { ...at.params, name });
    if (!declaration) return undefined;
    const { start, end, text } = declaration.edit;
    return {
      title: `Declare '${name}' as a query parameter (${declaration.type})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        changes: {
          [document.uri]: [{ range: rangeOf(asAsked(), start, end - start), newText: text }],
        },
      },
    };
  }

  private async uses(document: TextDocument, position: Position): Promise<KqlNameUses | undefined> {
    const at = await this.at(document, position);
    if (!at) return undefined;
    return this.client.request<'nameUses', KqlNameUses>('nameUses', at.params);
  }

  /** The request parameters for a position inside the document's KQL, if it is inside. */
  private async at(
    document: TextDocument,
    position: Position,
  ): Promise<
    | {
        view: KqlView;
        params: {
          config: SchemaConfig;
          text: string;
          offset: number;
        };
      }
    | undefined
  > {
    const view = kqlView(document);
    const offset = document.offsetAt(position);
    if (!view || !inKql(view, offset)) return undefined;
    const { config } = await this.settings.get(document.uri);
    return { view, params: { config, text: view.text, offset } };
  }
}

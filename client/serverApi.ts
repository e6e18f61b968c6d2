// The client's only view of the server's custom `kqlHunt/` messages. Every command asks the
// server to do the work (the core behind it is the same one the CLI uses), so this file is the
// single place that knows message names and shapes.
//
// The messages are declared here because the server's typed protocol module was not in the tree
// when the client was written; once `server/protocol.ts` exports them, these declarations should
// be replaced by imports from it, keeping the method names below.
import {
  NotificationType,
  RequestType,
  type LanguageClient,
  type Position,
  type Range,
  type TextDocumentIdentifier,
} from 'vscode-languageclient/node';

/** Client → server: render hunts for a report's IOCs (all of them, or those inside `range`). */
export interface GenerateHuntsParams {
  textDocument: TextDocumentIdentifier;
  /** Only IOCs inside this range (a selection, or one table for a CodeLens). */
  range?: Range;
  /** Only the hunt for this table, when a code action offers one table. */
  table?: string;
}
export interface GenerateHuntsResult {
  hunts: { table: string; query: string }[];
  /** The whole KQL text, header comments included, ready for a `.kql` editor. */
  text: string;
  /** Where a fenced block goes for `kqlHunt.huntOutput: insertBelowTable` (line after the table). */
  insertPosition: Position;
}
export const GenerateHuntsRequest = new RequestType<GenerateHuntsParams, GenerateHuntsResult, void>(
  'kqlHunt/generateHunts',
);

/** Client → server: refang or defang pieces of text (the editor's selections). */
export interface RewriteIocsParams {
  mode: 'refang' | 'defang';
  texts: string[];
}
export const RewriteIocsRequest = new RequestType<RewriteIocsParams, { texts: string[] }, void>(
  'kqlHunt/rewriteIocs',
);

/** Client → server: the IOCs of a report (or a range of it) as one KQL `dynamic([...])` list. */
export interface IocsAsDynamicParams {
  textDocument: TextDocumentIdentifier;
  range?: Range;
}
export const IocsAsDynamicRequest = new RequestType<
  IocsAsDynamicParams,
  { text: string; count: number },
  void
>('kqlHunt/iocsAsDynamic');

/** Server → client: sent after each analysis of a report, for the language status item. */
export interface ReportSummaryParams {
  uri: string;
  iocCount: number;
}
export const ReportSummaryNotification = new NotificationType<ReportSummaryParams>(
  'kqlHunt/reportSummary',
);

/**
 * Arguments the server puts on CodeLenses and code actions that run `kqlHunt.generateHunt`:
 * plain JSON, because the client passes LSP command arguments through unconverted.
 */
export interface GenerateHuntCommandArgs {
  uri: string;
  range?: Range;
  table?: string;
}

/** Typed wrappers, so command code never spells a method name. */
export class ServerApi {
  constructor(private readonly client: () => LanguageClient) {}

  generateHunts(params: GenerateHuntsParams): Promise<GenerateHuntsResult> {
    return this.client().sendRequest(GenerateHuntsRequest, params);
  }

  rewriteIocs(params: RewriteIocsParams): Promise<{ texts: string[] }> {
    return this.client().sendRequest(RewriteIocsRequest, params);
  }

  iocsAsDynamic(params: IocsAsDynamicParams): Promise<{ text: string; count: number }> {
    return this.client().sendRequest(IocsAsDynamicRequest, params);
  }
}

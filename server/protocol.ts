// Every custom message between the kql-hunt client and server, in one typed module. Methods use
// the `kqlHunt/` prefix; command ids use `kqlHunt.`. The client imports this file, so it depends
// only on the protocol package both sides share.
import {
  NotificationType,
  RequestType,
  type Position,
  type Range,
  type TextDocumentIdentifier,
} from 'vscode-languageserver-protocol';

/**
 * What the client passes as `initializationOptions`. Other editors pass none, and then the
 * workspace counts as trusted: trust is VS Code's notion, and a user of another editor chose the
 * folder they opened.
 */
export interface KqlHuntInitializationOptions {
  /**
   * False in a workspace VS Code does not trust: the server then ignores the workspace schema
   * file, as VS Code ignores the workspace's `kqlHunt.customTables` and `customFunctions`.
   */
  workspaceTrusted?: boolean;
}

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
/** Client → server: the hunts for a report, for the "Generate hunt" command. */
export const GenerateHuntsRequest = new RequestType<GenerateHuntsParams, GenerateHuntsResult, void>(
  'kqlHunt/generateHunts',
);

export interface RewriteIocsParams {
  mode: 'refang' | 'defang';
  texts: string[];
}
/** Client → server: refang or defang pieces of text (the editor's selections). */
export const RewriteIocsRequest = new RequestType<RewriteIocsParams, { texts: string[] }, void>(
  'kqlHunt/rewriteIocs',
);

export interface IocsAsDynamicParams {
  textDocument: TextDocumentIdentifier;
  range?: Range;
}
/** Client → server: the IOCs of a report (or a range of it) as one KQL `dynamic([...])` list. */
export const IocsAsDynamicRequest = new RequestType<
  IocsAsDynamicParams,
  { text: string; count: number },
  void
>('kqlHunt/iocsAsDynamic');

export interface ReportSummaryParams {
  uri: string;
  iocCount: number;
}
/** Server → client: sent after each analysis of a report, for the language status item. */
export const ReportSummaryNotification = new NotificationType<ReportSummaryParams>(
  'kqlHunt/reportSummary',
);

/** The client command that CodeLenses and code actions run to generate hunts. */
export const GENERATE_HUNT_COMMAND = 'kqlHunt.generateHunt';

/**
 * Arguments the server puts on CodeLenses and code actions that run `kqlHunt.generateHunt`:
 * plain JSON, because the client passes LSP command arguments through unconverted.
 */
export interface GenerateHuntCommandArgs {
  uri: string;
  range?: Range;
  table?: string;
}

/** The state of the KQL analysis worker, as the status item shows it. */
export interface KqlServiceStatusParams {
  state: 'starting' | 'ready' | 'failed';
  platform: 'sentinel' | 'defender';
  /** Why the service failed, or problems in the user's custom declarations. */
  message?: string;
}
/** Server → client: the KQL service started, became ready, or failed (status item, errors). */
export const KqlServiceStatusNotification = new NotificationType<KqlServiceStatusParams>(
  'kqlHunt/kqlServiceStatus',
);

/** The command a quick fix runs to declare an unknown table in the workspace file. */
export const DECLARE_TABLE_COMMAND = 'kqlHunt.declareTable';

// The client's typed handle on the server's custom `kqlHunt/` requests. Every command asks the
// server to do the work (the core behind it is the one the CLI uses); the message names and
// shapes live in the shared protocol module, server/protocol.ts.
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  GenerateHuntsRequest,
  IocsAsDynamicRequest,
  RewriteIocsRequest,
  type GenerateHuntsParams,
  type GenerateHuntsResult,
  type IocsAsDynamicParams,
  type RewriteIocsParams,
} from '../server/protocol.js';

export type {
  GenerateHuntCommandArgs,
  GenerateHuntsResult,
  KqlHuntInitializationOptions,
  KqlServiceStatusParams,
  ReportSummaryParams,
} from '../server/protocol.js';
export {
  GENERATE_HUNT_COMMAND,
  KqlServiceStatusNotification,
  ReportSummaryNotification,
} from '../server/protocol.js';

/** Typed wrappers, so command code never spells a method name. */
export class ServerApi {
  /** `client` returns the running client or throws the error the command shows. */
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

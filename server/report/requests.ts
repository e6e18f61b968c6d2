/**
 * The report side of the `kqlHunt/` requests: generate hunts, rewrite IOCs, copy as dynamic.
 * Each handler validates its parameters (a client or a test may send anything), honours
 * cancellation around the expensive step, and turns every failure into an error response.
 */
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dynamicListFor } from '../../core/report/dynamicList.js';
import { rewriteIocs } from '../../core/report/rewriteText.js';
import type {
  GenerateHuntsParams,
  GenerateHuntsResult,
  IocsAsDynamicParams,
  RewriteIocsParams,
} from '../protocol.js';
import type { ReportAnalysis } from './analysis.js';
import { huntsForSelection, indexesInRange, insertPositionFor, joinHunts } from './hunts.js';
import type { ReportSettings } from './settings.js';

/** What the handlers need from the server: the open document, its reading, its settings. */
export interface RequestContext {
  document(uri: string): { document: TextDocument; analysis: ReportAnalysis } | undefined;
  settings(uri: string): Promise<ReportSettings>;
}

/** Texts longer than this are refused: a selection of a whole 50 MB file is a mistake. */
const MAX_REWRITE_CHARS = 20_000_000;

export async function generateHunts(
  context: RequestContext,
  params: GenerateHuntsParams,
  token: CancellationToken,
): Promise<GenerateHuntsResult> {
  const { document, analysis } = openReport(context, params?.textDocument?.uri);
  const settings = await context.settings(document.uri);
  checkCancelled(token);
  const indexes = indexesInRange(document, analysis, params.range);
  const table = typeof params.table === 'string' && params.table !== '' ? params.table : undefined;
  const hunts = huntsForSelection(analysis, settings, indexes, table);
  checkCancelled(token);
  return {
    hunts: hunts.map(({ table, query }) => ({ table, query })),
    text: joinHunts(hunts),
    insertPosition: insertPositionFor(document, analysis, params.range),
  };
}

export function rewriteTexts(
  params: RewriteIocsParams,
  token: CancellationToken,
): { texts: string[] } {
  const mode = params?.mode;
  if (mode !== 'refang' && mode !== 'defang') {
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `mode must be "refang" or "defang", not ${String(mode)}`,
    );
  }
  const texts = params.texts;
  if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'texts must be an array of strings');
  }
  if (texts.reduce((sum, text) => sum + text.length, 0) > MAX_REWRITE_CHARS) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'the selection is too large to rewrite');
  }
  return {
    texts: texts.map((text) => {
      checkCancelled(token);
      return rewriteIocs(text, mode);
    }),
  };
}

export async function iocsAsDynamic(
  context: RequestContext,
  params: IocsAsDynamicParams,
  token: CancellationToken,
): Promise<{ text: string; count: number }> {
  const { document, analysis } = openReport(context, params?.textDocument?.uri);
  const settings = await context.settings(document.uri);
  checkCancelled(token);
  const indexes = indexesInRange(document, analysis, params.range);
  return dynamicListFor(analysis.report, indexes, settings.minConfidence);
}

function openReport(context: RequestContext, uri: unknown) {
  if (typeof uri !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is required');
  }
  const open = context.document(uri);
  if (!open) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open in the server`);
  return open;
}

function checkCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) {
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  }
}

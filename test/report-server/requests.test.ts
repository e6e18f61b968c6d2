// The report request handlers in-process: parameters checked, cancellation honoured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { analyzeText } from '../../server/report/analysis.js';
import { generateHunts, iocsAsDynamic, rewriteTexts } from '../../server/report/requests.js';
import { DEFAULT_SETTINGS } from '../../server/report/settings.js';

const text = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const document = TextDocument.create('file:///r.md', 'markdown', 1, text);
const context = {
  document: (uri: string) =>
    uri === document.uri ? { document, analysis: analyzeText(uri, 1, text) } : undefined,
  settings: async () => ({ ...DEFAULT_SETTINGS, minConfidence: 0 }),
};
const live = new CancellationTokenSource().token;

test('a cancelled generateHunts answers RequestCancelled', async () => {
  const source = new CancellationTokenSource();
  source.cancel();
  await assert.rejects(
    generateHunts(context, { textDocument: { uri: document.uri } }, source.token),
    (error: unknown) =>
      error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled,
  );
});

test('the table filter and the settings reach the hunts', async () => {
  const result = await generateHunts(
    { ...context, settings: async () => ({ ...DEFAULT_SETTINGS, platform: 'defender' as const }) },
    { textDocument: { uri: document.uri }, table: 'DeviceNetworkEvents' },
    live,
  );
  assert.deepEqual(
    result.hunts.map((h) => h.table),
    ['DeviceNetworkEvents'],
  );
  assert.match(result.text, /Timestamp > ago\(lookback\)/);
});

test('malformed parameters are refused with InvalidParams, not a crash', async () => {
  assert.throws(
    () => rewriteTexts({ mode: 'defang', texts: [1 as unknown as string] }, live),
    /texts must be an array of strings/,
  );
  await assert.rejects(iocsAsDynamic(context, {} as never, live), /textDocument.uri is required/);
});

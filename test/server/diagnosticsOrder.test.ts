// A check's result is held until the typing pause is over; a newer check for the same version
// (after a settings change) can publish before it. The held result must then be dropped, or
// the diagnostics shown are those of the old settings until the next keystroke.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type TestServer } from './lspClient.js';

const settings: Record<string, unknown> = { platform: 'sentinel' };
let server: TestServer;

before(async () => {
  server = await startServer(settings);
});

after(async () => {
  await server.stop();
});

test('a result held for the typing pause never lands over a newer one', async () => {
  const uri = pathToFileURL(join(server.workspace, 'feed.kql')).href;
  const published: PublishDiagnosticsParams[] = [];
  const record = (p: PublishDiagnosticsParams) => {
    published.push(p);
    return false;
  };
  void server.diagnostics(uri, record);
  const warned = server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'KS204'));
  void server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'kql', version: 1, text: 'MyFeed_CL | take 1' },
  });
  await warned;
  // Both schemas are built once first, so the race below is between two quick checks.
  await configure(
    uri,
    { MyFeed_CL: '(TimeGenerated:datetime, *)' },
    (p) => p.diagnostics.length === 0,
  );
  await configure(uri, undefined, (p) => p.diagnostics.some((d) => d.code === 'KS204'));

  void server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: 'MyFeed_CL | take 2' }],
  });
  // Inside the pause, after the check for version 2 has started (it starts 10 ms after the
  // keystroke and is shown 75 ms after it), the table is declared: the newer check is clean.
  await sleep(35);
  await configure(
    uri,
    { MyFeed_CL: '(TimeGenerated:datetime, *)' },
    (p) => p.version === 2 && p.diagnostics.length === 0,
  );
  // The held result was due 75 ms after the keystroke; wait past it before looking.
  await sleep(250);
  const last = published.filter((p) => p.version === 2).at(-1);
  assert.deepEqual(last?.diagnostics, []);
});

async function configure(
  uri: string,
  customTables: Record<string, string> | undefined,
  published: (p: PublishDiagnosticsParams) => boolean,
): Promise<void> {
  settings.customTables = customTables;
  const done = server.diagnostics(uri, published);
  void server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await done;
}

// LSP protocol tests for the report features, against the real bundled server process
// (`npm run build` first). Every wait is on a message from the server, never on a timer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  Hover,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import type { GenerateHuntsResult, GenerateHuntCommandArgs } from '../../server/protocol.js';
import { ServerProcess } from './serverProcess.js';

const exampleText = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const workspace = mkdtempSync(join(tmpdir(), 'kql-hunt-report-'));
copyFileSync('examples/remcos-threatfox-report.md', join(workspace, 'remcos.md'));
const reportUri = pathToFileURL(join(workspace, 'remcos.md')).href;
let server: ServerProcess;

before(async () => {
  server = await ServerProcess.start({ workspaceFolders: [pathToFileURL(workspace).href] });
  await server.open(reportUri, 'markdown', exampleText);
});

after(async () => {
  await server?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

const lineOf = (needle: string) => exampleText.split('\n').findIndex((l) => l.includes(needle));
const positionOf = (needle: string, offset = 1) => {
  const line = lineOf(needle);
  return { line, character: exampleText.split('\n')[line]!.indexOf(needle) + offset };
};

function diagnosticsOf(uri: string): Promise<PublishDiagnosticsParams> {
  return server.waitFor<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === uri && p.diagnostics.length > 0,
  );
}

test('the example report gets a live-ioc diagnostic on line 7 whose Defang fix is right', async () => {
  const { diagnostics } = await diagnosticsOf(reportUri);
  const live = diagnostics.find((d) => d.code === 'live-ioc');
  assert.ok(live, JSON.stringify(diagnostics));
  assert.equal(live.range.start.line, 6);
  assert.equal(live.source, 'kql-hunt');
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: reportUri },
    range: live.range,
    context: { diagnostics: [live] },
  });
  const defang = actions.find((a) => a.title.startsWith('Defang'));
  assert.ok(defang?.edit?.changes, JSON.stringify(actions));
  assert.deepEqual(defang.edit.changes[reportUri], [
    { range: live.range, newText: 'somethingtapangelcominginourlifeforbless[.]duckdns[.]org' },
  ]);
  assert.equal(defang.kind, 'quickfix');
});

test('the summary notification counts the report IOCs', async () => {
  const summary = await server.waitFor<{ uri: string; iocCount: number }>(
    'kqlHunt/reportSummary',
    (p) => p.uri === reportUri,
  );
  assert.equal(summary.iocCount, 2);
});

test('hover on the IP cell: confidence and tier, value defanged in code, no link', async () => {
  const hover = await server.request<Hover>('textDocument/hover', {
    textDocument: { uri: reportUri },
    position: positionOf('172[.]245'),
  });
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /75%/);
  assert.match(value, /High/);
  assert.match(value, /`172\[\.\]245\[\.\]4\[\.\]229:2404`/);
  assert.match(value, /line 6/);
  assert.doesNotMatch(value, /172\.245\.4\.229|https?:|\]\(/);
  assert.equal(hover.range?.start.line, 5);
});

test('code actions in the table and a CodeLens above it run kqlHunt.generateHunt', async () => {
  const inTable = positionOf('botnet_cc');
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: reportUri },
    range: { start: inTable, end: inTable },
    context: { diagnostics: [] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    [
      'Generate hunts for all tables',
      'Generate hunt for CommonSecurityLog',
      'Generate hunt for DeviceNetworkEvents',
      'Generate hunt for DnsEvents',
    ],
  );
  const args = actions[1]!.command!.arguments![0] as GenerateHuntCommandArgs;
  assert.equal(actions[1]!.command!.command, 'kqlHunt.generateHunt');
  assert.equal(args.uri, reportUri);
  assert.equal(args.table, 'CommonSecurityLog');
  assert.equal(args.range?.start.line, 3);

  // A range on one row is still "on the table"; a selection over lines hunts what it holds.
  const ipLine = lineOf('172[.]245');
  const row = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: reportUri },
    range: { start: { line: ipLine, character: 0 }, end: { line: ipLine, character: 60 } },
    context: { diagnostics: [] },
  });
  assert.equal(row.length, 4);
  const selection = {
    start: { line: ipLine + 1, character: 0 },
    end: { line: ipLine + 2, character: 5 },
  };
  const selected = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: reportUri },
    range: selection,
    context: { diagnostics: [] },
  });
  const selectedArgs = selected[0]?.command?.arguments?.[0] as GenerateHuntCommandArgs;
  assert.deepEqual(selectedArgs.range, selection);
  assert.equal(selectedArgs.table, undefined);

  const lenses = await server.request<CodeLens[]>('textDocument/codeLens', {
    textDocument: { uri: reportUri },
  });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0]!.command?.title, 'Generate hunt from IOCs (2 IOCs)');
  assert.equal(lenses[0]!.range.start.line, 3);
});

test('generateHunts returns the three hunts and the line after the table', async () => {
  const result = await server.request<GenerateHuntsResult>('kqlHunt/generateHunts', {
    textDocument: { uri: reportUri },
  });
  assert.deepEqual(
    result.hunts.map((h) => h.table),
    ['CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents'],
  );
  assert.equal(result.text, result.hunts.map((h) => h.query.trimEnd()).join('\n\n') + '\n');
  assert.deepEqual(result.insertPosition, { line: 7, character: 0 });
  const one = await server.request<GenerateHuntsResult>('kqlHunt/generateHunts', {
    textDocument: { uri: reportUri },
    range: { start: positionOf('| domain', 0), end: positionOf('duckdns', 0) },
    table: 'DnsEvents',
  });
  assert.deepEqual(
    one.hunts.map((h) => h.table),
    ['DnsEvents'],
  );
  assert.match(one.text, /somethingtapangelcominginourlifeforbless\.duckdns\.org/);
});

test('rewriteIocs defangs and refangs every indicator in each text', async () => {
  const live = ['C2 172.245.4.229:2404 via https://evil.example.com/x', 'nothing here'];
  const defanged = await server.request<{ texts: string[] }>('kqlHunt/rewriteIocs', {
    mode: 'defang',
    texts: live,
  });
  assert.deepEqual(defanged.texts, [
    'C2 172[.]245[.]4[.]229:2404 via hxxps[://]evil[.]example[.]com/x',
    'nothing here',
  ]);
  const refanged = await server.request<{ texts: string[] }>('kqlHunt/rewriteIocs', {
    mode: 'refang',
    texts: defanged.texts,
  });
  assert.deepEqual(refanged.texts, live);
});

test('iocsAsDynamic lists the report indicators as a KQL dynamic', async () => {
  const result = await server.request<{ text: string; count: number }>('kqlHunt/iocsAsDynamic', {
    textDocument: { uri: reportUri },
  });
  assert.equal(result.count, 2);
  assert.match(result.text, /^dynamic\(\["172\.245\.4\.229", "somethingtapangel/);
});

test('a string literal in a .kql file naming a report IOC gets the IOC hover', async () => {
  const kqlUri = pathToFileURL(join(workspace, 'hunt.kql')).href;
  const kql =
    'let ips = dynamic(["172.245.4.229"]);\nCommonSecurityLog\n| where DestinationIP == "172.245.4.229:2404"\n';
  await server.open(kqlUri, 'kql', kql);
  for (const position of [
    { line: 0, character: 22 },
    { line: 2, character: 30 },
  ]) {
    const hover = await server.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: kqlUri },
      position,
    });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /75% \(High\)/, JSON.stringify(hover));
    // The IOC card comes before the Kusto quick info the KQL features add for the literal.
    assert.match(value, /^\*\*IPv4 address/);
    assert.match(value, /remcos\\\.md/);
  }
});

test('a failing request answers with an error and the server keeps serving', async () => {
  await assert.rejects(
    server.request('kqlHunt/rewriteIocs', { mode: 'explode', texts: null }),
    /mode must be/,
  );
  await assert.rejects(
    server.request('kqlHunt/generateHunts', { textDocument: { uri: 'file:///nowhere.md' } }),
    /not open/,
  );
  const hover = await server.request<Hover>('textDocument/hover', {
    textDocument: { uri: reportUri },
    position: positionOf('172[.]245'),
  });
  assert.match((hover.contents as { value: string }).value, /75%/);
});

test('a markdown file without indicators gets no diagnostics and no lenses', async () => {
  const uri = pathToFileURL(join(workspace, 'notes.md')).href;
  await server.open(uri, 'markdown', '# Notes\n\nNothing to hunt here.\n');
  // The summary follows the report features' publish, so the last publish is theirs by then.
  await server.waitFor<{ uri: string; iocCount: number }>(
    'kqlHunt/reportSummary',
    (p) => p.uri === uri && p.iocCount === 0,
  );
  const published = server.notifications
    .filter((n) => n.method === 'textDocument/publishDiagnostics')
    .map((n) => n.params as PublishDiagnosticsParams)
    .filter((p) => p.uri === uri);
  assert.ok(published.length > 0);
  assert.deepEqual(published.at(-1)!.diagnostics, [] as Diagnostic[]);
  const lenses = await server.request<CodeLens[] | null>('textDocument/codeLens', {
    textDocument: { uri },
  });
  assert.deepEqual(lenses ?? [], []);
});

test('raising kqlHunt.minConfidence flags the IOCs below it as information', async () => {
  server.settings = { minConfidence: 80 };
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const { diagnostics } = await server.waitFor<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === reportUri && p.diagnostics.some((d) => d.code === 'low-confidence'),
  );
  const low = diagnostics.filter((d) => d.code === 'low-confidence');
  assert.deepEqual(
    low.map((d) => [d.range.start.line, d.severity]),
    [
      [5, 3],
      [6, 3],
    ],
  );
  server.settings = {};
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await server.waitFor<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === reportUri && !p.diagnostics.some((d) => d.code === 'low-confidence'),
  );
});

test('a report created on disk reaches .kql hovers through file events', async () => {
  const path = join(workspace, 'new-report.md');
  writeFileSync(
    path,
    '| Type | Value | Confidence |\n|---|---|---|\n| ip | 198[.]51[.]100[.]23 | 40% |\n',
  );
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(path).href, type: 1 }],
  });
  const kqlUri = pathToFileURL(join(workspace, 'later.kql')).href;
  await server.open(kqlUri, 'kql', 'print ip = "198.51.100.23"\n');
  const hoverText = async () => {
    const hover = await server.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: kqlUri },
      position: { line: 0, character: 15 },
    });
    return (hover?.contents as { value: string } | undefined)?.value ?? '';
  };
  // The file is read in the background; ask again until it is in (each ask is a round trip).
  const deadline = Date.now() + 10_000;
  let text = await hoverText();
  while (!/40% \(Medium\)/.test(text) && Date.now() < deadline) text = await hoverText();
  assert.match(text, /40% \(Medium\)/);
  assert.match(text, /new\\-report\\\.md/);
});

// LSP protocol tests for the exclusion quick fixes and diagnostics, against the real bundled
// server (`npm run build` first), through the report engineer's ServerProcess helper. Every
// wait is on a message from the server, never on a timer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  PublishDiagnosticsParams,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { huntReport } from '../../core/hunt/generate.js';
import { createKustoService } from '../../core/kusto/index.js';
import { ServerProcess } from '../report-server/serverProcess.js';

const example = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const workspace = mkdtempSync(join(tmpdir(), 'kql-hunt-exclusions-'));
copyFileSync('examples/remcos-threatfox-report.md', join(workspace, 'remcos-threatfox-report.md'));
const reportUri = pathToFileURL(join(workspace, 'remcos-threatfox-report.md')).href;
const kqlUri = pathToFileURL(join(workspace, 'hunts.kql')).href;
/** The example's hunts as generated without exclusions, citing the report by file name. */
const huntsFor = (platform: 'sentinel' | 'defender') =>
  huntReport(example, {
    platform,
    generated: '2026-12-04',
    exclusions: 'none',
    fallbackTitle: 'remcos-threatfox-report.md',
  })
    .hunts.map((h) => h.query)
    .join('\n\n');
const huntText = huntsFor('sentinel');
const services = {
  sentinel: createKustoService({ platform: 'sentinel' }),
  defender: createKustoService({ platform: 'defender' }),
};
/** The example's scenarios with a Filter/Exclusion line: the fifth's is cut short. */
const OFFERED = [
  'Exclude Scheduled System Maintenance Task',
  'Exclude Admin Tool Execution',
  'Exclude Log Collection or Monitoring Tool',
  'Exclude Software Deployment via Group Policy',
];
let server: ServerProcess;
let version = 1;

before(async () => {
  server = await ServerProcess.start({ workspaceFolders: [pathToFileURL(workspace).href] });
  await server.open(reportUri, 'markdown', example);
  await server.open(kqlUri, 'kql', huntText);
});

after(async () => {
  await server?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

function actionsAt(uri: string, text: string, needle: string): Promise<CodeAction[]> {
  const position = TextDocument.create(uri, 'kql', 0, text).positionAt(text.indexOf(needle));
  return server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: position, end: position },
    context: { diagnostics: [] },
  });
}

function applied(uri: string, text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri] as TextEdit[] | undefined;
  assert.ok(edits && edits.length > 0, JSON.stringify(action));
  return TextDocument.applyEdits(TextDocument.create(uri, 'kql', 0, text), edits);
}

async function change(uri: string, text: string): Promise<void> {
  version += 1;
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
}

const exclusionTitles = (actions: CodeAction[]) =>
  actions.map((a) => a.title).filter((t) => t.startsWith('Exclude '));

for (const platform of ['sentinel', 'defender'] as const) {
  test(`the DeviceNetworkEvents hunt offers the four advised scenarios, clean in ${platform}`, async () => {
    const uri = pathToFileURL(join(workspace, `${platform}.kql`)).href;
    const text = huntsFor(platform);
    await server.open(uri, 'kql', text);
    const actions = await actionsAt(uri, text, 'DeviceNetworkEvents\n');
    assert.deepEqual(exclusionTitles(actions), OFFERED);
    for (const action of actions.filter((a) => OFFERED.includes(a.title))) {
      assert.equal(action.kind, 'quickfix');
      const hunt = applied(uri, text, action)
        .split('\n\n')
        .find((h) => h.includes('\nDeviceNetworkEvents\n'))!;
      assert.match(hunt, /\n\| where InitiatingProcessFileName !in~ \(.*\/\/ FP: .*\n\| project /);
      const errors = services[platform].diagnoseQuery(hunt).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], `${action.title}\n${hunt}`);
    }
  });
}

test('an applied scenario is not offered again; the next one merges into its line', async () => {
  const first = (await actionsAt(kqlUri, huntText, 'DeviceNetworkEvents\n')).find(
    (a) => a.title === OFFERED[1],
  )!;
  const once = applied(kqlUri, huntText, first);
  await change(kqlUri, once);
  const again = await actionsAt(kqlUri, once, 'DeviceNetworkEvents\n');
  assert.deepEqual(
    exclusionTitles(again),
    OFFERED.filter((t) => t !== OFFERED[1]),
  );
  const twice = applied(
    kqlUri,
    once,
    again.find((a) => a.title === OFFERED[3])!,
  );
  const lines = twice.split('\n').filter((l) => l.startsWith('| where InitiatingProcess'));
  assert.equal(lines.length, 1, 'merged, not stacked');
  assert.match(lines[0]!, /\/\/ FP: Admin Tool Execution; Software Deployment via Group Policy$/);
  await change(kqlUri, huntText);
});

test('the DnsEvents hunt says why no scenario applies', async () => {
  const { diagnostics } = await server.waitFor<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === kqlUri && p.diagnostics.some((d) => d.code === 'exclusions-unavailable'),
  );
  const note = diagnostics.find((d) => d.code === 'exclusions-unavailable')!;
  assert.equal(note.range.start.line, huntText.split('\n').indexOf('DnsEvents'));
  assert.match(
    String(note.message),
    /None of the report's 5 .* DnsEvents records .* DeviceNetworkEvents/,
  );
  const actions = await actionsAt(kqlUri, huntText, 'DnsEvents\n');
  assert.deepEqual(exclusionTitles(actions), []);
});

test('an exclusion on a column the table lacks is diagnosed in the hunt', async () => {
  const uri = pathToFileURL(join(workspace, 'pasted.kql')).href;
  const text = 'DnsEvents\n| where InitiatingProcessFileName !in~ ("splunkd.exe") // FP: pasted\n';
  await server.open(uri, 'kql', text);
  const { diagnostics } = await server.waitFor<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'exclusion-column-missing'),
  );
  const problem = diagnostics.find((d) => d.code === 'exclusion-column-missing')!;
  assert.deepEqual(problem.range.start, { line: 1, character: 8 });
  assert.match(String(problem.message), /DnsEvents has no column InitiatingProcessFileName/);
});

test('a report whose scenarios fit none of its hunted tables is diagnosed', async () => {
  const uri = pathToFileURL(join(workspace, 'dns-only.md')).href;
  const text = readFileSync('test/fixtures/exclusions/dns-only/report.md', 'utf8');
  await server.open(uri, 'markdown', text);
  const { diagnostics } = await server.waitFor<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'scenario-inapplicable'),
  );
  const problem = diagnostics.find((d) => d.code === 'scenario-inapplicable')!;
  assert.equal(
    problem.range.start.line,
    text.split('\n').indexOf('Scenario: Mail security sandbox detonations'),
  );
  assert.ok(diagnostics.some((d) => d.code === 'scenario-unresolved'));
});

test('a value picked from a pasted result row is excluded through its own quick fix', async () => {
  const uri = pathToFileURL(join(workspace, 'results.kql')).href;
  const hunt = huntText.split('\n\n')[1]!;
  const text = `${hunt}\n// 2026-04-21 WS-FIN-07 10.20.30.40 rundll32.exe`;
  await server.open(uri, 'kql', text);
  const actions = await actionsAt(uri, text, 'WS-FIN-07');
  const device = actions.find((a) => a.title === 'Exclude device WS-FIN-07 from this hunt');
  assert.ok(device, JSON.stringify(actions.map((a) => a.title)));
  const after = applied(uri, text, device);
  assert.match(
    after,
    /\n\| where DeviceName !in~ \("WS-FIN-07"\) \/\/ FP: picked from results\n\| project/,
  );
  assert.deepEqual(
    services.sentinel.diagnoseQuery(after).filter((d) => d.severity === 'error'),
    [],
  );
});

test('kqlHunt.exclusions decides how generated hunts carry the scenarios', async () => {
  const generate = async (mode: string) => {
    server.settings = { exclusions: mode };
    await server.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: {},
    });
    const result = await server.request<{ hunts: { table: string; query: string }[] }>(
      'kqlHunt/generateHunts',
      { textDocument: { uri: reportUri }, table: 'DeviceNetworkEvents' },
    );
    return result.hunts[0]!.query;
  };
  assert.match(await generate('applied'), /\n\| where InitiatingProcessFileName !in~ .*FP: Admin/);
  assert.match(await generate('suggested'), /\n\/\/ \| where InitiatingProcessFileName !in~ /);
  assert.doesNotMatch(await generate('none'), /InitiatingProcessFileName !in~/);
});

test('kqlHunt.exclusionTools resolves a product the built-in catalogue does not know', async () => {
  const reportText = readFileSync('test/fixtures/exclusions/products/report.md', 'utf8');
  const uri = pathToFileURL(join(workspace, 'products.md')).href;
  await server.open(uri, 'markdown', reportText);
  const hunt = huntReport(reportText, {
    exclusions: 'none',
    tables: ['DeviceNetworkEvents'],
  }).hunts[0]!.query.replace(/^\/\/ Report: .*$/m, '// Report: products.md');
  const kql = pathToFileURL(join(workspace, 'products.kql')).href;
  await server.open(kql, 'kql', hunt);
  const titles = async () => exclusionTitles(await actionsAt(kql, hunt, 'DeviceNetworkEvents\n'));
  server.settings = {};
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  assert.deepEqual(await titles(), ['Exclude EDR cloud lookups', 'Exclude Endpoint management']);
  server.settings = { exclusionTools: { 'Acme Patch Agent': ['acmepatch.exe'] } };
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const action = (await actionsAt(kql, hunt, 'DeviceNetworkEvents\n')).find(
    (a) => a.title === 'Exclude In-house patching',
  );
  assert.ok(action);
  assert.match(applied(kql, hunt, action), /!in~ \("acmepatch\.exe"\) \/\/ FP: In-house patching/);
});

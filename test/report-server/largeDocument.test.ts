// A markdown document over the server's size limit is not read: it gets one notice, and the
// server keeps answering for the other documents. Against the real bundled server process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { MAX_MARKDOWN_CHARS } from '../../server/documentLimits.js';
import { ServerProcess } from './serverProcess.js';

const exampleText = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const workspace = mkdtempSync(join(tmpdir(), 'kql-hunt-large-'));
copyFileSync('examples/remcos-threatfox-report.md', join(workspace, 'remcos.md'));
const reportUri = pathToFileURL(join(workspace, 'remcos.md')).href;
const largeUri = pathToFileURL(join(workspace, 'export.md')).href;
let server: ServerProcess;

/** A real IOC table just over the limit: read, it would yield thousands of live-IOC problems. */
function largeReport(): string {
  const lines = ['# Export', '', '| IOC | Type |', '|---|---|'];
  let size = 0;
  for (let i = 0; size <= MAX_MARKDOWN_CHARS; i++) {
    const line = `| 10${i % 200}.${(i >> 8) % 250}.${i % 250}.7:443 | ip:port |`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

before(async () => {
  server = await ServerProcess.start({ workspaceFolders: [pathToFileURL(workspace).href] });
});

after(async () => {
  await server?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

test('a markdown file over the size limit gets one notice and nothing else', async () => {
  await server.open(largeUri, 'markdown', largeReport());
  const { diagnostics } = await server.waitFor<PublishDiagnosticsParams>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === largeUri && p.diagnostics.length > 0,
  );
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['too-large'],
  );
  assert.match(diagnostics[0]!.message as string, /reads markdown up to 2 MB.*kql-hunt hunt/);
  assert.equal(diagnostics[0]!.range.start.line, 0);
  const hover = await server.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: largeUri },
    position: { line: 5, character: 4 },
  });
  assert.equal(hover, null);
});

test('the other documents are still served after the large one', async () => {
  await server.open(reportUri, 'markdown', exampleText);
  const line = exampleText.split('\n').findIndex((l) => l.includes('172[.]245'));
  const character = exampleText.split('\n')[line]!.indexOf('172[.]245') + 1;
  const hover = await server.request<Hover>('textDocument/hover', {
    textDocument: { uri: reportUri },
    position: { line, character },
  });
  assert.match((hover.contents as { value: string }).value, /75%/);
});

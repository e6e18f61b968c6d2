// The quick fixes in-process: each fix's edit, applied to the report, must remove the problem
// it was offered for and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import { analyzeText } from '../../server/report/analysis.js';
import { MAX_DIAGNOSTICS, reportDiagnostics } from '../../server/report/diagnostics.js';
import { quickFixes } from '../../server/report/quickFixes.js';

function fixesFor(text: string, code: string) {
  const document = TextDocument.create('file:///r.md', 'markdown', 1, text);
  const analysis = analyzeText(document.uri, 1, text);
  const diagnostics = reportDiagnostics(document, analysis, 0).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} diagnostic`);
  const actions = quickFixes(document, analysis, diagnostics.slice(0, 1));
  const apply = (action: CodeAction) =>
    TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] as TextEdit[]);
  return { actions, apply };
}

const table = (...rows: string[]) => ['| Type | Value |', '|---|---|', ...rows].join('\n') + '\n';

test('Defang replaces the live indicator as written, port kept; Defang all covers each', () => {
  const text = table('| ip:port | 172.245.4.229:2404 |', '| url | https://evil.example.com/A |');
  const { actions, apply } = fixesFor(text, 'live-ioc');
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Defang 172.245.4.229:2404', 'Defang all 2 live IOCs in this report'],
  );
  assert.equal(actions[0]!.isPreferred, true);
  assert.equal(
    apply(actions[0]!),
    table('| ip:port | 172[.]245[.]4[.]229:2404 |', '| url | https://evil.example.com/A |'),
  );
  assert.equal(
    apply(actions[1]!),
    table('| ip:port | 172[.]245[.]4[.]229:2404 |', '| url | hxxps[://]evil[.]example[.]com/A |'),
  );
});

test('Remove duplicate row deletes exactly the repeated row', () => {
  const text = table('| domain | evil[.]example[.]com |', '| domain | evil[.]example[.]com |');
  const { actions, apply } = fixesFor(text, 'duplicate');
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Remove duplicate row'],
  );
  assert.equal(apply(actions[0]!), table('| domain | evil[.]example[.]com |'));
});

test('no row removal when the row holds another indicator too', () => {
  const text = table(
    '| domain | evil[.]example[.]com |',
    '| domain | evil[.]example[.]com, other[.]example[.]net |',
  );
  const { actions } = fixesFor(text, 'duplicate');
  assert.deepEqual(actions, []);
});

test('Remove hidden characters strips only the invisible ones', () => {
  const text = table('| domain | evil\u200b[.]example[.]com |');
  const { actions, apply } = fixesFor(text, 'suspicious-characters');
  assert.equal(actions[0]?.title, 'Remove hidden characters');
  assert.equal(apply(actions[0]!), table('| domain | evil[.]example[.]com |'));
});

test('diagnostics are capped with a count of the rest', () => {
  const rows = Array.from(
    { length: MAX_DIAGNOSTICS + 5 },
    (_, i) => `| ip | 10.0.${i >> 8}.${i & 255} |`,
  );
  const text = table(...rows);
  const document = TextDocument.create('file:///big.md', 'markdown', 1, text);
  const diagnostics = reportDiagnostics(document, analyzeText(document.uri, 1, text), 0);
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS + 1);
  assert.match(String(diagnostics.at(-1)!.message), /more problems are not shown/);
});

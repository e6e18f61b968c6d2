// The server's exclusion actions and diagnostics on documents, without a connection: the LSP
// protocol tests in exclusionProtocol.test.ts drive the same code through the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { exclusionCatalogue } from '../../core/exclusion/index.js';
import { huntReport } from '../../core/hunt/generate.js';
import { kqlExclusionDiagnostics } from '../../server/exclusions/diagnostics.js';
import { exclusionActions } from '../../server/exclusions/kqlActions.js';
import { ScenarioSources } from '../../server/exclusions/scenarioSources.js';

const reportText = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const report = TextDocument.create(
  'file:///r/remcos-threatfox-report.md',
  'markdown',
  1,
  reportText,
);
const sources = new ScenarioSources(() => [report]);
const catalogue = exclusionCatalogue();
const hunts = huntReport(reportText, {
  generated: '2026-12-04',
  exclusions: 'none',
  fallbackTitle: 'remcos-threatfox-report.md',
}).hunts;
const kqlText = hunts.map((h) => h.query).join('\n\n');
const kql = TextDocument.create('untitled:Hunts-1', 'kql', 1, kqlText);
const context = (disabledSupport = true) => ({
  exclusionsFor: (hunt: string) => ({
    exclusions: sources.exclusionsFor(kql.uri, hunt, catalogue),
    scenarioCount: sources.reportsFor(kql.uri, hunt).reduce((n, r) => n + r.scenarios.length, 0),
  }),
  disabledSupport,
});
const at = (needle: string) => {
  const position = kql.positionAt(kqlText.indexOf(needle));
  return { start: position, end: position };
};

test('the DeviceNetworkEvents hunt offers the scenarios of the open report it cites', () => {
  const actions = exclusionActions(kql, at('DeviceNetworkEvents\n'), context());
  // Not the fifth, "Antivirus or Endpoint Protection Scan": it has no Filter/Exclusion line.
  assert.deepEqual(
    actions.map((a) => a.title),
    [
      'Exclude Scheduled System Maintenance Task',
      'Exclude Admin Tool Execution',
      'Exclude Log Collection or Monitoring Tool',
      'Exclude Software Deployment via Group Policy',
    ],
  );
  for (const action of actions) {
    const edits = action.edit?.changes?.[kql.uri];
    assert.equal(edits?.length, 1);
    assert.match(edits![0]!.newText, /^\| where InitiatingProcessFileName !in~ \(.*\n$/);
  }
});

test('a picked process attackers run payloads through is refused, with the reason', () => {
  const hunt = hunts.find((h) => h.table === 'DeviceNetworkEvents')!.query;
  const text = `${hunt}\n// WS-FIN-07 powershell.exe 10.20.30.40 | WS-FIN-08 veeamagent.exe`;
  const doc = TextDocument.create('untitled:Picked-1', 'kql', 1, text);
  const titlesAt = (needle: string, disabledSupport = true) => {
    const position = doc.positionAt(text.lastIndexOf(needle) + 1);
    return exclusionActions(doc, { start: position, end: position }, context(disabledSupport))
      .filter((a) => a.title.startsWith('Exclude process'))
      .map((a) => [a.title, a.disabled?.reason, a.edit === undefined]);
  };
  assert.deepEqual(titlesAt('powershell.exe'), [
    [
      'Exclude process powershell.exe from this hunt',
      'kql-hunt never excludes it: attackers run payloads through it.',
      true,
    ],
  ]);
  assert.deepEqual(titlesAt('powershell.exe', false), []);
  assert.deepEqual(titlesAt('veeamagent.exe'), [
    ['Exclude process veeamagent.exe from this hunt', undefined, false],
  ]);
});

test('the DnsEvents hunt explains why no scenario applies', () => {
  const actions = exclusionActions(kql, at('DnsEvents\n'), context());
  assert.equal(actions.length, 1);
  assert.match(actions[0]!.disabled?.reason ?? '', /DnsEvents records .*DeviceNetworkEvents/);
  assert.deepEqual(exclusionActions(kql, at('DnsEvents\n'), context(false)), []);
  const notes = kqlExclusionDiagnostics(kql, 'sentinel', () => 5);
  assert.equal(notes.length, 1);
  assert.equal(notes[0]!.range.start.line, kql.positionAt(kqlText.indexOf('DnsEvents\n')).line);
  assert.match(String(notes[0]!.message), /None of the report's 5 false-positive scenarios/);
});

test('a hunt citing a report that is not open takes scenarios from its own suggestions', () => {
  const suggested = huntReport(reportText, { generated: '2026-12-04', exclusions: 'suggested' })
    .hunts.find((h) => h.table === 'DeviceNetworkEvents')!
    .query.replace('// Report: ', '// Report: another-report.md');
  const alone = new ScenarioSources(() => []);
  const exclusions = alone.exclusionsFor('untitled:x', suggested, catalogue);
  assert.equal(exclusions.length, 4);
  assert.equal(exclusions[3]?.label, 'Software Deployment via Group Policy');
});

test('a value in a pasted result row gets its own quick fix', () => {
  const text = `${hunts[1]!.query}\n// 2026-04-21 WS-FIN-07 rundll32.exe`;
  const doc = TextDocument.create('untitled:Hunts-2', 'kql', 1, text);
  const position = doc.positionAt(text.indexOf('rundll32') + 3);
  const titles = exclusionActions(doc, { start: position, end: position }, context()).map(
    (a) => a.title,
  );
  assert.ok(titles.includes('Exclude process rundll32.exe from this hunt'), titles.join('\n'));
});

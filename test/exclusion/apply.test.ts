import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  applyEdits,
  exclusionEdits,
  huntLayout,
  scenarioExclusionsFor,
  whyNoExclusions,
} from '../../core/exclusion/index.js';
import { huntReport } from '../../core/hunt/generate.js';
import { createKustoService } from '../../core/kusto/index.js';
import { readReport } from '../../core/report/readReport.js';

const text = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const report = readReport(text);
/** The DeviceNetworkEvents hunt exactly as the example report writes it. */
const reportHunt = text.slice(
  text.indexOf('// Hunt in Defender'),
  text.indexOf('| order by Timestamp desc') + '| order by Timestamp desc'.length,
);
const services = {
  sentinel: createKustoService({ platform: 'sentinel' }),
  defender: createKustoService({ platform: 'defender' }),
};
const exclusions = scenarioExclusionsFor(report.scenarios, 'DeviceNetworkEvents');

test('the report hunt on DeviceNetworkEvents offers the four scenarios with exclusion advice', () => {
  // The fifth scenario's Filter/Exclusion line is cut short: it excludes nothing.
  assert.deepEqual(
    exclusions.map((e) => e.label),
    report.scenarios.slice(0, 4).map((s) => s.title),
  );
  assert.equal(exclusions.length, 4);
});

for (const [platform, service] of Object.entries(services)) {
  test(`each of the four quick fixes adds one line before project, valid in ${platform}`, () => {
    for (const exclusion of exclusions) {
      const edits = exclusionEdits(reportHunt, exclusion);
      assert.equal(edits?.length, 1);
      const after = applyEdits(reportHunt, edits!);
      const lines = after.split('\n');
      const project = lines.findIndex((l) => l.startsWith('| project'));
      assert.match(lines[project - 1] ?? '', /^\| where InitiatingProcessFileName !in~ \(/);
      assert.match(lines[project - 2] ?? '', /^\| where RemoteIP in/, 'after the IOC filter');
      assert.equal(lines.length, reportHunt.split('\n').length + 1);
      assert.deepEqual(service.diagnoseQuery(after), [], after);
    }
  });
}

test('applying a scenario twice changes nothing the second time', () => {
  const once = applyEdits(reportHunt, exclusionEdits(reportHunt, exclusions[1]!)!);
  assert.equal(exclusionEdits(once, exclusions[1]!), undefined);
});

test('a second scenario merges into the existing exclusion line instead of stacking', () => {
  let query = reportHunt;
  for (const exclusion of exclusions) query = applyEdits(query, exclusionEdits(query, exclusion)!);
  const lines = query.split('\n').filter((l) => l.startsWith('| where Initiating'));
  assert.equal(lines.length, 1);
  const line = lines[0]!;
  assert.equal((line.match(/"psexec\.exe"/g) ?? []).length, 2, 'once per column, never twice');
  assert.match(line, / \/\/ FP: Scheduled System Maintenance Task; Admin Tool Execution; /);
  for (const exclusion of exclusions) assert.equal(exclusionEdits(query, exclusion), undefined);
  assert.deepEqual(services.defender.diagnoseQuery(query), []);
});

test('on a suggested hunt the quick fix turns its commented line into a live one', () => {
  const { hunts } = huntReport(text, { exclusions: 'suggested', generated: '2026-12-04' });
  const hunt = hunts.find((h) => h.table === 'DeviceNetworkEvents')!.query;
  const edits = exclusionEdits(hunt, exclusions[2]!)!;
  const after = applyEdits(hunt, edits);
  assert.equal(after.split('\n').length, hunt.split('\n').length);
  assert.match(
    after,
    /\n\| where InitiatingProcessFileName !in~ \("splunkd\.exe".* \/\/ FP: Log Collection/,
  );
  assert.doesNotMatch(after, /\/\/ \| where .*FP: Log Collection/);
  // The next one merges into that live line and drops its own suggestion.
  const merged = applyEdits(after, exclusionEdits(after, exclusions[3]!)!);
  assert.equal(merged.split('\n').length, hunt.split('\n').length - 1);
  assert.deepEqual(services.sentinel.diagnoseQuery(merged), []);
});

test('one-line queries and queries without project get a line of their own', () => {
  const oneLine = 'DeviceNetworkEvents | where RemoteIP == "172.245.4.229" | project DeviceName';
  const after = applyEdits(oneLine, exclusionEdits(oneLine, exclusions[0]!)!);
  assert.deepEqual(services.sentinel.diagnoseQuery(after), [], after);
  assert.match(after, /\n\| where InitiatingProcessFileName .*\n\| project DeviceName$/);
  const noProject = 'DeviceNetworkEvents\n| where RemoteIP == "172.245.4.229"\n';
  const appended = applyEdits(noProject, exclusionEdits(noProject, exclusions[0]!)!);
  assert.match(appended, /"172\.245\.4\.229"\n\| where InitiatingProcessFileName/);
  assert.deepEqual(services.sentinel.diagnoseQuery(appended), []);
});

test('pipes, brackets and comments inside literals do not move the insertion point', () => {
  const query = [
    'let odd = dynamic(["| project x", "(", "// not a comment"]);',
    'DeviceNetworkEvents // | project fake',
    '| where RemoteUrl has_any (odd) and RemoteUrl != "| summarize"',
    '    | project DeviceName',
  ].join('\n');
  const layout = huntLayout(query);
  assert.equal(layout.table, 'DeviceNetworkEvents');
  assert.equal(query.slice(layout.insertAt).trimStart().slice(0, 9), '| project');
  assert.equal(layout.indent, '    ');
});

test('queries that start with union or a variable take no exclusion', () => {
  assert.equal(
    exclusionEdits('union DeviceNetworkEvents, DeviceFileEvents', exclusions[0]!),
    undefined,
  );
  assert.equal(huntLayout('print 1').table, undefined);
});

test('DnsEvents: no scenario applies, and the reason points to DeviceNetworkEvents', () => {
  assert.deepEqual(scenarioExclusionsFor(report.scenarios, 'DnsEvents'), []);
  assert.match(whyNoExclusions('DnsEvents')!, /process.*DeviceNetworkEvents/);
});

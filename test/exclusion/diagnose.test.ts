import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { huntExclusionProblems, scenarioProblems } from '../../core/exclusion/index.js';
import { huntReport } from '../../core/hunt/generate.js';
import { createKustoService } from '../../core/kusto/index.js';
import { readReport } from '../../core/report/readReport.js';

const text = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const report = readReport(text);
const service = createKustoService({ platform: 'sentinel' });
const columnsOf = (table: string) => service.columnsOf(table)?.map((c) => c.name);

test('the example report: every scenario fits DeviceNetworkEvents; only wuauclt.exe is refused', () => {
  const problems = scenarioProblems(report.scenarios, [
    'CommonSecurityLog',
    'DeviceNetworkEvents',
    'DnsEvents',
  ]);
  assert.deepEqual(
    problems.map((p) => [p.code, p.start]),
    [['scenario-refused', report.scenarios[0]!.span.start]],
  );
  assert.match(
    problems[0]!.message,
    /never excludes: wuauclt\.exe \(attackers run payloads through it\)$/,
  );
});

test('hunting only DnsEvents, each scenario is flagged on its own line with the reason', () => {
  const problems = scenarioProblems(report.scenarios, ['DnsEvents']).filter(
    (p) => p.code !== 'scenario-refused',
  );
  // The fifth scenario, without a Filter/Exclusion line, excludes nothing anywhere: the report
  // reader's scenario-incomplete is all there is to say about it.
  assert.equal(problems.length, 4);
  for (const [i, problem] of problems.entries()) {
    assert.equal(problem.code, 'scenario-inapplicable');
    assert.equal(problem.start, report.scenarios[i]!.span.start);
    assert.match(problem.message, /DnsEvents records .* hunt DeviceNetworkEvents/);
  }
  assert.deepEqual(scenarioProblems(report.scenarios, []), [], 'no hunt, nothing to say');
});

test('an exclusion on a column the table lacks is flagged on that column', () => {
  const query = [
    'DnsEvents',
    '| where Name has "x"',
    '| where InitiatingProcessFileName !in~ ("splunkd.exe") and Computer !in~ ("dc01") // FP: pasted',
    '| project Name',
  ].join('\n');
  const problems = huntExclusionProblems(query, columnsOf);
  assert.equal(problems.length, 1);
  const [problem] = problems;
  assert.equal(query.slice(problem!.start, problem!.end), 'InitiatingProcessFileName');
  assert.match(
    problem!.message,
    /DnsEvents has no column InitiatingProcessFileName.*DeviceNetworkEvents/,
  );
});

test('exclusions on real columns, and unknown tables, are not flagged', () => {
  const query =
    'DeviceNetworkEvents\n| where InitiatingProcessFileName !in~ ("a.exe") // FP: x\n| project DeviceName';
  assert.deepEqual(huntExclusionProblems(query, columnsOf), []);
  assert.deepEqual(huntExclusionProblems('Custom_CL\n| where Foo !in~ ("a")', columnsOf), []);
});

test('a column the query makes itself, or after a join, is not flagged (corpus shapes)', () => {
  const made = [
    'SigninLogs',
    '| summarize ResultSet = make_set(ResultType) by AppDisplayName',
    '| where not(ResultSet has_any ("success", "failure"))',
  ].join('\n');
  assert.deepEqual(huntExclusionProblems(made, columnsOf), []);
  const joined = [
    'DnsEvents',
    '| join kind=inner (DeviceNetworkEvents) on $left.ClientIP == $right.LocalIP',
    '| where InitiatingProcessFileName !in~ ("a.exe")',
  ].join('\n');
  assert.deepEqual(huntExclusionProblems(joined, columnsOf), []);
});

// The example's fifth scenario has no Filter/Exclusion line (it is cut short). The report says
// so; no hunt may then exclude what its description names, in any mode.
test('a scenario reported as lacking its Filter/Exclusion line excludes nothing', () => {
  const av = report.scenarios[4]!;
  assert.equal(av.exclusion, undefined);
  const incomplete = report.problems.filter((p) => p.code === 'scenario-incomplete');
  assert.deepEqual(
    incomplete.map((p) => p.span.start),
    [av.span.start],
  );
  assert.match(incomplete[0]!.message, /has no Filter\/Exclusion line/);
  const tables = ['CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents'];
  assert.deepEqual(
    scenarioProblems(report.scenarios, tables).filter((p) => p.start === av.span.start),
    [],
    'nothing that contradicts scenario-incomplete',
  );
  for (const mode of ['suggested', 'applied'] as const) {
    for (const platform of ['sentinel', 'defender'] as const) {
      const { hunts } = huntReport(text, { exclusions: mode, platform, generated: '2026-12-04' });
      for (const hunt of hunts) {
        assert.doesNotMatch(
          hunt.query,
          /Antivirus|msmpeng|avp\.exe|bdagent/,
          `${mode} ${hunt.table}`,
        );
      }
      assert.ok(
        hunts.some((h) => h.query.includes('FP: Admin Tool Execution')),
        'others stay',
      );
    }
  }
});

test('a scenario whose Filter/Exclusion line is empty is skipped, and says so', () => {
  const span = { start: 0, end: 0, line: 1 };
  const problems = scenarioProblems(
    [{ title: 'AV', description: 'Kaspersky scans may match.', exclusion: '', span }],
    ['DeviceNetworkEvents'],
  );
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity]),
    [['scenario-unresolved', 'info']],
  );
  assert.match(problems[0]!.message, /"AV" is skipped: its Filter\/Exclusion line is empty/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  exclusionCatalogue,
  isEmptyExclusion,
  readUserTools,
  scenarioExclusion,
} from '../../core/exclusion/index.js';
import { mentions } from '../../core/exclusion/catalogue.js';
import { readReport } from '../../core/report/readReport.js';

const example = readReport(readFileSync('examples/remcos-threatfox-report.md', 'utf8'));
const span = { start: 0, end: 0, line: 1 };

test('the example report: each scenario names the binaries the issue lists', () => {
  const [maintenance, admin, logs, gpo, av] = example.scenarios.map((s) => scenarioExclusion(s));
  assert.ok(maintenance && admin && logs && gpo && av);
  // wuauclt.exe is a binary attackers proxy payloads through: named, but never excluded.
  assert.deepEqual(maintenance.values.process, ['schtasks.exe', 'dism.exe']);
  assert.deepEqual(maintenance.refused, [{ value: 'wuauclt.exe', reason: 'payload-host' }]);
  // "processes initiated by schtasks.exe": schtasks is the parent of what gets excluded.
  assert.deepEqual(maintenance.values.parent, ['schtasks.exe']);
  assert.deepEqual(maintenance.values.signer, ['Microsoft Corporation']);
  for (const name of ['psexec.exe', 'psexec64.exe']) {
    assert.ok(admin.values.process.includes(name), name);
    assert.ok(admin.values.parent.includes(name), `${name} as parent ("launched by PsExec")`);
  }
  // PsExec's service on the target: what it launches is what an operator ran remotely.
  assert.ok(!admin.values.process.includes('psexesvc.exe'));
  assert.ok(!admin.values.parent.includes('psexesvc.exe'));
  assert.deepEqual(logs.tools, ['Splunk', 'Elastic Stack', 'Graylog']);
  assert.ok(logs.values.process.includes('splunkd.exe'));
  assert.ok(logs.values.process.includes('winlogbeat.exe'));
  assert.deepEqual(gpo.values.parent, ['gpupdate.exe', 'gpresult.exe']);
  // The fifth scenario's Filter line is cut short, and the report reader says so: its
  // description names products, but says what may match, not what to exclude.
  assert.equal(example.scenarios[4]?.exclusion, undefined);
  assert.ok(example.problems.some((p) => p.code === 'scenario-incomplete'));
  assert.ok(isEmptyExclusion(av));
  assert.deepEqual(av.tools, []);
  assert.deepEqual(av.refused, []);
});

test('a scenario without Filter/Exclusion advice excludes nothing its description names', () => {
  const description =
    'A legitimate endpoint protection tool such as Kaspersky or Bitdefender may match, as may C:\\Tools\\scan.exe.';
  for (const exclusion of [undefined, '', '  ']) {
    const e = scenarioExclusion({
      title: 'AV scan',
      description,
      ...(exclusion === undefined ? {} : { exclusion }),
      span,
    });
    assert.ok(isEmptyExclusion(e), JSON.stringify(exclusion));
  }
  // With advice, the description still says which products "the AV tools" are.
  const advised = scenarioExclusion({
    title: 'AV scan',
    description,
    exclusion: 'Exclude the AV tools.',
    span,
  });
  assert.deepEqual(advised.tools, ['Kaspersky', 'Bitdefender']);
  assert.deepEqual(advised.files, ['C:\\Tools\\scan.exe']);
});

test('process names are lower-cased and deduplicated across spellings', () => {
  const e = scenarioExclusion({
    title: 'Imaging',
    exclusion: 'Exclude DISM.exe, dism.exe and Dism.EXE.',
    span,
  });
  assert.deepEqual(e.values.process, ['dism.exe']);
});

test('folders keep their spaces up to the trailing backslash; a file path stays whole', () => {
  const e = scenarioExclusion({
    title: 'Backups',
    exclusion:
      'Drop rows from C:\\Program Files\\Veeam\\Backup and Replication\\ and C:\\Tools\\agent\\run.exe.',
    span,
  });
  assert.deepEqual(e.values.path, ['C:\\Program Files\\Veeam\\Backup and Replication\\']);
  assert.deepEqual(e.files, ['C:\\Tools\\agent\\run.exe']);
  // A product name inside a path is part of the folder, not a mention of the product; and a
  // file given by path is not excluded by bare name from every folder.
  assert.deepEqual(e.values.process, []);
});

test('"signed by" names publishers, not the tools of the same name', () => {
  const e = scenarioExclusion({
    title: 'Updaters',
    description: 'Binaries signed by Splunk or Contoso Ltd. phone home.',
    exclusion: 'Exclude them.',
    span,
  });
  assert.deepEqual(e.values.signer, ['Splunk Inc.', 'Contoso Ltd.']);
  assert.deepEqual(e.values.process, []);
});

test('a scenario naming nothing excludable is empty', () => {
  const e = scenarioExclusion({ title: 'Red team', exclusion: 'Ask before excluding.', span });
  assert.ok(isEmptyExclusion(e));
});

test('acronym aliases match only in capitals; other aliases in any case', () => {
  assert.equal(mentions('Seen on Sep 12 and sep 13', 'SEP').length, 0);
  assert.equal(mentions('managed by SEP', 'SEP').length, 1);
  assert.equal(mentions('a KASPERSKY scan', 'Kaspersky').length, 1);
  assert.equal(mentions('splunkd.exe', 'Splunk').length, 0, 'part of a file name');
});

test('user tools extend the catalogue and replace a built-in entry of the same name', () => {
  const catalogue = exclusionCatalogue({ Splunk: ['oursplunk.exe'], 'Acme Agent': ['acme.exe'] });
  const e = scenarioExclusion(
    {
      title: 'Collectors',
      description: 'Splunk and the Acme Agent read logs.',
      exclusion: 'Exclude the collectors.',
      span,
    },
    catalogue,
  );
  assert.deepEqual(e.values.process, ['oursplunk.exe', 'acme.exe']);
});

test('user tools from untrusted JSON: good entries kept, bad ones described', () => {
  const { tools, problems } = readUserTools({
    Good: ['good.exe', 'Helper.EXE'],
    'Half good': ['ok.exe', 'C:\\bad\\path.exe'],
    Bad: 42,
    '': ['x.exe'],
  });
  assert.deepEqual(tools, { Good: ['good.exe', 'Helper.EXE'], 'Half good': ['ok.exe'] });
  assert.equal(problems.length, 3);
  assert.deepEqual(readUserTools('nonsense').tools, {});
  assert.equal(readUserTools(undefined).problems.length, 0);
});

test('living-off-the-land binaries, broad folders and negated advice never become exclusions', () => {
  const read = scenarioExclusion({
    title: 'Noisy',
    exclusion:
      'Exclude rundll32.exe, svchost.exe and acmeagent.exe, and anything in C:\\ or C:\\Users. Do not exclude badtool.exe.',
    span,
  });
  assert.deepEqual(read.values.process, ['acmeagent.exe']);
  assert.deepEqual(read.values.path, []);
  assert.deepEqual(
    read.refused.map((r) => r.value).sort(),
    ['C:\\', 'C:\\Users', 'rundll32.exe', 'svchost.exe'].sort(),
  );
});

// An analyst's review of the catalogue: naming a product must not exclude its binaries that
// attackers use, nor what its remote-execution service starts.
test('products resolve without their abusable binaries, which are refused when named', () => {
  const product = (exclusion: string) => scenarioExclusion({ title: 'P', exclusion, span });
  const psexec = product('Exclude processes launched by PsExec or PSTools.');
  assert.deepEqual(psexec.tools, ['PsExec', 'Sysinternals PsTools']);
  assert.ok(psexec.values.parent.includes('psexec.exe'));
  assert.ok(!psexec.values.parent.includes('psexesvc.exe'), 'children of PsExec service');
  const tasks = product('Exclude processes started by Task Scheduler.');
  assert.deepEqual(tasks.values.parent, ['schtasks.exe'], 'not taskhostw.exe, the task host');
  assert.deepEqual(tasks.values.process, []);
  const defender = product('Exclude Microsoft Defender and Windows Update.');
  assert.ok(defender.values.process.includes('msmpeng.exe'));
  for (const name of ['mpcmdrun.exe', 'wuauclt.exe']) {
    assert.ok(!defender.values.process.includes(name), name);
  }
  assert.deepEqual(defender.refused, [], 'the scenario did not name them');
  // Named by the report itself, they are refused with the reason.
  const named = product(
    'Exclude processes initiated by taskhostw.exe, MpCmdRun.exe and C:\\Program Files\\Windows Defender\\MpCmdRun.exe.',
  );
  assert.deepEqual(named.values.parent, []);
  assert.deepEqual(named.files, []);
  assert.deepEqual(
    named.refused.map((r) => [r.value, r.reason]),
    [
      ['C:\\Program Files\\Windows Defender\\MpCmdRun.exe', 'payload-host'],
      ['taskhostw.exe', 'payload-host'],
      ['mpcmdrun.exe', 'payload-host'],
    ],
  );
  const folder = product('Exclude processes running from C:\\Program Files\\Windows Defender\\');
  assert.deepEqual(folder.values.path, []);
  assert.deepEqual(folder.refused[0]?.hides, ['mpcmdrun.exe']);
});

// A hostile report can ask to exclude the folder its own malware runs from: these scenarios must
// be refused and reported, and the folder exclusions kql-hunt does write must be anchored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEdits,
  conditionsFor,
  exclusionEdits,
  readExclusionLine,
  renderExclusionLine,
  scenarioExclusion,
  scenarioProblems,
} from '../../core/exclusion/index.js';
import { fileRefusal, folderRefusal } from '../../core/exclusion/refusal.js';
import { createKustoService } from '../../core/kusto/index.js';

const span = { start: 0, end: 0, line: 1 };
const TABLE = 'DeviceProcessEvents';
const services = {
  sentinel: createKustoService({ platform: 'sentinel' }),
  defender: createKustoService({ platform: 'defender' }),
};
const read = (exclusion: string) => scenarioExclusion({ title: 'T', exclusion, span });
const problems = (exclusion: string) =>
  scenarioProblems([{ title: 'T', exclusion, span }], [TABLE]).map((p) => [p.code, p.message]);

test('a scenario naming only staging places and a LOLBin excludes nothing, and says why', () => {
  const e = read(
    'Exclude processes launched from %TEMP%\\updater\\ or C:\\Users\\Public\\tool.exe or powershell.exe',
  );
  assert.deepEqual(conditionsFor(e, TABLE), []);
  assert.deepEqual(e.refused, [
    { value: '%TEMP%\\updater\\', reason: 'writable-folder' },
    { value: 'C:\\Users\\Public\\tool.exe', reason: 'writable-folder' },
    { value: 'powershell.exe', reason: 'payload-host' },
  ]);
  const found = problems(
    'Exclude processes launched from %TEMP%\\updater\\ or C:\\Users\\Public\\tool.exe or powershell.exe',
  );
  // Only the refusal: "names nothing kql-hunt knows" would contradict it.
  assert.deepEqual(
    found.map(([code]) => code),
    ['scenario-refused'],
  );
  assert.match(found[0]![1]!, /%TEMP%\\updater\\ \(any user can write there/);
  assert.match(found[0]![1]!, /C:\\Users\\Public\\tool\.exe \(any user can write there/);
});

test('user-writable folders, drive roots and variables are refused wherever they are named', () => {
  for (const folder of [
    'C:\\Windows\\Tasks\\',
    'c:\\windows\\system32\\tasks\\Microsoft\\',
    'C:\\Windows\\Tracing\\',
    'C:\\Windows\\Temp\\',
    'C:\\Users\\Public\\',
    'C:\\Users\\alice\\AppData\\Roaming\\Vendor\\',
    'C:\\ProgramData\\Updater\\',
    'C:\\PerfLogs\\',
    'C:\\$Recycle.Bin\\',
    'C:\\Recycler\\',
    'C:\\Temp\\',
    'E:\\Builds\\AppData\\x\\',
    '%APPDATA%\\Vendor\\',
    '%LocalAppData%\\Vendor\\',
    '%PUBLIC%\\',
    '%USERPROFILE%\\Downloads\\',
    '%TMP%\\',
  ]) {
    const e = read(`Exclude processes running from ${folder} during updates.`);
    assert.deepEqual(e.values.path, [], folder);
    assert.deepEqual(
      e.refused.map((r) => r.reason),
      ['writable-folder'],
      folder,
    );
  }
  for (const root of ['D:\\', 'C:\\', 'z:\\']) {
    const e = read(`Exclude processes running from ${root} during updates.`);
    assert.deepEqual(e.values.path, [], root);
    assert.deepEqual(e.refused, [{ value: root, reason: 'drive-root' }]);
  }
  assert.equal(folderRefusal('D:'), 'drive-root');
  assert.equal(folderRefusal('%ProgramFiles%\\Veeam'), 'variable');
  assert.equal(folderRefusal('C:\\Program Files\\..\\Users\\Public'), 'relative-path');
  assert.equal(folderRefusal('D:\\Program Files'), 'broad-folder', 'any drive letter');
  assert.equal(folderRefusal('C:\\Program Files\\Veeam'), undefined);
  assert.equal(folderRefusal('C:\\Windows\\Tasksched'), undefined, 'a prefix, not a segment');
});

test('a file given by full path is excluded at that path only, or refused with its folder', () => {
  const e = read('Exclude C:\\Tools\\agent\\run.exe and C:\\Users\\Public\\tool.exe.');
  assert.deepEqual(e.values.process, []);
  assert.deepEqual(e.files, ['C:\\Tools\\agent\\run.exe']);
  assert.deepEqual(e.refused, [
    { value: 'C:\\Users\\Public\\tool.exe', reason: 'writable-folder' },
  ]);
  assert.equal(
    renderExclusionLine(conditionsFor(e, TABLE), []),
    '| where InitiatingProcessFolderPath !in~ ("C:\\\\Tools\\\\agent\\\\run.exe")',
  );
  // A table without a folder column does not fall back to the bare name.
  assert.deepEqual(conditionsFor(e, 'CommonSecurityLog'), []);
  assert.equal(fileRefusal('C:\\Windows\\System32', 'vendor.exe'), undefined);
  assert.equal(fileRefusal('C:\\Windows\\System32', 'rundll32.exe'), 'payload-host');
});

test('folder exclusions are anchored at the start and end at a path boundary', () => {
  const e = read(
    'Exclude processes running from C:\\Program Files\\Veeam\\ or C:\\Program Files (x86)\\Acme\\ during backups.',
  );
  assert.deepEqual(e.values.path, [
    'C:\\Program Files\\Veeam\\',
    'C:\\Program Files (x86)\\Acme\\',
  ]);
  const line = renderExclusionLine(conditionsFor(e, TABLE), ['Backups']);
  assert.equal(
    line,
    '| where not(InitiatingProcessFolderPath startswith "C:\\\\Program Files\\\\Veeam\\\\" or InitiatingProcessFolderPath startswith "C:\\\\Program Files (x86)\\\\Acme\\\\") // FP: Backups',
  );
  assert.doesNotMatch(line, /has_any/);
  assert.deepEqual(readExclusionLine(line)?.conditions[0]?.values, e.values.path);
  for (const [platform, service] of Object.entries(services)) {
    const query: string = `${TABLE}\n${line}\n| project DeviceName`;
    assert.deepEqual(service.diagnoseQuery(query), [], platform);
  }
});

test('an anchored folder exclusion merges into an older has_any line and is idempotent', () => {
  const e = read('Exclude processes running from C:\\Program Files\\Veeam\\ during backups.');
  const exclusion = { label: 'Backups', conditions: conditionsFor(e, TABLE) };
  const older = [
    TABLE,
    '| where not(InitiatingProcessFolderPath has_any ("C:\\\\Tools")) // FP: Older',
    '| project DeviceName',
  ].join('\n');
  const once = applyEdits(older, exclusionEdits(older, exclusion)!);
  assert.match(
    once,
    /\| where not\(InitiatingProcessFolderPath has_any \("C:\\\\Tools"\)\) and not\(InitiatingProcessFolderPath startswith "C:\\\\Program Files\\\\Veeam\\\\"\) \/\/ FP: Older; Backups\n/,
  );
  assert.equal(exclusionEdits(once, exclusion), undefined, 'second application');
  const other = read('Exclude processes running from D:\\Apps\\Acme\\ during backups.');
  const twice = applyEdits(
    once,
    exclusionEdits(once, { label: 'Acme', conditions: conditionsFor(other, TABLE) })!,
  );
  assert.match(
    twice,
    /startswith "C:\\\\Program Files\\\\Veeam\\\\" or InitiatingProcessFolderPath startswith "D:\\\\Apps\\\\Acme\\\\"\)/,
  );
  for (const service of Object.values(services)) assert.deepEqual(service.diagnoseQuery(twice), []);
});

test('a negated scenario is reported as skipped, not as naming nothing', () => {
  const e = read('Do not exclude processes initiated by rundll32.exe');
  assert.equal(e.negated, true);
  assert.deepEqual(e.refused, [], 'a value the scenario says not to exclude is not "refused"');
  const found = problems('Do not exclude processes initiated by rundll32.exe');
  assert.equal(found.length, 1);
  assert.equal(found[0]![0], 'scenario-unresolved');
  assert.match(found[0]![1]!, /is skipped: it says what not to exclude/);
  assert.doesNotMatch(found[0]![1]!, /names no process/);
});

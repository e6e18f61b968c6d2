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
import { fileRefusal, folderRefusal, folderRefusalOf } from '../../core/exclusion/refusal.js';
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
  assert.equal(
    folderRefusal('D:\\Program Files\\Common Files'),
    'broad-folder',
    'any drive letter',
  );
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

// A folder exclusion hides every binary in the folder and below it: excluding the folder that
// holds powershell.exe or msbuild.exe would get round the refusal of those binaries by name.
test('a folder that holds a never-excluded binary is refused, naming what it would hide', () => {
  const powershell =
    'Exclude processes initiated by `C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\`';
  const dotnet =
    'Exclude processes initiated by C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\';
  const e = read(powershell);
  assert.deepEqual(conditionsFor(e, TABLE), []);
  assert.deepEqual(e.refused, [
    {
      value: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\',
      reason: 'payload-folder',
      hides: ['powershell.exe', 'powershell_ise.exe'],
    },
  ]);
  const [[code, message]] = problems(powershell) as [[string, string]];
  assert.equal(code, 'scenario-refused');
  assert.match(
    message,
    /C:\\Windows\\System32\\WindowsPowerShell\\v1\.0\\ \(it holds powershell\.exe and powershell_ise\.exe, which attackers run payloads through; exclude a file there by its full path instead\)$/,
  );
  const net = read(dotnet);
  assert.deepEqual(conditionsFor(net, TABLE), []);
  assert.deepEqual(net.refused[0]?.hides, [
    'msbuild.exe',
    'installutil.exe',
    'regasm.exe',
    'regsvcs.exe',
    'csc.exe',
  ]);
  const [[, many]] = problems('Exclude processes running from C:\\Windows\\') as [[string, string]];
  assert.match(
    many,
    /C:\\Windows\\ \(it holds svchost\.exe, rundll32\.exe, regsvr32\.exe, powershell\.exe, powershell_ise\.exe and \d+ more, /,
  );
});

test('every spelling of a payload folder and of its parents is refused', () => {
  const cases: [string, string][] = [
    // The folder itself, in any case, on any drive, with or without its trailing backslash.
    ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0', 'powershell.exe'],
    ['c:\\windows\\system32\\windowspowershell\\v1.0\\', 'powershell.exe'],
    ['D:\\WINDOWS\\SysWOW64\\WindowsPowerShell\\V1.0\\', 'powershell.exe'],
    ['C:/Windows/System32/WindowsPowerShell/v1.0/', 'powershell.exe'],
    ['C:\\Windows\\\\System32//WindowsPowerShell\\v1.0\\', 'powershell.exe'],
    // Windows drops the dots and spaces that end a folder name; Sysnative is System32.
    ['C:\\Windows\\System32.\\WindowsPowerShell\\v1.0. \\', 'powershell.exe'],
    ['C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\', 'powershell.exe'],
    ['C:\\Windows\\System32\\wbem\\', 'wmic.exe'],
    ['C:\\Windows\\SysWOW64\\wbem', 'wmiprvse.exe'],
    // Every .NET Framework folder and version.
    ['C:\\Windows\\Microsoft.NET\\Framework\\v2.0.50727\\', 'regasm.exe'],
    ['C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319', 'installutil.exe'],
    ['C:\\Windows\\Microsoft.NET\\FrameworkArm64\\v4.0.30319\\', 'csc.exe'],
    // Parents of those folders hide them too.
    ['C:\\Windows\\System32\\WindowsPowerShell\\', 'powershell.exe'],
    ['C:\\Windows\\Microsoft.NET\\Framework64\\', 'msbuild.exe'],
    ['C:\\Windows\\Microsoft.NET\\', 'msbuild.exe'],
    ['C:\\Windows\\System32\\', 'rundll32.exe'],
    ['C:\\Windows\\SysWOW64\\', 'powershell.exe'],
    ['C:\\Windows\\', 'explorer.exe'],
    ['C:\\Windows\\', 'csc.exe'],
    // Side-by-side copies of the system binaries.
    ['C:\\Windows\\WinSxS\\', 'powershell.exe'],
    [
      'C:\\Windows\\WinSxS\\amd64_microsoft-windows-powershell-exe_31bf3856ad364e35_10.0.19041.1_none_1\\',
      'powershell.exe',
    ],
    // Outside the Windows folder: PowerShell 7 and the MSBuild that ships with Visual Studio.
    ['C:\\Program Files\\PowerShell\\7\\', 'pwsh.exe'],
    ['C:\\Program Files\\PowerShell\\', 'pwsh.exe'],
    ['C:\\Program Files\\', 'pwsh.exe'],
    [
      'C:\\Program Files\\Microsoft Visual Studio\\2022\\Enterprise\\MSBuild\\Current\\Bin\\amd64\\',
      'msbuild.exe',
    ],
    [
      'C:\\Program Files (x86)\\Microsoft Visual Studio\\2019\\BuildTools\\MSBuild\\Current\\Bin\\Roslyn\\',
      'csc.exe',
    ],
    ['C:\\Program Files (x86)\\Microsoft Visual Studio\\', 'msbuild.exe'],
    ['C:\\Program Files (x86)\\MSBuild\\14.0\\Bin\\', 'csc.exe'],
    // System variables are expanded to say what the folder would hide.
    ['%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\', 'powershell.exe'],
    ['%windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\', 'msbuild.exe'],
    ['%WINDIR%', 'cmd.exe'],
    ['%SystemDrive%\\Windows\\SysWOW64\\wbem\\', 'wmic.exe'],
    ['%ProgramFiles%\\PowerShell\\7\\', 'pwsh.exe'],
  ];
  for (const [folder, hidden] of cases) {
    const refusal = folderRefusalOf(folder);
    assert.equal(refusal?.reason, 'payload-folder', folder);
    assert.ok(refusal?.hides?.includes(hidden), `${folder} hides ${hidden}`);
    // Read from a scenario, too: nothing reaches the hunt.
    const e = read(`Exclude processes initiated by ${folder}, during maintenance.`);
    assert.deepEqual(e.values.path, [], folder);
    assert.equal(e.refused[0]?.reason, 'payload-folder', folder);
  }
});

test('dot segments and 8.3 short names cannot smuggle a payload folder in', () => {
  const cases: [string, string[]][] = [
    [
      'relative-path',
      [
        'C:\\Program Files\\Veeam\\..\\..\\Windows\\System32\\WindowsPowerShell\\v1.0\\',
        'C:\\Windows\\.\\System32\\',
        'C:\\Windows\\...\\System32\\',
        '%SystemRoot%\\..\\Windows\\System32\\',
      ],
    ],
    [
      'short-name',
      [
        'C:\\Windows\\System32\\WINDOW~1\\v1.0\\',
        'C:\\Windows\\MICROS~1.NET\\',
        'C:\\PROGRA~1\\PowerShell\\7\\',
        'C:\\PROGRA~2\\Acme\\',
      ],
    ],
  ];
  for (const [reason, folders] of cases) {
    for (const folder of folders) {
      assert.equal(folderRefusal(folder), reason, folder);
      assert.deepEqual(
        read(`Exclude processes running from ${folder} nightly.`).values.path,
        [],
        folder,
      );
    }
  }
  assert.equal(fileRefusal('C:\\Windows\\System32', 'CERTUT~1.EXE'), 'short-name');
  assert.equal(fileRefusal('C:\\PROGRA~1\\Acme', 'agent.exe'), 'short-name');
});

test('vendor folders next to the payload folders stay excludable', () => {
  for (const folder of [
    'C:\\Program Files\\Veeam\\',
    'C:\\Program Files (x86)\\Acme\\Agent\\',
    // The ConfigMgr client: admin-only, and none of its binaries is on the never list. The
    // powershell.exe it starts runs from System32 and stays in the hunt.
    'C:\\Windows\\CCM\\',
    // Names that only start like a payload folder.
    'C:\\Windows\\System32Tools\\',
    'C:\\Program Files\\PowerShellTools\\',
    'D:\\Apps\\Windows\\System32\\',
  ]) {
    assert.equal(folderRefusal(folder), undefined, folder);
    const e = read(`Exclude processes running from ${folder} nightly.`);
    assert.equal(e.values.path.length, 1, folder);
  }
  // One vendor file beside the payload binaries is narrow enough to exclude by its full path,
  // but never through a variable the hunted column does not hold.
  assert.equal(
    fileRefusal('C:\\Windows\\System32\\WindowsPowerShell\\v1.0', 'vendor.exe'),
    undefined,
  );
  assert.equal(
    fileRefusal('C:\\Windows\\System32\\WindowsPowerShell\\v1.0', 'PowerShell.exe'),
    'payload-host',
  );
  assert.equal(fileRefusal('%SystemRoot%\\System32', 'vendor.exe'), 'variable');
  assert.equal(folderRefusal('%ProgramFiles%\\Common Files'), 'variable');
});

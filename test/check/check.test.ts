// The `check` command's contract: text lines, the JSON shape, exit codes, workspace schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = join(process.cwd(), 'dist/cli.js');

async function check(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'check', ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('text output is file:line:col severity code message, exit 1 on errors', async () => {
  const dir = workspace({ 'a.kql': 'SigninLogs\n| where Nope == 1\n\nMyFeed_CL | take 1\n' });
  const { code, stdout } = await check(['a.kql'], dir);
  assert.equal(code, 1);
  const lines = stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^a\.kql:2:9 error KS142 The name 'Nope'/);
  assert.match(lines[1] ?? '', /^a\.kql:4:1 warning KS204 Unknown table 'MyFeed_CL'/);
});

test('json output has one entry per file, even with several queries', async () => {
  const dir = workspace({
    'a.kql': 'SigninLogs | take 1\n\nSecurityEvent | where EventID == 4624',
    'b.kql': 'DeviceNetworkEvents | where Timestamp > ago(1d)',
  });
  const { code, stdout } = await check(['--format', 'json', 'a.kql', 'b.kql'], dir);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), [
    { file: 'a.kql', diagnostics: [] },
    { file: 'b.kql', diagnostics: [] },
  ]);
});

test('the defender platform has no TimeGenerated on Defender tables', async () => {
  const dir = workspace({ 'a.kql': 'DeviceProcessEvents | where TimeGenerated > ago(1d)' });
  assert.equal((await check(['a.kql'], dir)).code, 0);
  assert.equal((await check(['--platform', 'defender', 'a.kql'], dir)).code, 1);
});

test('custom tables come from the workspace file', async () => {
  const dir = workspace({
    '.kql-hunt.yaml': 'tables:\n  MyFeed_CL: "(Indicator:string, TimeGenerated:datetime)"\n',
    'a.kql': 'MyFeed_CL | where Indicator == "x"\n\nMyFeed_CL | project Nope',
  });
  const { code, stdout } = await check(['--format', 'json', 'a.kql'], dir);
  assert.equal(code, 1);
  const [result] = JSON.parse(stdout) as { diagnostics: { line: number; code: string }[] }[];
  assert.deepEqual(
    result?.diagnostics.map((d) => [d.line, d.code]),
    [[3, 'KS142']],
  );
});

test('fenced KQL in markdown is checked at its place in the file', async () => {
  const dir = workspace({ 'r.md': '# Hunt\n\n```kql\nSigninLogs\n| where Nope == 1\n```\n' });
  const { stdout } = await check(['r.md'], dir);
  assert.match(stdout, /^r\.md:5:9 error KS142/);
});

test('a missing file is exit code 3', async () => {
  const dir = workspace({});
  assert.equal((await check(['missing.kql'], dir)).code, 3);
});

test('a directory includes the fenced KQL of its markdown files, not its dependencies', async () => {
  const dir = workspace({
    'hunts/a.kql': 'SigninLogs | take 1',
    'hunts/notes.md': '# Notes\n\n```kql\nSigninLogs\n| where Nope == 1\n```\n',
    'hunts/plain.markdown': '# No KQL here\n\n    SigninLogs | where Nope == 1\n',
    'node_modules/dep/README.md': '```kql\nSigninLogs | where Nope == 1\n```\n',
  });
  const { code, stdout } = await check(['--format', 'json', '.'], dir);
  assert.equal(code, 1);
  const results = JSON.parse(stdout) as { file: string; diagnostics: { line: number }[] }[];
  assert.deepEqual(
    results.map((r) => [r.file, r.diagnostics.map((d) => d.line)]),
    [
      [join('hunts', 'a.kql'), []],
      [join('hunts', 'notes.md'), [5]],
      [join('hunts', 'plain.markdown'), []],
    ],
  );
});

test('a workspace file that cannot be used is exit 3, named by its full path', async () => {
  const dir = workspace({
    '.kql-hunt.json': '{"tables": {"MyFeed_CL": ',
    'a.kql': 'SigninLogs | take 1',
  });
  const { code, stdout, stderr } = await check(['a.kql'], dir);
  assert.equal(code, 3);
  assert.equal(stdout, '');
  assert.ok(stderr.includes(join(realpathSync(dir), '.kql-hunt.json')), stderr);

  const shapes = workspace({
    '.kql-hunt.json': '{"tables": {"MyFeed_CL": 42}}',
    'a.kql': 'SigninLogs | take 1',
  });
  const bad = await check(['a.kql'], shapes);
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /table MyFeed_CL: the schema must be a string/);
});

test('misspelt keys and declarations that do not compile are listed together, exit 3', async () => {
  const dir = workspace({
    '.kql-hunt.yaml': [
      'tabels:',
      '  Feed_CL: "(a:string)"',
      'tables:',
      '  Twice_CL: "(a:string, a:long)"',
      'functions:',
      '  Typo:',
      '    paramters: "(x:string)"',
      '    body: "print 1"',
      '  BadType:',
      '    parameters: "(since:timespn)"',
      '    body: "SigninLogs | where TimeGenerated > ago(since)"',
      '  BadBody:',
      '    body: "SigninLogs | where NoSuchColumn == 1"',
    ].join('\n'),
    'a.kql': 'SigninLogs | take 1',
  });
  const { code, stdout, stderr } = await check(['a.kql'], dir);
  assert.equal(code, 3);
  assert.equal(stdout, '');
  for (const expected of [
    /the file: unknown key "tabels"/,
    /function Typo: unknown key "paramters"/,
    /Twice_CL: table schema does not compile: A column with the name 'a' is already declared/,
    /BadType: function does not compile: The name 'timespn' is not a valid type name/,
    /BadBody: function does not compile: The name 'NoSuchColumn' does not refer/,
    /the workspace file has 5 problem\(s\)/,
  ]) {
    assert.match(stderr, expected);
  }
});

test('a --workspace that is not a directory is a usage error', async () => {
  const dir = workspace({ 'a.kql': 'SigninLogs | take 1' });
  const missing = await check(['--workspace', 'nope', 'a.kql'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--workspace nope: no such directory/);
  const file = await check(['--workspace', 'a.kql', 'a.kql'], dir);
  assert.equal(file.code, 2);
  assert.match(file.stderr, /--workspace a\.kql: not a directory/);
});

test('a folder with nothing to check is exit 3, not a pass', async () => {
  const dir = workspace({ 'queries/notes.txt': 'SigninLogs | take 1' });
  const { code, stderr } = await check(['queries'], dir);
  assert.equal(code, 3);
  assert.match(stderr, /queries: no \.kql, \.kusto, \.csl or markdown files/);
});

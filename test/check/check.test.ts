// The `check` command's contract: text lines, the JSON shape, exit codes, workspace schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = join(process.cwd(), 'dist/cli.js');

async function check(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [cli, 'check', ...args], { cwd });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-check-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
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

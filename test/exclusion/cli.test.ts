// `kql-hunt hunt --exclusions` and `--exclusion-tools`, through the built command as users run
// it (`npm run build` makes dist/cli.js). These runs keep Kusto validation on: a generated hunt
// with exclusions that the service rejects must fail the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../cli/errors.js';

const EXAMPLE = 'examples/remcos-threatfox-report.md';
const PRODUCTS = 'test/fixtures/exclusions/products/report.md';

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kql-hunt.js', 'hunt', ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test('suggested is the default: exclusions as comments, DnsEvents says why none applies', async () => {
  const { code, stdout, stderr } = await run([EXAMPLE]);
  assert.equal(code, 0);
  // The scenario the report flags as lacking its Filter/Exclusion line is not suggested either.
  assert.match(stderr, /:45: info scenario-incomplete: .*"Antivirus or Endpoint Protection Scan"/);
  assert.doesNotMatch(stdout, /Antivirus|msmpeng/);
  assert.match(stdout, /\n\/\/ \| where InitiatingProcessFileName !in~ \("schtasks\.exe"/);
  assert.match(stdout, /\n\/\/ No false-positive exclusion .* hunt DeviceNetworkEvents/);
  assert.doesNotMatch(stdout, /\n\| where InitiatingProcessFileName/);
});

for (const platform of ['sentinel', 'defender']) {
  test(`applied exclusions pass validation and name their scenario (${platform})`, async () => {
    const { code, stdout, stderr } = await run([
      EXAMPLE,
      '--exclusions',
      'applied',
      '--platform',
      platform,
    ]);
    assert.equal(code, 0, stderr);
    const applied = stdout.split('\n').filter((l) => /^\| where .* !in~ /.test(l));
    // Four scenarios on DeviceNetworkEvents, and on CommonSecurityLog in Sentinel: the fifth has
    // no Filter/Exclusion line, so neither hunt excludes what its description names.
    assert.equal(applied.length, platform === 'sentinel' ? 8 : 4, stdout);
    assert.doesNotMatch(stdout, /Antivirus|msmpeng/);
    for (const line of applied) assert.match(line, / \/\/ FP: \S/);
  });
}

test('none leaves the hunts as they were', async () => {
  const { stdout } = await run([EXAMPLE, '--exclusions', 'none']);
  assert.doesNotMatch(stdout, /!in~|false-positive/i);
});

test('an unknown mode is a usage error', async () => {
  const { code, stderr } = await run([EXAMPLE, '--exclusions', 'all']);
  assert.notEqual(code, 0);
  assert.match(stderr, /--exclusions/);
});

test('--exclusion-tools adds the user tools; a malformed file is a usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-tools-'));
  try {
    const good = join(dir, 'tools.json');
    writeFileSync(good, JSON.stringify({ 'Acme Patch Agent': ['acmepatch.exe'] }));
    const without = await run([
      PRODUCTS,
      '--exclusions',
      'applied',
      '--tables',
      'DeviceNetworkEvents',
    ]);
    assert.doesNotMatch(without.stdout, /acmepatch/);
    const withTools = await run([
      PRODUCTS,
      '--exclusions',
      'applied',
      '--tables',
      'DeviceNetworkEvents',
      '--exclusion-tools',
      good,
    ]);
    assert.equal(withTools.code, 0, withTools.stderr);
    assert.match(withTools.stdout, /!in~ \("acmepatch\.exe"\) \/\/ FP: In-house patching/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ Acme: 'C:\\tools\\acme.exe' }));
    const refused = await run([PRODUCTS, '--exclusion-tools', bad]);
    assert.equal(refused.code, EXIT.usage);
    assert.match(refused.stderr, /--exclusion-tools .*process file names/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder holding LOLBins is refused on the command line; a vendor folder is applied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kql-hunt-folders-'));
  try {
    const report = join(dir, 'report.md');
    writeFileSync(
      report,
      [
        '# Folder exclusions',
        '',
        'Malware Family: TestFamily',
        '',
        '| Type | Value | Threat Type | First Seen | Confidence |',
        '|---|---|---|---|---|',
        '| ip:port | 185[.]244[.]25[.]14:8443 | botnet_cc | 2026-09-09 | 70% |',
        '',
        'Scenario: Admin scripts',
        'Description: Admin scripts run nightly.',
        'Filter/Exclusion: Exclude processes initiated by `C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\`',
        'Scenario: Builds',
        'Description: Build servers compile.',
        'Filter/Exclusion: Exclude processes initiated by %windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\',
        'Scenario: Backups',
        'Description: Backup jobs.',
        'Filter/Exclusion: Exclude processes running from C:\\Program Files\\Veeam\\',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await run([
      report,
      '--exclusions',
      'applied',
      '--tables',
      'DeviceNetworkEvents',
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /startswith "C:\\\\Program Files\\\\Veeam\\\\"\) \/\/ FP: Backups\n/);
    assert.doesNotMatch(stdout, /WindowsPowerShell|Microsoft\.NET|FP: Admin scripts|FP: Builds/);
    assert.match(stderr, /:9: warning scenario-refused: .*v1\.0\\ \(it holds powershell\.exe /);
    assert.match(
      stderr,
      /:12: warning scenario-refused: .*v4\.0\.30319\\ \(it holds msbuild\.exe, /,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A reader may close the CLI's stdout before it has written everything (`| head`, `| true`).
// That is the reader's choice, not a failure: no stack trace, and the exit code stays the one
// the run earned, since pipelines read 1 as "check found errors".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../cli/errors.js';
import { runCli } from './runCli.js';

const EXAMPLE = 'examples/remcos-threatfox-report.md';

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kql-hunt-closed-')), name);
  writeFileSync(path, text);
  return path;
}

function assertQuiet(stderr: string): void {
  assert.ok(!stderr.includes('EPIPE'), stderr);
  assert.ok(!/\n\s+at /.test(stderr), `stack trace: ${stderr}`);
}

describe('stdout closed by its reader', { concurrency: true }, () => {
  test('hunt stops quietly with exit 0', async () => {
    const { code, stderr } = await runCli(['hunt', EXAMPLE, '--no-validate'], {
      closeStdout: true,
    });
    assertQuiet(stderr);
    assert.equal(code, EXIT.ok, stderr);
  });

  test('hunt --format json stops quietly with exit 0', async () => {
    const args = ['hunt', EXAMPLE, '--no-validate', '--format', 'json'];
    const { code, stderr } = await runCli(args, { closeStdout: true });
    assert.equal(stderr, '');
    assert.equal(code, EXIT.ok);
  });

  test('check with only warnings stops quietly with exit 0', async () => {
    const file = writeTemp('warning.kql', 'SigninLogs\n| summarize count(UserPrincipalName)\n');
    const { code, stderr } = await runCli(['check', file], { closeStdout: true });
    assert.equal(stderr, '');
    assert.equal(code, EXIT.ok);
  });

  test('check that found errors stops quietly and still exits 1', async () => {
    const file = writeTemp('error.kql', 'SigninLogs\n| where\n');
    const { code, stderr } = await runCli(['check', file], { closeStdout: true });
    assert.equal(stderr, '');
    assert.equal(code, EXIT.findings);
  });
});

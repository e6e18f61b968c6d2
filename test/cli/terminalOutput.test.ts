// Report and query text is untrusted: what the CLI prints for a person must not let it steer
// the terminal (cursor moves, erased lines, colours) or reorder what is read (bidi overrides).
// Machine output is left as it is: JSON is the contract (JSON.stringify escapes C0 controls,
// a reader decodes the rest), and KQL is the generator's business.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../cli/errors.js';
import { huntReport } from '../../core/hunt/generate.js';
import { runCli } from './runCli.js';

/** Characters that act on a terminal or on the reading order instead of being shown. */
const ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

const ERASE_LINE_ABOVE = '\x1b[1A\x1b[2K';

const HOSTILE_REPORT = [
  '# Hostile',
  '',
  '| Type | Value | Threat Type |',
  '|---|---|---|',
  '| domain | evil[.]example[.]top | botnet_cc |',
  `| bogus${ERASE_LINE_ABOVE} | x\u202ey | botnet_cc |`,
  '',
].join('\n');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kql-hunt-terminal-'));
}

function writeTemp(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

function assertNoActiveCharacters(output: string): void {
  const found = ACTIVE.exec(output);
  assert.equal(found, null, `raw U+${found?.[0].codePointAt(0)?.toString(16)} in ${output}`);
}

describe('report text reaches the terminal as visible escapes', { concurrency: true }, () => {
  test('hunt: problem messages on stderr', async () => {
    const report = writeTemp('hostile.md', HOSTILE_REPORT);
    const { code, stderr } = await runCli(['hunt', report, '--no-validate']);
    assert.equal(code, EXIT.ok, stderr);
    assertNoActiveCharacters(stderr);
    assert.ok(stderr.includes('bogus\\x1b[1A\\x1b[2K'), stderr);
    assert.ok(stderr.includes('x\\u202ey'), stderr);
    // The erased line is still there: each problem is one line, starting with its file.
    for (const line of stderr.trimEnd().split('\n')) assert.ok(line.startsWith(report), line);
  });

  test('hunt: the generated KQL on stdout is exactly what the generator wrote', async () => {
    const report = writeTemp('hostile.md', HOSTILE_REPORT);
    const { code, stdout } = await runCli([
      'hunt',
      report,
      '--no-validate',
      '--date',
      '2026-01-01',
    ]);
    assert.equal(code, EXIT.ok);
    const { hunts } = huntReport(readFileSync(report, 'utf8'), {
      fallbackTitle: 'hostile.md',
      generated: '2026-01-01',
    });
    assert.equal(stdout, `${hunts.map((hunt) => hunt.query).join('\n\n')}\n`);
  });

  test('hunt --format json: messages keep their characters, escaped by JSON itself', async () => {
    const report = writeTemp('hostile.md', HOSTILE_REPORT);
    const { code, stdout } = await runCli(['hunt', report, '--no-validate', '--format', 'json']);
    assert.equal(code, EXIT.ok);
    const { problems } = JSON.parse(stdout) as { problems: { message: string }[] };
    assert.ok(problems.some((p) => p.message.includes(`bogus${ERASE_LINE_ABOVE}`)));
    assert.ok(problems.some((p) => p.message.includes('x\u202ey')));
  });

  test('hunt: an error message quoting an input file', async () => {
    const report = writeTemp('hostile.md', HOSTILE_REPORT);
    const tools = writeTemp('tools.json', JSON.stringify({ [`Agent${ERASE_LINE_ABOVE}`]: 5 }));
    const { code, stderr } = await runCli(['hunt', report, '--exclusion-tools', tools]);
    assert.equal(code, EXIT.usage);
    assertNoActiveCharacters(stderr);
    assert.ok(stderr.includes('Agent\\x1b[1A\\x1b[2K'), stderr);
  });
});

describe('query text reaches the terminal as visible escapes', { concurrency: true }, () => {
  const QUERY = `SigninLogs\n| where UserPrincipalName == "a" ${ERASE_LINE_ABOVE}\u202e\n`;

  test('check: diagnostics that quote the query', async () => {
    const file = writeTemp('hostile.kql', QUERY);
    const { code, stdout } = await runCli(['check', file]);
    assert.equal(code, EXIT.findings);
    assertNoActiveCharacters(stdout);
    assert.match(stdout, /error KS002 Unexpected: \\x1b$/m);
    assert.match(stdout, /error KS002 Unexpected: \\u202e$/m);
    for (const line of stdout.trimEnd().split('\n')) assert.ok(line.startsWith(file), line);
  });

  test('check: a file name found in a directory', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rules'));
    writeFileSync(join(dir, 'rules', `bad${ERASE_LINE_ABOVE}.kql`), 'SigninLogs | where\n');
    const { code, stdout } = await runCli(['check', dir]);
    assert.equal(code, EXIT.findings);
    assertNoActiveCharacters(stdout);
    assert.ok(stdout.includes('bad\\x1b[1A\\x1b[2K.kql:'), stdout);
  });

  test('check --format json: messages keep their characters, escaped by JSON itself', async () => {
    const file = writeTemp('hostile.kql', QUERY);
    const { code, stdout } = await runCli(['check', file, '--format', 'json']);
    assert.equal(code, EXIT.findings);
    const [result] = JSON.parse(stdout) as { diagnostics: { message: string }[] }[];
    const messages = result!.diagnostics.map((d) => d.message);
    assert.ok(messages.includes('Unexpected: \x1b'), messages.join('\n'));
    assert.ok(messages.includes('Unexpected: \u202e'), messages.join('\n'));
  });
});

// Backticks in a value: a code span around the whole value is markdown and is accepted, but a
// backtick inside the value is part of it, so deleting it would hunt a different indicator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refang } from '../../core/ioc/refang.js';
import { readReport } from '../../core/report/readReport.js';

const table = (...rows: string[]) =>
  ['# Backticks', '', '| Type | Value |', '|---|---|', ...rows.map((r) => `| ${r} |`), ''].join(
    '\n',
  );

test('a code span around a value is accepted', () => {
  assert.equal(refang('`evil[.]com`').value, 'evil.com');
  assert.equal(refang('``evil[.]com``').value, 'evil.com');
  assert.equal(refang('`` evil[.]com ``').value, 'evil.com');
  const report = readReport(table('domain | `evil[.]com`', 'url | `hxxps://evil[.]com/a`'));
  assert.deepEqual(
    report.iocs.map((i) => i.value),
    ['evil.com', 'https://evil.com/a'],
  );
  assert.deepEqual(report.problems, []);
});

test('refang keeps a backtick inside a value', () => {
  assert.equal(refang('ab`c[.]com').value, 'ab`c.com');
  assert.equal(refang('`a`b[.]com`').value, 'a`b.com');
});

test('a backtick inside a table value makes it malformed, never a different indicator', () => {
  const cells = [
    'domain | ab`c[.]com',
    'domain | a`b[.]com',
    'domain | `a`b[.]com`',
    'url | hxxps://evil[.]com/a`b',
    'email | a`b[@]evil[.]com',
  ];
  const report = readReport(table(...cells));
  assert.deepEqual(report.iocs, []);
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.span.line]),
    [5, 6, 7, 8, 9].map((line) => ['malformed-value', line]),
  );
  for (const problem of report.problems) assert.match(problem.message, /backtick/);
  // The message quotes the value as written: still defanged.
  assert.match(report.problems[1]!.message, /"a`b\[\.\]com"/);
});

test('a backtick inside one value of a list cell does not drop or change the others', () => {
  const report = readReport(table('domain | good[.]com, a`b[.]com'));
  assert.deepEqual(
    report.iocs.map((i) => i.value),
    ['good.com'],
  );
  assert.deepEqual(
    report.problems.map((p) => p.code),
    ['malformed-value'],
  );
});

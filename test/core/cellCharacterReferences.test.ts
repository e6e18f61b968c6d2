// HTML character references in a table cell: the value read is the value a markdown viewer
// shows, and no piece of the cell is dropped without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refang } from '../../core/ioc/refang.js';
import { readReport } from '../../core/report/readReport.js';

const table = (...rows: string[]) =>
  ['# References', '', '| Type | Value |', '|---|---|', ...rows.map((r) => `| ${r} |`), ''].join(
    '\n',
  );

test('refang decodes numeric and named character references', () => {
  assert.equal(refang('s8&#46;com').value, 's8.com');
  assert.equal(refang('evil&period;com').value, 'evil.com');
  assert.equal(refang('&#101;vil-q[.]com').value, 'evil-q.com');
  assert.equal(refang('evil&#x2E;com').value, 'evil.com');
  // Without its semicolon, or with an unknown name, it is no reference: kept as written.
  assert.equal(refang('hxxps://a[.]com/?x=1&copy=2').value, 'https://a.com/?x=1&copy=2');
  assert.equal(refang('a&nosuchname;b').value, 'a&nosuchname;b');
});

test('a cell written with character references yields the indicator a viewer shows', () => {
  const report = readReport(
    table(
      'domain | s8&#46;com',
      'ip | 5&#46;6&#46;7&#46;8',
      'domain | evil&period;com',
      'domain | &#101;vil-q[.]com',
    ),
  );
  assert.deepEqual(
    report.iocs.map((i) => [i.type, i.value, i.original, i.span.line]),
    [
      ['domain', 's8.com', 's8&#46;com', 5],
      ['ipv4', '5.6.7.8', '5&#46;6&#46;7&#46;8', 6],
      ['domain', 'evil.com', 'evil&period;com', 7],
      ['domain', 'evil-q.com', '&#101;vil-q[.]com', 8],
    ],
  );
  // A viewer shows the first three live, so they get the same warning as any live value.
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.span.line]),
    [
      ['live-ioc', 5],
      ['live-ioc', 6],
      ['live-ioc', 7],
    ],
  );
});

test('a list cell is not cut inside a character reference', () => {
  const report = readReport(table('domain | bad[.]net; s8&#46;com, evil&period;org'));
  assert.deepEqual(
    report.iocs.map((i) => [i.value, i.original]),
    [
      ['bad.net', 'bad[.]net'],
      ['s8.com', 's8&#46;com'],
      ['evil.org', 'evil&period;org'],
    ],
  );
  const text = table('domain | bad[.]net; s8&#46;com, evil&period;org');
  for (const ioc of report.iocs)
    assert.equal(text.slice(ioc.span.start, ioc.span.end), ioc.original);
});

test('a code span shows a character reference as written, so it is not decoded', () => {
  assert.equal(refang('`s8&#46;com`').value, 's8&#46;com');
  const report = readReport(table('domain | `s8&#46;com`'));
  assert.deepEqual(report.iocs, []);
  assert.deepEqual(
    report.problems.map((p) => p.code),
    ['malformed-value'],
  );
});

test('an invisible character written as a reference is still flagged', () => {
  const report = readReport(table('domain | evil&#x200B;[.]com'));
  assert.deepEqual(
    report.iocs.map((i) => i.value),
    ['evil.com'],
  );
  assert.deepEqual(
    report.problems.map((p) => p.code),
    ['suspicious-characters'],
  );
});

test('a cell of several words with nothing indicator-like is reported, not dropped', () => {
  const report = readReport(table('domain | not a domain'));
  assert.deepEqual(report.iocs, []);
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.span.line]),
    [['malformed-value', 5]],
  );
});

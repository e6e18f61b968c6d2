// Regression tests for how IOC table cells are cut into values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReport } from '../../core/report/readReport.js';

const table = (...rows: string[]) =>
  ['# Cells', '', '| Type | Value |', '|---|---|', ...rows.map((r) => `| ${r} |`), ''].join('\n');

test('a URL holding ; and , is one value, not several', () => {
  const report = readReport(table('url | hxxp://evil[.]com/i.php?a=1;b=2,3'));
  assert.deepEqual(
    report.iocs.map((i) => i.value),
    ['http://evil.com/i.php?a=1;b=2,3'],
  );
  assert.deepEqual(report.problems, []);
});

test('a cell listing several values yields each, and notes beside them are no values', () => {
  const report = readReport(table('domain | evil[.]com, bad[.]org; worse[.]net (C2)'));
  assert.deepEqual(
    report.iocs.map((i) => [i.value, i.original]),
    [
      ['evil.com', 'evil[.]com'],
      ['bad.org', 'bad[.]org'],
      ['worse.net', 'worse[.]net'],
    ],
  );
  assert.deepEqual(report.problems, []);
});

test('a lone junk cell is still reported, never dropped', () => {
  const report = readReport(table('domain | not-a-domain'));
  assert.equal(report.iocs.length, 0);
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.span.line]),
    [['malformed-value', 5]],
  );
});

test('a Port column makes the row an ip:port indicator', () => {
  const report = readReport(
    [
      '| IP | Port | Notes |',
      '|---|---|---|',
      '| 45[.]9[.]74[.]13 | 443 | C2 |',
      '| 2a0e[:]1c80[:][:]17 | 8443 | C2 |',
      '| 45[.]9[.]74[.]14 | | any port |',
      '| 45[.]9[.]74[.]15 | http | |',
    ].join('\n'),
  );
  assert.deepEqual(
    report.iocs.map((i) => [i.type, i.value, i.port]),
    [
      ['ipv4', '45.9.74.13', 443],
      ['ipv6', '2a0e:1c80::17', 8443],
      ['ipv4', '45.9.74.14', undefined],
      ['ipv4', '45.9.74.15', undefined],
    ],
  );
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.span.line]),
    [['malformed-value', 6]],
  );
});

test('a lone indicator folded under a table is a value, not a type or a confidence', () => {
  const report = readReport(
    [
      '| Confidence | Type | Value |',
      '|---|---|---|',
      '| 80% | ip | 45[.]9[.]74[.]13 |',
      'evil[.]com',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    report.iocs.map((i) => [i.type, i.value, i.confidence, i.source]),
    [
      ['ipv4', '45.9.74.13', 80, 'table'],
      ['domain', 'evil.com', undefined, 'table'],
    ],
  );
  assert.deepEqual(report.problems, []);
});

test('every typed column of a row is read, its problems reported once', () => {
  const report = readReport(
    [
      '| Domain | IP | Port | Confidence |',
      '|---|---|---|---|',
      '| c2-one[.]top | 45[.]9[.]74[.]13 | 443 | lots |',
      '| c2-two[.]top | not-an-ip | | 80% |',
    ].join('\n'),
  );
  assert.deepEqual(
    report.iocs.map((i) => [i.type, i.value, i.port, i.confidence]),
    [
      ['domain', 'c2-one.top', undefined, undefined],
      ['ipv4', '45.9.74.13', 443, undefined],
      ['domain', 'c2-two.top', undefined, 80],
    ],
  );
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.span.line]),
    [
      ['bad-confidence', 3],
      ['malformed-value', 4],
    ],
  );
});

// Ranges that span a large part of the internet are reported and left out of hunts; a range
// written with host bits set is hunted, with a note saying which range that is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { huntsFor } from '../../core/hunt/generate.js';
import { readReport } from '../../core/report/readReport.js';

const report = readReport(
  [
    '# Ranges',
    '',
    '| IOC | Type |',
    '|---|---|',
    '| 1[.]0[.]0[.]0/1 | cidr |',
    '| 2000::/3 | cidr |',
    '| 45[.]9[.]0[.]0/15 | cidr |',
    '| 45[.]10[.]0[.]0/16 | cidr |',
    '| 45[.]9[.]148[.]7/24 | cidr |',
    '| 2a01:4f8::/29 | cidr |',
  ].join('\n'),
);

test('ranges shorter than /16 (IPv4) or /24 (IPv6) are reported as too broad', () => {
  const broad = report.problems.filter((p) => p.code === 'broad-range' && p.severity === 'warning');
  assert.deepEqual(
    broad.map((p) => p.span.line),
    [5, 6, 7],
  );
  assert.match(broad[0]!.message, /1\.0\.0\.0\/1 spans 2\^31 addresses.*left out of hunts/);
});

test('a range with host bits set is hunted, with a note naming the range it covers', () => {
  const notes = report.problems.filter((p) => p.code === 'host-bits');
  // 1.0.0.0/1 and 45.9.0.0/15 have host bits too (networks 0.0.0.0 and 45.8.0.0).
  assert.deepEqual(
    notes.map((p) => p.span.line),
    [5, 7, 9],
  );
  assert.match(notes[2]!.message, /45\.9\.148\.7\/24 has host bits set.*45\.9\.148\.0\/24/);
});

test('hunts keep the /16, the /24 and the IPv6 /29 and leave the broad ranges out', () => {
  const text = huntsFor(report, { platform: 'sentinel', generated: '2026-01-01' })
    .map((h) => h.query)
    .join('\n');
  assert.ok(text.includes('"45.10.0.0/16"') && text.includes('"45.9.148.7/24"'), text);
  assert.ok(text.includes('"2a01:4f8::/29"'), text);
  assert.ok(!text.includes('1.0.0.0/1') && !text.includes('2000::/3'), text);
  assert.ok(!text.includes('45.9.0.0/15'), text);
});

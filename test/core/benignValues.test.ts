// Values that match everyone's ordinary activity are reported and kept out of hunts, while
// look-alikes right next to them are hunted as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { huntsFor } from '../../core/hunt/generate.js';
import { readReport } from '../../core/report/readReport.js';

const report = readReport(
  [
    '# Benign values',
    '',
    '| IOC | Type |',
    '|---|---|',
    '| 8[.]8[.]8[.]8 | ip |',
    '| 8[.]8[.]8[.]8:53 | ip:port |',
    '| 2001:4860:4860:0:0:0:0:8888 | ip |',
    '| 1[.]1[.]1[.]1 | ip |',
    '| 8[.]8[.]8[.]0/24 | cidr |',
    '| 8[.]8[.]8[.]9 | ip |',
    '| D41D8CD98F00B204E9800998ECF8427E | md5 |',
    '| d41d8cd98f00b204e9800998ecf8427f | md5 |',
  ].join('\n'),
);

test('public resolvers and empty-file hashes get a benign-value warning with their owner', () => {
  const benign = report.problems.filter((p) => p.code === 'benign-value');
  assert.deepEqual(
    benign.map((p) => p.span.line),
    [5, 6, 7, 8, 11],
  );
  assert.match(benign[0]!.message, /Google Public DNS.*left out of hunts/);
  assert.match(benign[3]!.message, /Cloudflare DNS/);
  assert.match(benign[4]!.message, /MD5 of an empty file/);
  assert.ok(benign.every((p) => p.severity === 'warning'));
});

test('hunts leave the benign values out and keep their neighbours', () => {
  const hunts = huntsFor(report, { platform: 'sentinel', generated: '2026-01-01' });
  const text = hunts.map((h) => h.query).join('\n');
  assert.ok(hunts.length > 0);
  assert.ok(!text.includes('"8.8.8.8"') && !text.includes('8.8.8.8:53'), text);
  assert.ok(!text.includes('4860') && !text.includes('"1.1.1.1"'), text);
  assert.ok(!text.includes('d41d8cd98f00b204e9800998ecf8427e'), text);
  // A range that holds a resolver, a neighbouring address and a near-miss hash are hunted.
  assert.ok(text.includes('8.8.8.0/24'), text);
  assert.ok(text.includes('"8.8.8.9"'), text);
  assert.ok(text.includes('d41d8cd98f00b204e9800998ecf8427f'), text);
});

// What the CLI hands to the Kusto service: the same hunts, with each IOC list cut short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { huntReport, huntsFor } from '../../core/hunt/generate.js';
import { VALIDATION_LIST_SAMPLE } from '../../cli/validateHunts.js';

const LIST_LINE = /^let (ioc_\w+) = dynamic\(\[(.*)\]\);/;

test('sampled hunts differ from the real ones only in how many values each list holds', () => {
  const rows = Array.from({ length: 300 }, (_, i) => `| domain | c2-${i}[.]bad[.]top |`);
  const text = `# Big\n\n| Type | Value |\n|---|---|\n${rows.join('\n')}\n`;
  const { report, hunts } = huntReport(text, { generated: '2026-01-01' });
  const sampled = huntsFor(report, { generated: '2026-01-01', listSample: VALIDATION_LIST_SAMPLE });
  assert.ok(hunts.length > 0);
  assert.deepEqual(
    sampled.map(({ table, iocTypes, query }) => ({ table, iocTypes, query })),
    hunts,
  );
  hunts.forEach((hunt, i) => {
    const real = hunt.query.split('\n');
    const short = sampled[i]!.sampleQuery!.split('\n');
    assert.equal(short.length, real.length);
    real.forEach((line, j) => {
      const list = LIST_LINE.exec(line);
      if (!list) return assert.equal(short[j], line);
      const values = list[2]!.split(', ');
      const kept = LIST_LINE.exec(short[j]!)![2]!.split(', ');
      assert.equal(values.length, 300);
      assert.deepEqual(kept, values.slice(0, VALIDATION_LIST_SAMPLE));
    });
  });
});

test('a short list is kept whole', () => {
  const text = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
  const { report, hunts } = huntReport(text, { generated: '2026-01-01' });
  const sampled = huntsFor(report, { generated: '2026-01-01', listSample: VALIDATION_LIST_SAMPLE });
  assert.deepEqual(
    sampled.map((h) => h.sampleQuery),
    hunts.map((h) => h.query),
  );
});

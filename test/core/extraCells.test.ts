// A `|` left unescaped inside a value splits its row; the reader says so on that row instead of
// leaving the user to guess from the shifted columns' odd problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReport } from '../../core/report/readReport.js';

test('a row with more cells than its header gets an extra-cells warning on that row', () => {
  const report = readReport(
    [
      '| IOC | Type | Confidence |',
      '|---|---|---|',
      '| hxxp://evil[.]com/a?x=1|2 | url | 80 |',
      '| hxxp://evil[.]com/a?x=1\\|2 | url | 80 |',
      '| 1[.]2[.]3[.]4 | ip |',
    ].join('\n'),
  );
  const extra = report.problems.filter((p) => p.code === 'extra-cells');
  assert.deepEqual(
    extra.map((p) => p.span.line),
    [3],
  );
  assert.match(
    extra[0]!.message,
    /4 cells but the header has 3: a \| inside a value must be written \\\|/,
  );
  // The escaped pipe is read as part of its value.
  assert.ok(report.iocs.some((ioc) => ioc.value === 'http://evil.com/a?x=1|2'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  huntExclusions,
  readExclusionLine,
  renderExclusionLine,
  renderHuntExclusions,
  type Condition,
} from '../../core/exclusion/index.js';
import { maskKql } from '../../core/exclusion/kqlText.js';
import { createKustoService } from '../../core/kusto/index.js';

const service = createKustoService({ platform: 'sentinel' });
const LINE_BREAKS = /[\n\r\u0085\u2028\u2029]/;
const span = { start: 0, end: 0, line: 1 };

test('any values render to one line that reads back to the same values', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      (values, label) => {
        const conditions: Condition[] = [
          { column: 'InitiatingProcessFileName', op: 'notIn', values },
          { column: 'InitiatingProcessFolderPath', op: 'notStartsWith', values },
          { column: 'InitiatingProcessFolderPath', op: 'notHas', values },
        ];
        const line = renderExclusionLine(conditions, [label]);
        assert.doesNotMatch(line, LINE_BREAKS);
        const read = readExclusionLine(line);
        assert.ok(read, line);
        assert.deepEqual(
          read.conditions.map((c) => c.values),
          [values, values, values],
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('hostile values stay inside literals and pass the Kusto service', () => {
  const hostile = [
    'a"b.exe',
    "it's | where true",
    'x // y',
    'line\nbreak',
    'sep\u2028arator',
    'back\\slash\\',
    '```',
    '@"verbatim"',
    '\u202eevil',
  ];
  const line = renderExclusionLine(
    [{ column: 'InitiatingProcessFileName', op: 'notIn', values: hostile }],
    ['Title with "quotes" | take 1\n// and a new line\u2028| print 1'],
  );
  assert.doesNotMatch(line, LINE_BREAKS);
  const query = `DeviceNetworkEvents\n${line}\n| project DeviceName`;
  assert.deepEqual(service.diagnoseQuery(query), []);
  const code = maskKql(query).code;
  for (const word of ['where true', 'take', 'print', 'verbatim']) assert.ok(!code.includes(word));
  assert.deepEqual(readExclusionLine(line)?.conditions[0]?.values, hostile);
});

test('scenario text with line breaks of every kind still yields one comment line each', () => {
  const lines = renderHuntExclusions(
    huntExclusions(
      [
        {
          title: 'Two\nlines\r| take 1\u2028and\u2029more\u0085',
          description: 'PsExec runs it',
          span,
        },
      ],
      'DeviceNetworkEvents',
      'suggested',
    )!,
  );
  for (const line of lines) {
    assert.doesNotMatch(line, LINE_BREAKS);
    assert.ok(line.startsWith('//'), line);
  }
});

test('lines of other shapes are user code, not exclusion lines', () => {
  for (const line of [
    '| where InitiatingProcessFileName in~ ("a.exe")',
    '| where InitiatingProcessFileName !in ("a.exe")',
    '| where InitiatingProcessFileName !in~ ("a.exe") or RemotePort == 443',
    '| where InitiatingProcessFileName !in~ (malicious)',
    '| where InitiatingProcessFileName !in~ ("a.exe" ',
    '| extend x = 1',
  ]) {
    assert.equal(readExclusionLine(line), undefined, line);
  }
});

test('hand-written variants are read: dynamic lists, single quotes, verbatim strings', () => {
  const read = readExclusionLine(
    `  | where InitiatingProcessFileName !in~ (dynamic(['a.exe', @"c:\\x"])) and not(InitiatingProcessFolderPath has_any ("c:\\\\tools")) // FP: One; Two`,
  );
  assert.deepEqual(
    read?.conditions.map((c) => [c.column, c.op, c.values]),
    [
      ['InitiatingProcessFileName', 'notIn', ['a.exe', 'c:\\x']],
      ['InitiatingProcessFolderPath', 'notHas', ['c:\\tools']],
    ],
  );
  assert.deepEqual(read?.labels, ['One', 'Two']);
});

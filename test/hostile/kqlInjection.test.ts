// KQL injection: report text is attacker-controlled, and the hunts it becomes are run by analysts
// with access to their whole workspace. Whatever a report holds, every generated hunt must parse
// without errors and every value must come back out of the Kusto parser exactly as it went in.
// The check is the real parser (through the adapter), never a second unescaper of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { huntReport } from '../../core/hunt/generate.js';
import { kqlCommentText, kqlDynamicList, kqlString } from '../../core/hunt/kqlLiteral.js';
import { planHunts } from '../../core/hunt/plan.js';
import { renderHunt } from '../../core/hunt/render.js';
import { IOC_TYPES, type IocRecord } from '../../core/ioc/types.js';
import { createKustoService, stringLiteralValues } from '../../core/kusto/index.js';

const sentinel = createKustoService({ platform: 'sentinel' });
const defender = createKustoService({ platform: 'defender' });
sentinel.warmUp();

/** Fragments that end literals, start comments, continue lines or hide text in KQL. */
const NASTY = [
  '"',
  "'",
  '\\',
  '\\"',
  '\\\\"',
  '|',
  ';',
  '//',
  '/*',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u0085',
  '@"',
  "@'",
  'h"',
  '```',
  '"""',
  '" | where true //',
  '"); print pwned=1; let x=dynamic(["',
  "' or 1==1 //",
  '| take 1',
  'let',
  'where',
  'invoke',
  'externaldata',
  '\u202e',
  '\u2066',
  '\u200b',
  '\ufeff',
  '\u0000',
  '\u001b[31m',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\\u0022',
  '{',
  '}',
  ']',
  ')',
  ' ',
  'a',
  '.exe',
];

/** Strings built from the fragments above, or arbitrary UTF-16 (lone surrogates included). */
const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...NASTY), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
);

function errorsIn(query: string, platform: 'sentinel' | 'defender' = 'sentinel'): string[] {
  const service = platform === 'sentinel' ? sentinel : defender;
  return service
    .diagnoseQuery(query)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message} at ${JSON.stringify(query.slice(d.start, d.start + 20))}`);
}

test('kqlString: any string parses as one literal whose value is the string', () => {
  fc.assert(
    fc.property(hostileText, hostileText, (a, b) => {
      const query = `print x = ${kqlString(a)}, y = ${kqlDynamicList([a, b])}`;
      assert.deepEqual(errorsIn(query), []);
      const values = stringLiteralValues(query).map((l) => l.value);
      assert.deepEqual(values, [a, a, b]);
    }),
    { numRuns: 150, seed: 6 },
  );
});

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('kqlCommentText: cutting a long title never splits a surrogate pair', () => {
  // 159 code units of 'a' then emoji: the cut at 159 falls inside the first pair.
  const comment = kqlCommentText(`${'a'.repeat(158)}${'\u{1F980}'.repeat(5)}`);
  assert.doesNotMatch(comment, LONE_SURROGATE);
  assert.match(kqlCommentText('S \ud800 x'), /^S \ufffd x$/);
});

test('kqlCommentText: any text stays inside its comment line', () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      const comment = kqlCommentText(text);
      const query = `// ${comment}\nprint x = "kept"`;
      assert.deepEqual(errorsIn(query), []);
      assert.deepEqual(
        stringLiteralValues(query).map((l) => l.value),
        ['kept'],
      );
      assert.doesNotMatch(comment, /[\n\r\u2028\u2029\u0085]/);
      assert.doesNotMatch(comment, LONE_SURROGATE, 'no lone surrogate');
    }),
    { numRuns: 150, seed: 7 },
  );
});

function record(type: IocRecord['type'], value: string, port: number | undefined): IocRecord {
  return {
    type,
    value,
    ...(port !== undefined ? { port } : {}),
    original: value,
    span: { start: 0, end: 1, line: 1 },
    source: 'table',
    live: false,
  };
}

/**
 * Records as the reader builds them: addresses and ranges are valid (classification guarantees
 * that, and planning asks ipaddr.js about them), every other type may hold any text at all.
 */
const iocRecord = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.ipV4().map((v) => ['ipv4', v] as const),
        fc.ipV6().map((v) => ['ipv6', v] as const),
      ),
      fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    )
    .map(([[type, value], port]) => record(type, value, port)),
  fc
    .tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 }))
    .map(([ip, bits]) => record('cidr', `${ip}/${bits}`, undefined)),
  fc
    .tuple(fc.constantFrom(...IOC_TYPES.filter((t) => !/^ipv|^cidr/.test(t))), hostileText)
    .map(([type, value]) => record(type, value, undefined)),
);

test('hunts for any set of IOC values parse cleanly and carry each value exactly', () => {
  fc.assert(
    fc.property(
      fc.array(iocRecord, { minLength: 1, maxLength: 6 }),
      hostileText,
      hostileText,
      fc.constantFrom('sentinel' as const, 'defender' as const),
      (iocs, title, family, platform) => {
        const plans = planHunts(iocs, { platform, lookback: '14d' });
        for (const plan of plans) {
          const source = { title, family, generated: '2026-01-01', reportIocCount: iocs.length };
          const query = renderHunt(plan, source);
          assert.deepEqual(errorsIn(query, platform), [], query);
          // The lists come first, in order; the only other literal is the ":" of ip:port joins.
          const expected = plan.lists.flatMap((list) => list.values);
          const values = stringLiteralValues(query).map((l) => l.value);
          assert.deepEqual(values.slice(0, expected.length), expected);
          assert.ok(
            values.slice(expected.length).every((v) => v === ':'),
            query,
          );
        }
      },
    ),
    { numRuns: 40, seed: 8 },
  );
});

/** Characters a table cell can hold as written (no pipe, no line break). */
const cellSafe = hostileText.map((t) => t.replace(/[|\n\r\u2028\u2029\u0085]/g, ''));

test('a report with hostile URL paths, title and scenarios yields clean hunts', () => {
  fc.assert(
    fc.property(
      fc.array(cellSafe, { minLength: 1, maxLength: 4 }),
      cellSafe,
      cellSafe,
      fc.constantFrom('none' as const, 'suggested' as const, 'applied' as const),
      (paths, title, folder, exclusions) => {
        const rows = paths.map(
          (path, i) => `| url | hxxps://evil${i}[.]example[.]com/${path.replace(/\s/g, '')} |`,
        );
        const report = [
          `# ${title}`,
          `Malware Family: ${title}`,
          '| Type | Value |',
          '|---|---|',
          ...rows,
          '',
          `Scenario: ${title}`,
          `Description: a tool such as ${folder.replace(/\s/g, '')}.exe runs from C:\\${folder}`,
          `Filter/Exclusion: Exclude processes launched from C:\\Program Files\\${folder}\\a.exe`,
        ].join('\n');
        const { report: read, hunts } = huntReport(report, { exclusions, generated: '2026-01-01' });
        for (const hunt of hunts) {
          assert.deepEqual(errorsIn(hunt.query), [], hunt.query);
          const values = new Set(stringLiteralValues(hunt.query).map((l) => l.value));
          for (const ioc of read.iocs.filter((i) => i.type === 'url')) {
            if (hunt.iocTypes.includes('url')) {
              assert.ok(values.has(ioc.value.replace(/^[a-z]+:\/\//i, '')), ioc.value);
            }
          }
        }
      },
    ),
    { numRuns: 25, seed: 9 },
  );
});

test('classic breakouts in URL paths stay inside their literal', () => {
  const breakouts = [
    `a"]); print pwned=1; //`,
    `a\\"); DeviceProcessEvents | take 100 //`,
    `x@"y""z`,
    `q'''r`,
    `end\\`,
    `p\u2028| take 1`,
    `z\u202eexe.txt`,
  ];
  const rows = breakouts.map((b, i) => `| url | hxxps://b${i}[.]example[.]org/${b} |`);
  const text = ['| Type | Value |', '|---|---|', ...rows].join('\n');
  const { report, hunts } = huntReport(text, { generated: '2026-01-01' });
  assert.ok(report.iocs.length >= breakouts.length - 1, JSON.stringify(report.iocs));
  assert.ok(hunts.length > 0);
  for (const hunt of hunts) {
    assert.deepEqual(errorsIn(hunt.query), [], hunt.query);
    // No line of a hunt starts with a pipe that the generator did not write itself.
    for (const line of hunt.query.split(/\r?\n|[\u2028\u2029]/)) {
      if (line.startsWith('|')) assert.match(line, /^\| (where|project|order by) /, line);
    }
  }
});

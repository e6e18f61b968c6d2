// Property test: whatever text a report puts in a value, its title or its family, the hunts
// parse cleanly and that text reaches them only inside string literals and comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { huntReport } from '../../core/hunt/generate.js';
import { createKustoService } from '../../core/kusto/index.js';
import { kqlCodeOnly, kqlStringLiterals } from './kqlLexer.js';

const service = createKustoService({ platform: 'sentinel' });
const TABLES = ['CommonSecurityLog', 'DeviceNetworkEvents', 'EmailEvents'];

/** Text built from the characters that matter to KQL, markdown and refanging, plus any. */
const pieces = fc.array(
  fc.oneof(
    fc.constantFrom('"', "'", '\\', '|', ';', '//', '@"', '```', '\n', '\r', '\u2028', '\u0085'),
    fc.constantFrom('\u202e', '\u200b', '\u00a0', '`', '[.]', '[at]', 'hxxp', ' | take 1', 'let'),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.string({ maxLength: 30 }),
  ),
  { maxLength: 8 },
);

test('hostile text stays inside literals and comments, and hunts stay clean', () => {
  let urlsHunted = 0;
  fc.assert(
    fc.property(pieces, pieces, pieces, (inValue, inTitle, inFamily) => {
      const [value, title, family] = [inValue, inTitle, inFamily].map((p) => p.join(''));
      const report = [
        `# Report PWN${title}`,
        '',
        `Malware Family: PWN${family}`,
        '',
        '| Type | Value |',
        '|---|---|',
        `| url | hxxps://evil-kql[.]com/PWN${value} |`,
        `| email | pwn[@]evil-kql[.]com |`,
        '',
      ].join('\n');
      const { report: read, hunts } = huntReport(report, {
        generated: '2026-01-01',
        tables: TABLES,
      });
      const known = new Set([
        ':',
        ...read.iocs.flatMap((ioc) => [ioc.value, ioc.value.replace(/^[a-z]+:\/\//i, '')]),
      ]);
      if (read.iocs.some((ioc) => ioc.type === 'url')) urlsHunted++;
      for (const hunt of hunts) {
        const errors = service.diagnoseQuery(hunt.query).filter((d) => d.severity === 'error');
        assert.deepEqual(errors, [], hunt.query);
        assert.ok(!kqlCodeOnly(hunt.query).includes('PWN'), hunt.query);
        for (const literal of kqlStringLiterals(hunt.query)) assert.ok(known.has(literal), literal);
      }
    }),
    { numRuns: 150, seed: 20260101 },
  );
  // Most generated values must survive as URLs, or the property tests the escaper little.
  assert.ok(urlsHunted > 100, `only ${urlsHunted} of 150 runs hunted the hostile URL`);
});

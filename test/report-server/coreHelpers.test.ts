import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readReport } from '../../core/report/readReport.js';
import { IocLocator } from '../../core/report/iocLocator.js';
import { codeSpan, escapeMarkdown, iocHoverMarkdown } from '../../core/report/iocHover.js';
import { rewriteIocs } from '../../core/report/rewriteText.js';
import { dynamicListFor } from '../../core/report/dynamicList.js';
import { huntTables } from '../../core/report/huntTables.js';
import { kqlStringAt } from '../../core/report/kqlStringAt.js';
import { huntsFor } from '../../core/hunt/generate.js';

const example = readFileSync('examples/remcos-threatfox-report.md', 'utf8');
const ipCell = '172[.]245[.]4[.]229:2404';

test('the locator finds the indicator under an offset, ends included', () => {
  const report = readReport(example);
  const locator = new IocLocator(report, example);
  const start = example.indexOf(ipCell);
  for (const offset of [start, start + 5, start + ipCell.length]) {
    const hit = locator.iocAt(offset);
    assert.equal(hit?.ioc.value, '172.245.4.229', String(offset));
    assert.equal(hit?.kind, 'record');
  }
  assert.equal(locator.iocAt(start - 2), undefined);
  assert.equal(locator.iocAt(0), undefined);
});

test('the locator maps mentions in sample queries and duplicate rows to their records', () => {
  const text = [
    '| Type | Value |',
    '|---|---|',
    '| ip | 203[.]0[.]113[.]77 |',
    '| domain | evil[.]example[.]com |',
    '| ip | 203[.]0[.]113[.]77 |',
    '',
    'let ips = dynamic(["203.0.113.77"]);',
  ].join('\n');
  const report = readReport(text);
  const locator = new IocLocator(report, text);
  const duplicate = locator.iocAt(text.lastIndexOf('203[.]0') + 1);
  assert.equal(duplicate?.kind, 'duplicate');
  assert.equal(duplicate?.index, 0);
  const mention = locator.iocAt(text.indexOf('203.0.113.77') + 2);
  assert.equal(mention?.kind, 'mention');
  assert.equal(mention?.ioc.value, '203.0.113.77');
  assert.equal(mention?.span.line, 7);
});

test('range lookups return the indicators and tables a selection touches', () => {
  const report = readReport(example);
  const locator = new IocLocator(report, example);
  const row7 = example.indexOf('| domain |');
  assert.deepEqual(locator.iocIndexesIn(row7, row7 + 20), [1]);
  assert.deepEqual(locator.iocIndexesIn(0, example.length), [0, 1]);
  assert.equal(locator.tablesIn(row7, row7).length, 1);
  assert.equal(locator.tablesIn(0, 10).length, 0);
});

test('the hover shows the value defanged in code, confidence and tier, and the source row', () => {
  const report = readReport(example);
  const markdown = iocHoverMarkdown(report.iocs[0]!);
  assert.match(markdown, /`172\[\.\]245\[\.\]4\[\.\]229:2404`/);
  assert.match(markdown, /Confidence: 75% \(High\)/);
  assert.match(markdown, /Threat type: botnet\\_cc/);
  assert.match(markdown, /Malware family: Remcos/);
  assert.match(markdown, /IOC table row, line 6/);
  assert.doesNotMatch(markdown, /172\.245\.4\.229/);
});

test('hover free text cannot inject links or formatting; IDNs show both forms', () => {
  const text = [
    '| Type | Value | Threat Type |',
    '|---|---|---|',
    '| domain | xn--pypal-4ve[.]com | [click](https://evil.example.com/x) |',
  ].join('\n');
  const ioc = readReport(text).iocs[0]!;
  const markdown = iocHoverMarkdown(ioc, [{ reportName: 'a_b.md' }]);
  assert.doesNotMatch(markdown, /https?:\/\//);
  assert.doesNotMatch(markdown, /\]\(/);
  assert.match(markdown, /Unicode: `p.*pal\[\.\]com`/);
  assert.match(markdown, /Punycode: `xn--pypal-4ve\[\.\]com`/);
  assert.match(markdown, /From: a\\_b\\\.md, IOC table row, line 3/);
});

test('code spans and escapes hold any text', () => {
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`x'), '`` `x ``');
  assert.equal(escapeMarkdown('*a* [b](c)'), '\\*a\\* \\[b\\]\\(c\\)');
});

test('rewriteIocs defangs and refangs every indicator inside text, nothing else', () => {
  const live = 'C2 at 172.245.4.229:2404 and https://evil.example.com/a.php, see notes.';
  const defanged = rewriteIocs(live, 'defang');
  assert.equal(
    defanged,
    'C2 at 172[.]245[.]4[.]229:2404 and hxxps[://]evil[.]example[.]com/a[.]php, see notes.',
  );
  assert.equal(rewriteIocs(defanged, 'refang'), live);
  assert.equal(rewriteIocs('a.io', 'defang'), 'a[.]io');
  assert.equal(rewriteIocs('no indicators here', 'defang'), 'no indicators here');
  assert.equal(rewriteIocs(defanged, 'defang'), defanged);
});

test('dynamicListFor lists each value once, ports dropped, below-minimum left out', () => {
  const report = readReport(example);
  assert.deepEqual(dynamicListFor(report), {
    text: 'dynamic(["172.245.4.229", "somethingtapangelcominginourlifeforbless.duckdns.org"])',
    count: 2,
  });
  assert.equal(dynamicListFor(report, [1]).count, 1);
  assert.equal(dynamicListFor(report, undefined, 80).count, 0);
});

test('huntTables names the same tables as rendering every hunt, for any selection', () => {
  const text = [
    '| Type | Value | Confidence |',
    '|---|---|---|',
    '| ip | 203[.]0[.]113[.]9:443 | 90 |',
    '| domain | evil[.]example[.]com | 40 |',
    '| url | hxxps://evil[.]example[.]net/a | 80 |',
    '| sha256 | ' + 'a'.repeat(64) + ' | 70 |',
    '| email | bad[@]evil[.]example[.]org | 20 |',
    '| cidr | 198[.]51[.]100[.]0/24 | |',
  ].join('\n');
  const report = readReport(text);
  const selections = [undefined, [0], [1, 2], [3, 4, 5], [4]];
  for (const platform of ['sentinel', 'defender'] as const) {
    for (const minConfidence of [0, 50, 95]) {
      for (const iocIndexes of selections) {
        const options = { platform, minConfidence, ...(iocIndexes ? { iocIndexes } : {}) };
        assert.deepEqual(
          huntTables(report, options),
          huntsFor(report, options).map((hunt) => hunt.table),
          JSON.stringify(options),
        );
      }
    }
  }
  assert.deepEqual(huntTables(readReport(example)), [
    'CommonSecurityLog',
    'DeviceNetworkEvents',
    'DnsEvents',
  ]);
});

test('kqlStringAt finds the literal under the cursor and decodes it', () => {
  const kql = 'let ips = dynamic(["172.245.4.229", @"a\\b", \'x\\"y\']); // "not.this"';
  const at = (needle: string) => kqlStringAt(kql, kql.indexOf(needle) + 1);
  const start = kql.indexOf('"172');
  assert.deepEqual(at('172'), { value: '172.245.4.229', start, end: start + 15 });
  assert.equal(at('a\\b')?.value, 'a\\b');
  assert.equal(at('x\\')?.value, 'x"y');
  assert.equal(at('not.this'), undefined);
  assert.equal(at('dynamic'), undefined);
  assert.equal(kqlStringAt('print "unterminated', 9), undefined);
});

test('a hover listing several reports names each report its own line', () => {
  const first = readReport('| Type | Value |\n|---|---|\n| ip | 94[.]232[.]40[.]5 |').iocs[0]!;
  const second = readReport('# Other\n\ntext\n\nSeen at 94[.]232[.]40[.]5 yesterday.').iocs[0]!;
  const markdown = iocHoverMarkdown(first, [
    { reportName: 'a.md', at: first },
    { reportName: 'b.md', at: second },
  ]);
  assert.match(markdown, /a\\\.md, IOC table row, line 3/);
  assert.match(markdown, /b\\\.md, report text, line 5/);
});

// Long literal lists are cut before the service analyses a query (its cost grows with the
// square of their length); what the user sees must not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKustoService } from '../../core/kusto/index.js';
import { shortenLiteralLists } from '../../core/kusto/longLists.js';

const ips = (n: number) =>
  Array.from({ length: n }, (_, i) => `"10.0.${i >> 8}.${i & 255}"`).join(',\n    ');

test('a long list keeps its first values, its length and its line breaks', () => {
  const text = `let ips = dynamic([${ips(300)}]);\nT | where a in (ips)`;
  const short = shortenLiteralLists(text);
  assert.equal(short.length, text.length);
  assert.equal(short.split('\n').length, text.split('\n').length);
  assert.ok(short.includes('"10.0.0.49"') && !short.includes('"10.0.0.50"'));
  assert.ok(short.endsWith(']);\nT | where a in (ips)'));
  // Short lists, and strings that are not one list, are left alone.
  const few = `print x = dynamic([${ips(100)}])`;
  assert.equal(shortenLiteralLists(few), few);
  const apart = Array.from({ length: 200 }, (_, i) => `print "${i}";`).join('\n');
  assert.equal(shortenLiteralLists(apart), apart);
});

test('diagnostics around and inside a 5,000-value list are those of the full text', () => {
  const service = createKustoService({ platform: 'sentinel' });
  const list = ips(5000).replace('"10.0.19.100"', '"10.0.19[.]100"');
  const query = `let ips = dynamic([${list}]);\nDeviceNetworkEvents\n| where RemoteIP in (ips)\n| where XctionType == "x"`;
  const found = service.diagnose(query);
  const at = (code: string) => found.filter((d) => d.code === code).map((d) => d.start);
  assert.deepEqual(at('KS142'), [query.indexOf('XctionType')]);
  // Checks of our own read the whole text, the blanked values included.
  assert.deepEqual(at('KQLH001'), [query.indexOf('10.0.19[.]100')]);
});

test('completion after a long list works, and formatting keeps every value', () => {
  const service = createKustoService({ platform: 'sentinel' });
  const query = `let ips = dynamic([${ips(3000)}]);\nDeviceNetworkEvents\n| where RemoteIP in (ips)\n| where R`;
  const labels = service.complete(query, query.length).items.map((i) => i.label);
  assert.ok(labels.includes('RemotePort'), 'columns of DeviceNetworkEvents offered');
  const edits = service.format(`${query}emotePort==443`);
  const formatted = edits[0]?.text ?? `${query}emotePort==443`;
  assert.equal(formatted.match(/"10\.0\.\d+\.\d+"/g)?.length, 3000);
});

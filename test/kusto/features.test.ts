// Editor features of the Kusto adapter on multi-query documents, by document offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKustoService } from '../../core/kusto/index.js';

const service = createKustoService({ platform: 'sentinel' });
const doc = [
  'SigninLogs | take 1',
  '',
  'let ips = dynamic(["10.0.0.1"]);',
  'DeviceNetworkEvents',
  '| where RemoteIP in (ips) and Timestamp > ago(1d)',
  '| summarize count() by bin(Timestamp, 1h)',
].join('\n');

test('completion offers the columns of the query around the caret', () => {
  const offset = doc.indexOf('RemoteIP in');
  const { editStart, items } = service.complete(doc, offset);
  assert.equal(editStart, offset);
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('RemoteIP') && labels.includes('Timestamp'));
  assert.equal(items.find((i) => i.label === 'RemoteIP')?.kind, 'column');
});

test('quick info gives the type and our documentation', () => {
  const info = service.quickInfo(doc, doc.indexOf('ago(') + 1);
  assert.match(info?.signature ?? '', /ago/);
  assert.match(info?.documentation ?? '', /before now/);
  assert.equal(info?.start, doc.indexOf('ago('));
  assert.equal(service.quickInfo(doc, doc.indexOf('RemoteIP'))?.signature, 'RemoteIP: string');
});

test('signature help knows the function and the argument', () => {
  const help = service.signatureHelp(doc, doc.indexOf('1h)'));
  assert.equal(help?.name, 'bin');
  assert.equal(help?.activeParameter, 1);
  assert.equal(service.signatureHelp(doc, doc.indexOf('take')), undefined);
});

test('classification marks tables, columns and functions at document offsets', () => {
  const tokens = service.classify(doc);
  const at = (word: string) => tokens.find((t) => t.start === doc.indexOf(word))?.kind;
  assert.equal(at('DeviceNetworkEvents'), 'table');
  assert.equal(at('RemoteIP'), 'column');
  assert.equal(at('ago'), 'function');
});

test('formatting edits only queries that change', () => {
  const messy = 'SigninLogs|take 1\n\nSecurityEvent | take 1';
  const edits = service.format(messy);
  assert.equal(edits.length, 1);
  assert.equal(edits[0]?.start, 0);
  assert.match(edits[0]?.text ?? '', /SigninLogs\s*\n?\s*\| take 1/);
});

test('let symbols and their uses', () => {
  const [symbol, ...rest] = service.letSymbols(doc);
  assert.equal(rest.length, 0);
  assert.equal(symbol?.name, 'ips');
  assert.equal(symbol?.kind, 'scalar');
  assert.equal(symbol?.nameStart, doc.indexOf('ips'));
  const uses = service.nameUses(doc, doc.indexOf('(ips)') + 1);
  assert.equal(uses.declaration?.start, doc.indexOf('ips'));
  assert.deepEqual(
    uses.references.map((r) => r.start),
    [doc.indexOf('(ips)') + 1],
  );
});

test('defanged indicators in strings are warnings with the refanged value', () => {
  const text =
    'DeviceNetworkEvents | where RemoteUrl has "hxxps://evil[.]com/a" or RemoteIP == "1.2.3[.]4"';
  const found = service.diagnose(text).filter((d) => d.code === 'KQLH001');
  assert.deepEqual(
    found.map((d) => [
      text.slice(d.start, d.start + d.length),
      (d as { refanged?: string }).refanged,
    ]),
    [
      ['hxxps://evil[.]com/a', 'https://evil.com/a'],
      ['1.2.3[.]4', '1.2.3.4'],
    ],
  );
});

test('a regex that matches a dot is not a defanged indicator', () => {
  const text =
    'DeviceNetworkEvents | where RemoteUrl matches regex "evil[.]com" | extend h = extract("([.]ru)", 1, RemoteUrl)';
  assert.deepEqual(service.diagnose(text), []);
});

test('a table declared with * accepts columns it does not list', () => {
  const open = createKustoService({
    platform: 'sentinel',
    customTables: { Okta_CL: '(TimeGenerated:datetime, *)' },
  });
  assert.deepEqual(open.diagnose('Okta_CL | where TimeGenerated > ago(1d) | project actor_s'), []);
  assert.equal(open.diagnose('Okta_CL | where TimeGenerated > 1').length, 1);
});

test('a caret after the last word of a query completes what follows it, not the word', () => {
  const service = createKustoService({ platform: 'sentinel' });
  // The query ends at "where"; the caret is past the space after it, at the end of the text
  // or of a line followed by a blank one.
  for (const text of ['SigninLogs | where ', 'SigninLogs\n| where \n\nDeviceInfo | take 1']) {
    const offset = text.indexOf('where ') + 'where '.length;
    const { editStart, items } = service.complete(text, offset);
    assert.equal(editStart, offset, text);
    assert.ok(
      items.some((i) => i.label === 'UserPrincipalName'),
      text,
    );
  }
  // After a blank line a new query begins: tables, not the previous query's operators.
  const next = 'SigninLogs | take 1\n\n';
  const { items } = service.complete(next, next.length);
  assert.ok(items.some((i) => i.label === 'SecurityEvent' && i.kind === 'table'));
  const call = 'SigninLogs\n| summarize count() by bin(TimeGenerated, ';
  assert.equal(service.signatureHelp(call, call.length)?.activeParameter, 1);
});

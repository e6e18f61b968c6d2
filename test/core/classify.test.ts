import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../core/ioc/classify.js';

test('a URL written without its scheme is a URL, kept without one', () => {
  assert.deepEqual(classify('evil.com/gate.php'), { type: 'url', value: 'evil.com/gate.php' });
  assert.deepEqual(classify('EVIL.com:8080/Gate'), { type: 'url', value: 'evil.com:8080/Gate' });
  assert.deepEqual(classify('1.2.3.4/x'), { type: 'url', value: '1.2.3.4/x' });
});

test('a CIDR is still a range, and a host with a stray slash is the host', () => {
  assert.deepEqual(classify('10.0.0.0/8'), { type: 'cidr', value: '10.0.0.0/8' });
  assert.deepEqual(classify('evil.com/'), { type: 'domain', value: 'evil.com' });
  assert.equal(classify('9.9.9.9/33'), undefined, 'a broken range is not a URL');
});

test('a wildcard domain is the domain: its hunt matches the subdomains', () => {
  assert.deepEqual(classify('*.evil.biz'), { type: 'domain', value: 'evil.biz' });
  assert.deepEqual(classify('.evil.biz'), { type: 'domain', value: 'evil.biz' });
  assert.equal(classify('*.com'), undefined, 'a bare public suffix is no domain');
  assert.equal(classify('.'), undefined);
});

test('prose with slashes is not a URL', () => {
  for (const word of ['and/or', 'TCP/IP', 'a.b/c', 'input/output.txt']) {
    assert.equal(classify(word), undefined, word);
  }
});

test('private and reserved addresses are reported but never hunted', async () => {
  const { huntReport } = await import('../../core/hunt/generate.js');
  const report = [
    '| Type | Value |',
    '|---|---|',
    '| ip | 10[.]1[.]2[.]3 |',
    '| ip | 192[.]0[.]2[.]7 |',
    '| cidr | 10[.]0[.]0[.]0/8 |',
    '| ip | 94[.]232[.]40[.]5 |',
  ].join('\n');
  const { report: read, hunts } = huntReport(report, { tables: ['DeviceNetworkEvents'] });
  assert.equal(read.iocs.length, 4);
  assert.equal(read.problems.filter((p) => /left out of hunts/.test(p.message)).length, 3);
  assert.equal(hunts.length, 1);
  assert.match(hunts[0]!.query, /"94\.232\.40\.5"/);
  assert.doesNotMatch(hunts[0]!.query, /10\.1\.2\.3|192\.0\.2\.7|10\.0\.0\.0/);
});

test('a URL on a private or documentation address is reported and not hunted', async () => {
  const { huntReport } = await import('../../core/hunt/generate.js');
  const report = [
    '| Type | Value |',
    '|---|---|',
    '| url | hxxp://198[.]51[.]100[.]77:8080/x |',
    '| url | hxxp://10[.]1[.]2[.]3/a |',
    '| url | hxxps://[2001:db8::1]/x |',
    '| url | hxxp://94[.]232[.]40[.]5/a |',
  ].join('\n');
  const { report: read, hunts } = huntReport(report, { tables: ['DeviceNetworkEvents'] });
  assert.deepEqual(
    read.problems.map((p) => [p.span.line, p.code]),
    [
      [3, 'reserved-address'],
      [4, 'private-address'],
      [5, 'reserved-address'],
    ],
  );
  assert.match(hunts[0]!.query, /"94\.232\.40\.5\/a"/);
  assert.doesNotMatch(hunts[0]!.query, /198\.51\.100|10\.1\.2\.3|2001:db8/);
});

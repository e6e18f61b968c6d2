import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defang, refang } from '../../core/ioc/refang.js';

const cases: [string, string][] = [
  ['172[.]245[.]4[.]229:2404', '172.245.4.229:2404'],
  ['evil(.)duckdns{.}org', 'evil.duckdns.org'],
  ['evil[dot]example(dot)com', 'evil.example.com'],
  ['evil[DOT]example[ . ]com', 'evil.example.com'],
  ['hxxps://evil[.]com/a', 'https://evil.com/a'],
  ['hXXps[:]//evil[.]com', 'https://evil.com'],
  ['HXXP[://]evil[.]com', 'http://evil.com'],
  ['hxxp:[/][/]evil[.]com', 'http://evil.com'],
  ['2001[:]db8[:][:]1', '2001:db8::1'],
  ['1[.]2[.]3[.]4[:]443', '1.2.3.4:443'],
  ['bad[@]evil[.]com', 'bad@evil.com'],
  ['bad[at]evil[.]com', 'bad@evil.com'],
  ['evil\\.com', 'evil.com'],
  ['`evil[.]com`', 'evil.com'],
  ['evil\u200b[.]com', 'evil.com'],
  ['(evil[.]com).', 'evil.com'],
  ['"hxxps://evil[.]com/path?x=1",', 'https://evil.com/path?x=1'],
  ['https://live.example.com/?HXXPkey=1', 'https://live.example.com/?HXXPkey=1'],
  ['https://en.example.org/wiki/A_(b)', 'https://en.example.org/wiki/A_(b)'],
  ['[2001:db8::1]:443', '[2001:db8::1]:443'],
  ['some_file\\_name', 'some_file_name'],
];

test('refangs every defang style, case-insensitively', () => {
  for (const [input, expected] of cases) assert.equal(refang(input).value, expected, input);
});

test('hxxps stays https, and the scheme is only refanged at the start', () => {
  assert.equal(refang('hxxps://a[.]com').value, 'https://a.com');
  assert.equal(refang('https://a.com/hxxp://b').value, 'https://a.com/hxxp://b');
});

test('plain "at" in a value is not an email separator', () => {
  assert.equal(refang('evil[.]at').value, 'evil.at');
  assert.equal(refang('cat.example.com').value, 'cat.example.com');
});

test('reports whether a value was defanged and which hidden characters it held', () => {
  assert.equal(refang('evil[.]com').wasDefanged, true);
  assert.equal(refang('evil.com').wasDefanged, false);
  const hidden = refang('ev\u202eil.com');
  assert.deepEqual(hidden.hiddenCharacters, ['\u202e']);
  assert.equal(hidden.hasBidiControls, true);
});

test('defang is the inverse of refang and idempotent', () => {
  for (const live of ['https://evil.com/a.php', 'bad@evil.com', '1.2.3.4', 'evil.duckdns.org']) {
    const safe = defang(live);
    assert.notEqual(safe, live);
    assert.equal(refang(safe).value, live);
    assert.equal(defang(safe), safe);
  }
});

test('trimming stays linear on long runs of punctuation', () => {
  const hostile = `a${'.'.repeat(200_000)}b${')'.repeat(200_000)}`;
  const started = performance.now();
  refang(hostile);
  refang('['.repeat(200_000));
  refang('[.]'.repeat(100_000));
  assert.ok(performance.now() - started < 2000);
});

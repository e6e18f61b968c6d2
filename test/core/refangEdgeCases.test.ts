// Regression tests for refang cases found while building the report fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../core/ioc/classify.js';
import { refang } from '../../core/ioc/refang.js';
import { validate } from '../../core/ioc/validate.js';

test('a bracketed IPv6 literal keeps its brackets even when its colons are defanged', () => {
  const result = refang('[2001[:]db8[:][:]1][:]443');
  assert.equal(result.value, '[2001:db8::1]:443');
  assert.equal(result.wasDefanged, true);
  assert.deepEqual(classify(result.value), { type: 'ipv6', value: '2001:db8::1', port: 443 });
});

test('nothing after the host of a live URL is refanged', () => {
  const live = 'https://live.example.com/r?HXXPkey=1&next=a[.]b&who=x[at]y';
  const result = refang(live);
  assert.equal(result.value, live);
  assert.equal(result.wasDefanged, false);
});

test('a defanged URL is still refanged throughout', () => {
  assert.equal(refang('hxxps://evil[.]com/?a=b[.]c').value, 'https://evil.com/?a=b.c');
  assert.equal(refang('https://evil[.]com/x').value, 'https://evil.com/x');
});

test('the look-alike warning for a URL names its host, not the whole URL', () => {
  const url = classify('https://xn--pypal-4ve.com/signin');
  assert.ok(url);
  assert.deepEqual(
    validate(url).map((f) => f.message),
    [
      'internationalised name p\u0430ypal.com (punycode xn--pypal-4ve.com): check for look-alike characters',
    ],
  );
});

test('an IPv4-mapped IPv6 address keeps its IPv4 part dotted, as logs write it', () => {
  assert.deepEqual(classify('::FFFF:0102:0304'), { type: 'ipv6', value: '::ffff:1.2.3.4' });
  assert.deepEqual(classify('[::ffff:1.2.3.4]:443'), {
    type: 'ipv6',
    value: '::ffff:1.2.3.4',
    port: 443,
  });
});

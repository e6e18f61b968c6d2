// Problem messages name a defanged value as the report wrote it: a refanged URL or domain in a
// message is a live link as soon as a terminal or a log viewer prints it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReport } from '../../core/report/readReport.js';

const table = (...rows: string[]) =>
  ['# Messages', '', '| Type | Value |', '|---|---|', ...rows.map((r) => `| ${r} |`), ''].join(
    '\n',
  );

const messages = (text: string, code: string) =>
  readReport(text)
    .problems.filter((p) => p.code === code)
    .map((p) => p.message);

test('a type-mismatch message shows the value defanged, as written', () => {
  assert.deepEqual(messages(table('domain | hxxps://evil-zz[.]com/gate'), 'type-mismatch'), [
    'the row says domain but hxxps://evil-zz[.]com/gate is a url; hunting it as url',
  ]);
});

test('a malformed-value message shows the value defanged, as written', () => {
  assert.deepEqual(messages(table('url | hxxps://evil-ww[.]com:99999/a'), 'malformed-value'), [
    '"hxxps://evil-ww[.]com:99999/a" is not a url',
  ]);
  assert.deepEqual(messages(table('domain | msiexec[.]exe'), 'malformed-value'), [
    '"msiexec[.]exe" looks like a file name, not a domain',
  ]);
});

test('no table problem message holds a refanged link', () => {
  const report = readReport(
    table(
      'domain | hxxps://evil-zz[.]com/gate',
      'ip | evil-yy[.]com',
      'url | hxxps://evil-ww[.]com:99999/a',
      'email | hxxp://evil-xx[.]com/b',
      'ip | hxxp://evil-vv[.]net/a',
    ),
  );
  assert.equal(report.problems.length, 5);
  for (const { message } of report.problems) {
    assert.doesNotMatch(message, /https?:\/\/|evil-[a-z]{2}\.(?:com|net)/, message);
  }
});

test('a value the report wrote live is named as it reads, with how it was written', () => {
  assert.deepEqual(messages(table('mutex | Global\\\\QakMutex'), 'malformed-value'), [
    '"Global\\QakMutex" is not an indicator (as written: Global\\\\QakMutex)',
  ]);
});

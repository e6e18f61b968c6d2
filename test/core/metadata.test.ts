// Report-level reading: metadata from loose `Key: value` lines, and prose indicators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReport } from '../../core/report/readReport.js';

test('every family key of the vocabulary names the family', () => {
  const family = (line: string) => readReport(`# T\n\n${line}\n`).family;
  assert.equal(family('Malware: QakBot'), 'QakBot');
  assert.equal(family('**Malware Family:** Remcos Total IOCs: 2'), 'Remcos');
  assert.equal(family('Family: Lumma'), 'Lumma');
  assert.equal(family('Summary. Malware Family: AgentTesla'), 'AgentTesla');
  assert.equal(family('Malwarebytes flagged it: twice'), undefined);
});

test('a family of several words is not cut at the key that follows it', () => {
  const family = (line: string) => readReport(`# T\n\n${line}\n`).family;
  assert.equal(
    family('Malware Family: Agent Tesla Total IOCs: 2 IOC Types: ip:port'),
    'Agent Tesla',
  );
  assert.equal(family('Malware Family: Cobalt Strike Total IOCs: 5'), 'Cobalt Strike');
  assert.equal(family('Family: Lumma Stealer Severity: High'), 'Lumma Stealer');
  assert.equal(family('Family: Win32:Trojan Kryptik'), 'Win32:Trojan Kryptik');
  assert.equal(family('Malware Family: Remcos Total IOCs: 2 IOC Types: ip:port, domain'), 'Remcos');
});

test('hidden characters in a prose indicator are reported as in a table', () => {
  const report = readReport('# T\n\nBeacon to micro\u202esoft-update[.]com today.\n');
  assert.deepEqual(
    report.iocs.map((i) => i.value),
    ['microsoft-update.com'],
  );
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.span.line, p.message]),
    [
      [
        'suspicious-characters',
        3,
        'text-direction override characters removed from the value (U+202E)',
      ],
    ],
  );
});

test('key=value tokens in code yield the value as an indicator', () => {
  const report = readReport(
    '# T\n\n```\nsha1=a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 url=hxxp://evil[.]com/a?b=c\n```\n',
  );
  assert.deepEqual(
    report.iocs.map((i) => [i.type, i.value, i.original]),
    [
      [
        'sha1',
        'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
        'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
      ],
      ['url', 'http://evil.com/a?b=c', 'hxxp://evil[.]com/a?b=c'],
    ],
  );
});

test('a short "Conf" header is the confidence column', () => {
  const report = readReport(
    '# T\n\n| Type | Value | Conf |\n|---|---|---|\n| domain | evil-a[.]com | Low |\n| domain | evil-b[.]com | 90 |\n',
  );
  assert.deepEqual(
    report.iocs.map((i) => [i.value, i.confidence]),
    [
      ['evil-a.com', 20],
      ['evil-b.com', 90],
    ],
  );
});
